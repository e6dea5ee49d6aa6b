"""The user-facing commands: check, new, and strange input that must never crash."""

from __future__ import annotations

import random
from datetime import datetime

import pytest
from conftest import run_script

from kriya import pipeline, schema
from kriya.convert import WIB
from kriya.settings import Settings

STRANGE = [
    b"---\n---\n",
    b"---\n: \n---\n",
    b"---\n? [a, b]\n: c\n---\n",
    b"---\n[unclosed\n---\n",
    b"---\ntitle: &a x\nfoo: *a\n---\n",
    b"---\ntitle: [1, {2: 3}]\ndate: [2025]\ndescription: {a: b}\n---\n",
    b"---\ntitle: 12\ndate: 2025-01-01\ndescription: 3.5\ntags: [1, null]\n---\n",
    b"---\n<<: {title: x}\n---\n",
    b"---\ntitle: x\n---\n---\n---\n",
    b"\xef\xbb\xbf\r\n---\r\ntitle: x\r\n---\r\n",
    "---\ntitle:\u00a0Judul\u200b\ndate: 2025-01-01\ndescription: x\n---\n".encode(),
    b"---\nprice: .inf\nwhatsapp: 0o17\nimages: [{src: null}]\n---\n",
    b"---\nimage: [a]\nimage_alt: 1\nslug: Judul Baru\n---\n",
    b"---\ntitle: x\ndate: 2025-01-01\ndescription: x\n---\n[a](<>) ![b]() [c](../../../../x.md)\n",
]


@pytest.mark.parametrize("data", STRANGE)
@pytest.mark.parametrize("collection", ["news", "products"])
def test_strange_files_never_crash(tmp_path, data, collection):
    target = tmp_path / "content" / collection / "2025-01-01-aneh.md"
    target.parent.mkdir(parents=True)
    target.write_bytes(data)
    pipeline.run(Settings(root=tmp_path), datetime(2026, 1, 1, tzinfo=WIB))


def test_random_bytes_never_crash(tmp_path):
    rng = random.Random(7)
    folder = tmp_path / "content" / "news"
    folder.mkdir(parents=True)
    alphabet = b"---\n:-[]{}'\"#&*!|>%@`\t \xe9\xff" + bytes(range(97, 123))
    for number in range(150):
        body = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
        (folder / f"f{number}.md").write_bytes(b"---\n" + body + b"\n---\nisi\n")
    result = pipeline.run(Settings(root=tmp_path), datetime(2026, 1, 1, tzinfo=WIB))
    assert all(p.path.startswith("content/news/") for p in result.problems)


def test_check_reports_every_problem_and_fails(fixture_copy):
    path = fixture_copy / "content" / "products" / "keripik-uji.md"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("kecamatan: Tiris", "kecamatan: Tris")
        .replace("category: kuliner-olahan", "category: makanan"),
        encoding="utf-8",
    )
    result = run_script("check.py", root=fixture_copy)
    assert result.returncode == 1
    assert "content/products/keripik-uji.md:4: category:" in result.stdout
    assert "content/products/keripik-uji.md:5: kecamatan: 'Tris'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "2 masalah di 1 file" in result.stdout


def test_check_passes_on_good_content(fixture_copy):
    result = run_script("check.py", root=fixture_copy)
    assert result.returncode == 0, result.stdout
    assert "Konten OK" in result.stdout


def test_new_creates_valid_draft_and_never_overwrites(fixture_copy):
    for kind, title, path in (
        (
            "news",
            "Pelatihan: Ekspor Kerajinan",
            "content/news/2026-11-20-pelatihan-ekspor-kerajinan.md",
        ),
        ("product", "Tikar Pandan Warna", "content/products/tikar-pandan-warna.md"),
    ):
        first = run_script("new.py", kind, title, root=fixture_copy)
        assert first.returncode == 0, first.stdout + first.stderr
        created = fixture_copy / path
        text = created.read_text(encoding="utf-8")
        assert "draft: true" in text and "#" in text
        for row in schema.FIELDS["news" if kind == "news" else "products"]:
            assert f"# {row.label}: " in text and f"{row.key}: " in text  # from the table
        again = run_script("new.py", kind, title, root=fixture_copy)
        assert again.returncode == 1 and "tidak ditimpa" in again.stdout
        assert created.read_text(encoding="utf-8") == text
    product = (fixture_copy / "content/products/tikar-pandan-warna.md").read_text(encoding="utf-8")
    assert '\n# dimensions: "30 x 20 x 10 cm"\n' in product and "\n# weight: 850\n" in product
    check = run_script("check.py", root=fixture_copy)
    assert check.returncode == 0, check.stdout  # the templates validate as they are
