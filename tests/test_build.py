"""A real build of the small fixture site, checked by reading the HTML."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import NOW as NOW_ISO
from conftest import run_script


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def all_text(site: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in site.rglob("*") if p.is_file()
    )


def test_every_published_item_has_its_page(built_site):
    for path in (
        "berita/rakernas-uji",
        "berita/pelatihan-uji",
        "berita/pameran-uji",
        "katalog/batik-uji",
        "katalog/keripik-uji",
        "katalog/tas-uji",
    ):
        assert (built_site / path / "index.html").is_file(), path
    article = read(built_site, "berita/rakernas-uji")
    assert "Rakernas Uji: Hari Pertama" in article
    assert "Selasa, 23 September 2025" in article
    assert "Humas Uji" in article
    assert 'alt="Peserta rakernas di ruang pertemuan"' in article


def test_drafts_and_future_items_appear_nowhere(built_site):
    text = all_text(built_site)
    for marker in (
        "DRAFTFIXTURE",
        "FUTUREFIXTURE",
        "draftfixturetag",
        "draf-uji",
        "masa-depan-uji",
        "produk-nanti",
        "draf-produk",
    ):
        assert marker not in text, marker
    assert not (built_site / "berita" / "draf-uji").exists()
    assert not (built_site / "katalog" / "kategori" / "gerabah").exists()


def test_listings_taxonomies_and_pagination(built_site):
    first = read(built_site, "berita")
    first = first[first.index('class="kriya-list"') :]
    second = read(built_site, "berita/halaman/2")
    # newest first, two per page in the fixture
    assert first.index("Pameran Uji") < first.index("Pelatihan")
    assert "Rakernas Uji" in second and "Halaman 2 dari 2" in second
    assert "Rakernas Uji" in read(built_site, "berita/kategori/kegiatan")
    assert "Rakernas Uji" in read(built_site, "berita/tag/umkm-kerajinan")
    assert "Keripik Uji" in read(built_site, "katalog/kategori/kuliner-olahan")
    assert "Keripik Uji" in read(built_site, "katalog/kecamatan/tiris")
    umkm = read(built_site, "umkm/batik-uji-jaya")
    assert "Tas Anyaman Uji" in umkm and "Batik Uji" in umkm
    assert "Batik Uji Jaya" in read(built_site, "umkm")


def test_prices_badges_and_whatsapp(built_site):
    batik = read(built_site, "katalog/batik-uji")
    assert "Rp 350.000" in batik
    assert "HKI" in batik and "NIB" in batik
    link = re.search(r'href="(https://wa\.me/[^"]+)"', batik)[1]
    assert link.startswith("https://wa.me/6281200001111?text=")
    assert "katalog%2Fbatik-uji%2F" in link  # names the product page
    keripik = read(built_site, "katalog/keripik-uji")
    assert "Rp 15.000 – Rp 45.000" in keripik and "wa.me" not in keripik
    assert "Hubungi penjual" in read(built_site, "katalog/tas-uji")


def test_size_and_weight_only_where_written(built_site):
    batik = read(built_site, "katalog/batik-uji")
    assert '<tr><th scope="row">Ukuran</th><td>200 x 115 cm</td></tr>' in batik
    assert '<tr><th scope="row">Berat</th><td>350 gram</td></tr>' in batik
    assert '"weight":{"@type":"QuantitativeValue","value":350,"unitCode":"GRM"}' in batik
    keripik = read(built_site, "katalog/keripik-uji")
    assert ">Ukuran<" not in keripik and ">Berat<" not in keripik


def test_front_matter_is_escaped_and_body_sanitised(built_site):
    batik = read(built_site, "katalog/batik-uji")
    assert "<script>alert(1)</script>" not in batik
    assert "Batik Uji &lt;script&gt;" in batik
    article = read(built_site, "berita/rakernas-uji")
    assert 'alert("xss")' not in article
    assert "javascript:" not in article
    assert "onclick" not in article
    assert 'href="https://contoh.example/"' in article
    assert "Pelatihan &lt;b&gt;Uji&lt;/b&gt; &amp; Sertifikasi" in read(
        built_site, "berita/pelatihan-uji"
    )


def test_links_and_images_resolve_relatively(built_site):
    article = read(built_site, "berita/rakernas-uji")
    assert 'href="../pelatihan-uji/"' in article  # .md link rewritten to the page URL
    for src in re.findall(r'<img[^>]+src="([^"]+)"', article):
        if not src.startswith(("http", "data:")):
            assert (built_site / "berita" / "rakernas-uji" / src).resolve().is_file(), src


def test_home_shows_latest_news_and_featured_products(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Situs uji kecil" in home
    assert "Pameran Uji" in home and "Batik Uji" in home
    latest = home[home.index('id="berita-terbaru"') :]
    assert latest.index("Pameran Uji") < latest.index("Pelatihan")


def test_navigation_lists_sections_not_items(built_site):
    article = read(built_site, "berita/rakernas-uji")
    nav = article[article.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "Pameran Uji" not in nav and "Keripik Uji" not in nav


def test_404_page_is_indonesian(built_site):
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Halaman tidak ditemukan" in page


def test_failed_build_leaves_previous_site_untouched(fixture_copy):
    assert run_script("build.py", root=fixture_copy).returncode == 0
    site = fixture_copy / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    bad = fixture_copy / "content" / "news" / "2025-11-05-pameran-uji.md"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("date: 2025-11-05", "date: 23/9/2025"),
        encoding="utf-8",
    )
    result = run_script("build.py", root=fixture_copy)
    assert result.returncode == 1
    assert "content/news/2025-11-05-pameran-uji.md:3: date:" in result.stdout
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(fixture_copy.glob(".site-*"))


def test_same_input_gives_same_output(fixture_copy, built_site):
    """Built again on another day (nothing is scheduled in between): every byte is the same,
    sitemap.xml.gz, feeds and the Pagefind bundle included (kriya.search_pack sorts what
    Pagefind writes in hash-map order)."""
    result = run_script("build.py", root=fixture_copy, now="2026-11-21T23:30:00+07:00")
    assert result.returncode == 0, result.stdout + result.stderr
    ours = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    again = {
        p.relative_to(fixture_copy / "site"): p.read_bytes()
        for p in (fixture_copy / "site").rglob("*")
        if p.is_file()
    }
    assert any(p.parts[0] == "pagefind" for p in ours)
    assert sorted(ours) == sorted(again)
    assert [str(path) for path in ours if ours[path] != again[path]] == []


def test_serve_preview_marks_drafts_scheduled_and_expired_items():
    """`mkdocs serve` shows held-back items with a banner naming why they are held back."""
    import re
    from datetime import datetime

    from conftest import FIXTURE_SITE

    from kriya import pipeline
    from kriya.adapter.config import load_settings

    settings = load_settings(FIXTURE_SITE / "mkdocs.yml")
    result = pipeline.run(settings, datetime.fromisoformat(NOW_ISO), preview=True)
    html = result.pages.html
    labels = {
        spec.path: re.search(r"PRATINJAU: (\w+)", html[spec.path])[1]
        for spec in result.pages.specs
        if "PRATINJAU" in html[spec.path]
    }
    assert labels["berita/draf-uji/"] == "draf"
    assert labels["berita/masa-depan-uji/"] == "terjadwal"
    assert labels["berita/pengumuman-lewat-uji/"] == "kedaluwarsa"
    assert "berita/rakernas-uji/" not in labels


def test_dirty_serve_renders_only_what_an_edit_changed(fixture_copy, tmp_path, monkeypatch):
    """`make serve` (a dirty serve build): after a sentence is added to one article, the
    rebuild rewrites that article's page and no other (hand-written pages are rendered again
    but hold the same bytes); a page whose file is gone is removed."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    monkeypatch.setenv("KRIYA_NOW", NOW_ISO)
    out = tmp_path / "preview"
    # MkDocs keeps plugins that have on_startup for the whole process: start from a fresh
    # KriyaPlugin, and leave none in serve mode behind for other tests.
    plugins = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    plugins.clear()

    def rebuild():
        config = load_config(str(fixture_copy / "mkdocs.yml"), site_dir=str(out))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        return {
            p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("index.html")
        }

    try:
        first = rebuild()
        article = fixture_copy / "content" / "news" / "2025-09-23-rakernas-uji.md"
        article.write_text(
            article.read_text(encoding="utf-8") + "\nKalimat suntingan baru.\n", encoding="utf-8"
        )
        second = rebuild()
        changed = {page for page in second if second[page] != first.get(page)}
        assert changed == {"berita/rakernas-uji/index.html"}
        assert "Kalimat suntingan baru." in (out / "berita/rakernas-uji/index.html").read_text()
        (fixture_copy / "content" / "products" / "tas-uji.md").unlink()
        third = rebuild()
        assert "katalog/tas-uji/index.html" not in third  # its file was deleted
        assert "tas-uji" not in (out / "katalog/index.html").read_text()
    finally:
        plugins.clear()


