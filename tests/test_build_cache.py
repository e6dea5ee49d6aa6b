"""The build cache (.cache/kriya-build): across a sequence of edits, additions, renames and
deletions, a build that reuses the last good build's work writes exactly the site a build
from nothing writes, byte for byte; a damaged or foreign cache means a full build and one
line saying so."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_SITE, ROOT, run_script

NEWS = "content/news/2025-10-01-pelatihan-uji.md"
CACHE = Path(".cache") / "kriya-build"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def build(root: Path, *args: str) -> str:
    result = run_script("build.py", *args, root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def assert_same_as_full(root: Path, scratch: Path) -> str:
    """Build `root` with its cache, and a copy of it from nothing; the two sites must match.
    Returns the cached build's output."""
    said = build(root)
    fresh = scratch / "penuh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns(".cache", "site"))
    build(fresh, "--no-cache")
    cached, full = files_of(root / "site"), files_of(fresh / "site")
    assert sorted(cached) == sorted(full)
    different = [path for path in full if cached[path] != full[path]]
    assert not different, different[:10]
    # no kept page was written over in place (the kept files are hard links into the site)
    kept = (root / CACHE / "halaman").iterdir()
    assert [p.name for p in kept if p.stat().st_size != int(p.name.partition("-")[2])] == []
    folders = {p.relative_to(root / "site") for p in (root / "site").rglob("*") if p.is_dir()}
    assert folders == {
        p.relative_to(fresh / "site") for p in (fresh / "site").rglob("*") if p.is_dir()
    }
    return said


def reused(said: str) -> int:
    """How many pages the build linked in from the cache (its summary says)."""
    line = next(line for line in said.splitlines() if line.startswith("Cache build: "))
    return int(line.split()[2])


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "proyek"
    shutil.copytree(FIXTURE_SITE, root)
    return root


def test_a_sequence_of_changes_gives_the_full_builds_site(project, tmp_path):
    said = assert_same_as_full(project, tmp_path)  # first: nothing cached yet
    assert "Belum ada cache build; build penuh." in said
    assert (project / CACHE / "kunci.txt").is_file()

    news = project / NEWS
    news.write_text(news.read_text(encoding="utf-8") + "\nKalimat tambahan.\n", encoding="utf-8")
    said = assert_same_as_full(project, tmp_path)
    assert "Cache build rusak" not in said and "build penuh" not in said
    assert reused(said) > 10  # most pages came from the cache

    products = project / "content" / "products"
    product = next(
        p
        for p in sorted(products.glob("*.md"))
        if ".en." not in p.name and not p.with_suffix(".en.md").exists()
    )
    text = product.read_text(encoding="utf-8")
    product.write_text(text.replace("title: ", "title: Baru ", 1), encoding="utf-8")
    assert_same_as_full(project, tmp_path)

    # a product with an English version: its English page shows the new price; then the
    # English file alone
    original = products / "batik-uji.md"
    original.write_text(
        original.read_text(encoding="utf-8").replace("price: 350000", "price: 375000"), "utf-8"
    )
    assert_same_as_full(project, tmp_path)
    english = products / "batik-uji.en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    assert_same_as_full(project, tmp_path)

    added = project / "content" / "news" / "2025-11-20-berita-tambahan-uji.md"
    added.write_text(
        "---\ntitle: Berita Tambahan Uji\ndate: 2025-11-20\n"
        "description: Sebuah berita baru untuk menguji cache build.\n---\n\nIsi berita baru.\n",
        encoding="utf-8",
    )
    assert_same_as_full(project, tmp_path)

    product.rename(product.with_name("produk-ganti-nama-uji.md"))
    assert_same_as_full(project, tmp_path)

    text = added.read_text(encoding="utf-8")
    added.write_text(text.replace("date:", "draft: true\ndate:", 1), encoding="utf-8")
    assert_same_as_full(project, tmp_path)

    added.unlink()
    assert_same_as_full(project, tmp_path)

    news.unlink()  # another article links to it: the cached one must say so
    result = run_script("build.py", root=project)
    assert result.returncode == 1
    assert "2025-10-01-pelatihan-uji.md' menuju file yang tidak ada" in result.stdout


def test_the_replaced_site_is_recycled_by_the_next_build(project, tmp_path):
    spare = project / ".site-cadangan"  # the site two builds back, see commands.build
    build(project)
    assert not spare.exists()  # nothing was replaced
    build(project)
    assert (spare / "index.html").is_file()
    page = next(spare.glob("berita/*/index.html"))
    page.unlink()
    page.write_text("diubah dari luar")  # neither the kept page nor a hard link to it
    (page.parent / "sisa.html").write_text("sisa")
    (spare / "folder-sisa" / "kosong").mkdir(parents=True)
    fragments = spare / "pagefind" / "fragment"  # kept where their bytes are still right
    next(fragments.iterdir()).write_bytes(b"rusak")
    (fragments / "zz.pf_fragment").write_bytes(b"sisa")
    news = project / NEWS
    news.write_text(news.read_text(encoding="utf-8") + "\nKalimat lain.\n", encoding="utf-8")
    said = assert_same_as_full(project, tmp_path)  # built in the spare
    assert "build penuh" not in said and reused(said) > 10
    assert spare.is_dir()  # the last site, for the next build
    build(project, "--no-cache")
    assert not spare.exists()  # nothing recycles it


