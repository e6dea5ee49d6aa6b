"""Pages rendered by two processes are byte-identical to pages rendered by one."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import NOW, ROOT

sys.path.insert(0, str(ROOT / "tools" / "bench"))
from generate import generate  # noqa: E402


def build(root, site, serial: bool):
    env = {**os.environ, "KRIYA_NOW": NOW}
    env.pop("KRIYA_SERIAL", None)
    if serial:
        env["KRIYA_SERIAL"] = "1"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--root",
                           str(root), "--site-dir", str(site)], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # Pagefind's own determinism is tested with the fixture site; here only pages matter.
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


def test_parallel_render_gives_the_same_site(tmp_path):
    root = tmp_path / "proyek"
    generate(root, 120, 120, seed=3)
    parallel = build(root, tmp_path / "paralel", serial=False)
    serial = build(root, tmp_path / "serial", serial=True)
    assert len(parallel) > 400
    assert parallel.keys() == serial.keys()
    assert sorted(str(p) for p in parallel if parallel[p] != serial[p])[:5] == []