def test_serve_memo_gives_the_same_pages_as_a_fresh_run(fixture_copy):
    """The memo `mkdocs serve` keeps between rebuilds (parsed and validated files, bodies, page
    HTML) never changes what is built: after an edit, every page equals a run without it."""
    from datetime import datetime

    from kriya import pipeline
    from kriya.adapter.config import load_settings
    from kriya.speed import Memo, Speed

    settings = load_settings(fixture_copy / "mkdocs.yml")
    now = datetime.fromisoformat(NOW_ISO)
    memo = Speed(Memo())

    def pages(result):
        return {
            s.path: (s.title, result.pages.html[s.path], s.description, s.image, repr(s.head))
            for s in result.pages.specs
        }

    first = pipeline.run(settings, now, preview=True, speed=memo)
    again = pipeline.run(settings, now, preview=True, speed=memo)
    assert pages(again) == pages(first)
    assert again.index.news[0] is first.index.news[0]  # remembered, not validated again
    article = fixture_copy / "content" / "news" / "2025-10-01-pelatihan-uji.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("title:", "title: Baru", 1)
        + "\nKalimat tambahan.\n",
        encoding="utf-8",
    )
    edited = pipeline.run(settings, now, preview=True, speed=memo)
    fresh = pipeline.run(settings, now, preview=True)
    assert pages(edited) == pages(fresh) != pages(first)
    assert sorted(v.path for v in edited.pages.images.variants()) == sorted(
        v.path for v in fresh.pages.images.variants()
    )
    # A photo deleted while nothing else changed: the remembered validation sees it.
    (fixture_copy / "content" / "products" / "img" / "produk.jpg").unlink()
    gone = pipeline.run(settings, now, preview=True, speed=memo)
    assert [str(p) for p in gone.problems] == [
        str(p) for p in pipeline.run(settings, now, preview=True).problems
    ]
    assert any("produk.jpg" in str(p) for p in gone.problems)