def test_a_damaged_cache_means_a_full_build(project, tmp_path):
    build(project)
    (project / CACHE / "memo.pickle").write_bytes(b"bukan pickle")
    kept = sorted((project / CACHE / "halaman").iterdir())
    for page in kept[::2]:  # half the pages lost, one cut short
        page.unlink()
    kept[1].write_bytes(kept[1].read_bytes()[:100])
    said = assert_same_as_full(project, tmp_path)
    assert said.count("Cache build rusak") == 1
    said = build(project)  # the good build wrote a good cache again
    assert "rusak" not in said


def test_damaged_memo_values_are_made_again(project, tmp_path):
    build(project)
    values = project / CACHE / "memo.data"
    data = bytearray(values.read_bytes())
    for at in range(len(data) // 7, len(data), len(data) // 7):  # a byte changed here and there
        data[at] ^= 0xFF
    values.write_bytes(bytes(data))
    said = assert_same_as_full(project, tmp_path)
    assert said.count("Cache build rusak") == 1
    assert reused(said) > 0  # the values still whole were used
    values.write_bytes(values.read_bytes()[:-100])  # cut short: none is trusted
    said = assert_same_as_full(project, tmp_path)
    assert said.count("Cache build rusak") == 1
    assert "rusak" not in build(project)


def test_another_configuration_means_a_full_build(project, tmp_path):
    build(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# ubah\n", encoding="utf-8")
    said = assert_same_as_full(project, tmp_path)
    assert "Cache build dari versi Kriya, tema atau mkdocs.yml lain; build penuh." in said
    assert reused(said) == 0


def test_a_photo_deleted_after_a_cached_build_is_still_a_problem(project):
    build(project)
    article = project / "content" / "news" / "2025-09-23-rakernas-uji.md"
    assert "](img/sampul.jpg)" in article.read_text(encoding="utf-8")  # a photo in the body
    (project / "content" / "news" / "img" / "sampul.jpg").unlink()
    result = run_script("build.py", root=project)
    assert result.returncode == 1
    assert "rakernas-uji.md" in result.stdout and "sampul.jpg" in result.stdout


def test_no_cache_leaves_no_cache(project):
    build(project, "--no-cache")
    assert not (project / CACHE).exists()


def test_qr_codes_are_kept_with_the_image_cache(tmp_path):
    from kriya import qr

    made: list[str] = []

    def make(missing):
        made.extend(missing)
        return [qr.svg(a) for a in missing]

    first = ["https://contoh.example/katalog/a/", "https://contoh.example/katalog/b/"]
    codes = qr.cached(first, tmp_path, make)
    assert made == first and codes == {a: qr.svg(a) for a in first}
    made.clear()
    assert qr.cached(first[:1], tmp_path, make) == {first[0]: qr.svg(first[0])}
    assert made == []  # reused; the file now keeps only the code used
    assert first[1] not in (tmp_path / "qr.json").read_text(encoding="utf-8")

    # a code edited in the file is not trusted: it is made again
    kept = (tmp_path / "qr.json").read_text(encoding="utf-8")
    (tmp_path / "qr.json").write_text(kept.replace("<path", "<script>x</script><path"))
    assert qr.cached(first[:1], tmp_path, make) == {first[0]: qr.svg(first[0])}
    assert made == first[:1]
    (tmp_path / "qr.json").write_text("{rusak")  # a damaged file: every code made again
    assert qr.cached(first, tmp_path, make) == {a: qr.svg(a) for a in first}


def test_a_generated_site_through_edits_additions_renames_and_deletions(tmp_path):
    """The same on a generated site large enough for the forked workers of loading, bodies
    and MkDocs's pages (200 items and more)."""
    sys.path.append(str(ROOT / "tools" / "bench"))  # after tests/: both have a serve.py
    from generate import generate

    root = tmp_path / "besar"
    generate(root, 130, 130, seed=5)
    assert_same_as_full(root, tmp_path)
    news = sorted((root / "content" / "news").glob("*.md"))
    products = sorted((root / "content" / "products").glob("*.md"))

    first = news[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nSatu kalimat baru.\n", "utf-8")
    said = assert_same_as_full(root, tmp_path)
    assert reused(said) > 300

    copy = root / "content" / "news" / "2026-01-02-berita-salinan.md"
    copy.write_text(first.read_text(encoding="utf-8").replace("title: ", "title: Salinan ", 1))
    products[3].rename(products[3].with_name("produk-nama-baru.md"))
    products[5].unlink()
    news[7].unlink()
    assert_same_as_full(root, tmp_path)
