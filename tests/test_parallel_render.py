"""A site built with work shared between processes (loading, bodies, MkDocs pages) is
byte-identical to one built serially, and problems are reported the same."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import NOW, ROOT

sys.path.append(str(ROOT / "tools" / "bench"))  # after tests/: both have a serve.py
from generate import generate


def run_build(root, site, serial: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, "KRIYA_NOW": NOW}
    env.pop("KRIYA_SERIAL", None)
    if serial:
        env["KRIYA_SERIAL"] = "1"
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build.py"),
            "--root",
            str(root),
            "--site-dir",
            str(site),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def build(root, site, serial: bool):
    done = run_build(root, site, serial)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # Pagefind's own determinism is tested with the fixture site; here only pages matter.
    return {
        p.relative_to(site): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
    }


def test_parallel_render_gives_the_same_site(tmp_path):
    root = tmp_path / "proyek"
    generate(root, 120, 120, seed=3)
    parallel = build(root, tmp_path / "paralel", serial=False)
    serial = build(root, tmp_path / "serial", serial=True)
    assert len(parallel) > 400
    assert parallel.keys() == serial.keys()
    assert sorted(str(p) for p in parallel if parallel[p] != serial[p])[:5] == []


def test_problems_found_apart_are_reported_like_serial(tmp_path):
    """Problems found by the loading workers (a file that cannot be read), by validation (a
    price written with a thousands dot) and by page making (an unreadable photo)
    are reported as in a serial build."""
    root = tmp_path / "proyek"
    generate(root, 120, 120, seed=3)
    (root / "content" / "products" / "img" / "produk-001.jpg").write_bytes(b"bukan foto")
    (root / "content" / "news" / "2025-09-23-rusak.md").write_bytes(b"\xff\xfe-\x00-\x00")
    product = next((root / "content" / "products").glob("*.md"))
    text = product.read_text(encoding="utf-8")
    product.write_text(
        text.replace("\nkecamatan:", "\nprice: 150.000\nkecamatan:", 1), encoding="utf-8"
    )
    reports = []
    for serial in (False, True):
        done = run_build(root, root / "site", serial)
        assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
        reports.append(done.stdout)
    assert "produk-001.jpg" in reports[0] and "tidak bisa dibaca sebagai gambar" in reports[0]
    assert "2025-09-23-rusak.md" in reports[0] and "UTF-16" in reports[0]
    assert f"{product.name}:" in reports[0] and "150.000" in reports[0]
    assert reports[0] == reports[1]
    assert not (root / "site").exists()
