"""The writers' guide (PANDUAN-PENULIS.md) is a page of the site, /panduan/, in the site's
frame with its screenshots, kept out of search, the sitemap and search engines."""

from __future__ import annotations

import shutil

from conftest import ROOT, run_script

GUIDE = "PANDUAN-PENULIS.md"


def test_the_guide_is_a_readable_page_with_its_images(fixture_copy, browser):
    shutil.copy(ROOT / GUIDE, fixture_copy / GUIDE)
    shutil.copytree(ROOT / "panduan-gambar", fixture_copy / "panduan-gambar")
    done = run_script("build.py", root=fixture_copy)  # its link check covers the images
    assert done.returncode == 0, done.stdout + done.stderr
    site = fixture_copy / "site"
    html = (site / "panduan" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert "data-pagefind-body" not in html  # search indexes only pages marked so
    assert "<title>Panduan Penulis Situs Dekranasda" in html
    assert "Bagaimana tulisan saya sampai ke situs" in html
    assert "<table>" in html  # the field tables, rendered
    assert "panduan/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert '<meta name="robots"' not in (site / "index.html").read_text(encoding="utf-8")
    from serve import serve_folder

    with serve_folder(site) as base:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(base + "panduan/")
        shown = page.evaluate(
            "Promise.all([...document.images].filter(i => i.src.includes('panduan-gambar'))"
            ".map(i => i.decode().then(() => i.naturalWidth)))"
        )
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        page.close()
    assert len(shown) == 4 and all(width > 0 for width in shown)
    assert overflow <= 0  # tables and code scroll inside the page, not the page itself


def test_a_site_without_the_guide_builds_no_guide_page(built_site):
    assert not (built_site / "panduan").exists()