def test_serve_shows_problems_over_the_last_good_page(fixture_copy, tmp_path, monkeypatch, browser):
    """While a file has a problem, the preview keeps its last good page and every page shows
    the problems (file, line, message) over it; once fixed, they are gone."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig
    from serve import serve_folder

    monkeypatch.setenv("KRIYA_NOW", NOW_ISO)
    out = tmp_path / "preview"
    plugins = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    plugins.clear()

    def rebuild():
        config = load_config(str(fixture_copy / "mkdocs.yml"), site_dir=str(out))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)

    def overlay(page, path: str, expected: bool) -> str:
        page.goto(base + path)
        alert = page.get_by_role("alert")
        if expected:  # the overlay is added by a script: wait for it (a loaded machine is slow)
            alert.first.wait_for(timeout=15_000)
        else:
            page.wait_for_timeout(300)
        return alert.inner_text() if alert.count() else ""

    article = fixture_copy / "content" / "news" / "2025-09-23-rakernas-uji.md"
    good = article.read_text(encoding="utf-8")
    try:
        rebuild()
        article.write_text(good.replace("date:", "date: 23/9/2025\nx_date:", 1), encoding="utf-8")
        rebuild()
        assert (out / "berita" / "rakernas-uji" / "index.html").exists()  # last good page
        with serve_folder(out) as base:
            page = browser.new_page()
            shown = overlay(page, "katalog/batik-uji/", expected=True)
            assert "content/news/2025-09-23-rakernas-uji.md:" in shown and "date" in shown
            assert "masalah konten" in shown
            article.write_text(good, encoding="utf-8")
            rebuild()
            assert overlay(page, "katalog/batik-uji/", expected=False) == ""
            page.close()
    finally:
        plugins.clear()


def test_large_pages_written_in_pieces_are_the_same_bytes(fixture_copy, tmp_path, monkeypatch):
    """A page whose HTML is large (the print catalog of a big catalog) is written by Kriya,
    unpacked in pieces into the theme's output: the same bytes MkDocs writes for it whole."""
    from datetime import datetime

    from kriya.adapter import plugin
    from kriya.adapter.config import load_settings
    from kriya.commands.build import render_site
    from kriya.speed.limits import Limits

    settings = load_settings(fixture_copy / "mkdocs.yml")
    now = datetime.fromisoformat(NOW_ISO)

    def site(name: str) -> dict[str, bytes]:
        folder = tmp_path / name
        assert render_site(settings, fixture_copy, folder, now) is not None
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}

    whole = site("utuh")
    monkeypatch.setattr(plugin, "LIMITS", Limits(large_page=0))  # every page is large
    pieces = site("potongan")
    assert len(whole) > 20
    assert "katalog/cetak/index.html" in pieces
    assert [path for path in whole if pieces.get(path) != whole[path]] == []


def test_mkdocs_renders_after_the_items_are_let_go(fixture_copy, tmp_path, monkeypatch):
    """MkDocs gets no item (the Markdown of every body: 56 MiB at 10,000 + 10,000 items):
    every item is freed before MkDocs makes its own objects for every page."""
    import gc
    import weakref
    from datetime import datetime

    from kriya import pipeline
    from kriya.adapter.config import load_settings
    from kriya.commands import build

    items, alive = [], []
    run, build_with_mkdocs = pipeline.run, build.build_with_mkdocs

    def run_and_watch(*args, **kwargs):
        result = run(*args, **kwargs)
        index = result.index
        items.extend(map(weakref.ref, (*index.news, *index.products, *index.held_back)))
        return result

    def build_and_count(*args, **kwargs):
        gc.collect()
        alive.extend(ref() for ref in items if ref() is not None)
        return build_with_mkdocs(*args, **kwargs)

    monkeypatch.setattr(pipeline, "run", run_and_watch)
    monkeypatch.setattr(build, "build_with_mkdocs", build_and_count)
    settings = load_settings(fixture_copy / "mkdocs.yml")
    now = datetime.fromisoformat(NOW_ISO)
    summary = build.render_site(settings, fixture_copy, tmp_path / "situs", now)
    assert summary is not None and "berita" in summary["counts"]
    assert len(items) > 5
    assert alive == []
    assert (tmp_path / "situs" / "berita" / "rakernas-uji" / "index.html").is_file()


def test_memory_given_back_leaves_the_process():
    """Memory freed amid memory still held stays with a process until it is given back
    (glibc: malloc_trim), which `kriya build` does before MkDocs renders the whole site."""
    script = (
        "from kriya.speed import give_back_memory\n"
        "from kriya.speed.workers import resident_mib\n"
        "blocks = [bytes(2000) + bytes([i % 256]) for i in range(50_000)]\n"
        "after = [bytes(2000) + b'x' for _ in range(10)]  # held: the freed blocks lie below\n"
        "del blocks\n"
        "freed = resident_mib()\n"
        "give_back_memory()\n"
        "print(freed - resident_mib())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) > 60  # of the 100 MB freed
