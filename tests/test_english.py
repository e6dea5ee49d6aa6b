"""English versions of products (content/products/<slug>.en.md): loading and validation,
the pages under /en/ and their language frame, the English catalog's filters, search in the
English index, and accessibility. The fixture site has English versions of batik-uji,
keripik-uji and of the draft draf-produk (never published)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

import pytest
from test_accessibility import VIEWPORTS, axe_source, requests_elsewhere  # noqa: F401 - a fixture
from test_publishing import json_ld, meta, of_type

from kriya import pipeline
from kriya.convert import WIB
from kriya.search import read_fragment
from kriya.settings import Settings

SITE = "https://uji.example/"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=WIB)
PRODUCT = "---\ntitle: Tas\nartisan: Sri Rejeki\ncategory: anyaman\nkecamatan: Gending\n"
PRODUCT += "price: 150000\ndescription: Tas pandan.\n{extra}---\nIsi.\n"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return tmp_path


# Loading and validation -------------------------------------------------------------------


def test_translation_gives_title_description_materials_and_body_only(tmp_path):
    root = project(
        tmp_path,
        {
            "content/products/tas.md": PRODUCT.format(extra="slug: tas-pandan\n"),
            "content/products/tas.en.md": "---\ntitle: Bag\ndescription: A pandan bag.\n"
            "---\nWoven by hand.\n",
        },
    )
    result = pipeline.run(Settings(root=root), NOW)
    assert result.problems == []
    assert [p.path for p in result.index.products] == ["content/products/tas.md"]
    (english,) = result.index.english
    original = result.index.products[0]
    assert (english.title, english.description, english.lang) == ("Bag", "A pandan bag.", "en")
    assert english.body == "Woven by hand.\n" and english.materials == ()
    assert (english.slug, english.price, english.artisan) == (
        "tas-pandan",
        original.price,
        "Sri Rejeki",
    )
    assert result.index.english_of == {original.path: english}
    assert "en/catalog/tas-pandan/" in result.pages.html  # the original's slug


def test_translation_setting_a_field_of_the_original_is_refused(tmp_path):
    root = project(
        tmp_path,
        {
            "content/products/tas.md": PRODUCT.format(extra=""),
            "content/products/tas.en.md": "---\ntitle: Bag\ndescription: A bag.\nprice: 9\n---\n",
        },
    )
    result = pipeline.run(Settings(root=root), NOW)
    (problem,) = result.problems
    assert (problem.path, problem.line, problem.field) == ("content/products/tas.en.md", 4, "price")
    assert "content/products/tas.md" in problem.message and "Hapus baris ini" in problem.message
    assert result.index.english == ()


def test_translation_without_its_indonesian_file_is_named(tmp_path):
    root = project(
        tmp_path,
        {"content/products/tass.en.md": "---\ntitle: Bag\ndescription: A bag.\n---\n"},
    )
    (problem,) = pipeline.run(Settings(root=root), NOW).problems
    assert problem.path == "content/products/tass.en.md"
    assert "content/products/tass.md" in problem.message and "nama file" in problem.message


def test_translation_of_a_draft_is_held_back_with_it(tmp_path):
    root = project(
        tmp_path,
        {
            "content/products/tas.md": PRODUCT.format(extra="draft: true\n"),
            "content/products/tas.en.md": "---\ntitle: Bag\ndescription: A bag.\n---\n",
        },
    )
    result = pipeline.run(Settings(root=root), NOW)
    assert result.problems == [] and result.index.english == ()
    assert not any(path.startswith("en/") for path in result.pages.html)
    preview = pipeline.run(Settings(root=root), NOW, preview=True)  # make serve shows it
    assert "en/catalog/tas/" in preview.pages.html


# Pages of the built fixture site ------------------------------------------------------------


def test_english_product_page_frame(built_site):
    html = page(built_site, "en/catalog/batik-uji")
    assert re.search(r'<html lang="en"', html)
    assert meta(html, "og:locale") == "en_US" and meta(html, "og:locale:alternate") == "id_ID"
    assert 'aria-label="Navigation"' in html and "Navigasi" not in html  # Material's strings
    assert '<p class="kriya-price">IDR\u00a0350,000</p>' in html
    assert "Test Batik &lt;script&gt;alert(1)&lt;/script&gt;" in html  # escaped
    assert "<script>alert(1)" not in html
    assert "The story of the test batik, in English." in html
    assert "cotton, wax" in html and "350 g" in html
    whatsapp = unquote(re.search(r'href="(https://wa\.me/[^"]+)"', html)[1])
    assert 'Hello, I am interested in your product "Test Batik' in whatsapp
    assert whatsapp.endswith(SITE + "en/catalog/batik-uji/")
    nodes = json_ld(html)
    assert of_type(nodes, "WebPage")["inLanguage"] == "en"
    assert of_type(nodes, "Product")["offers"]["price"] == "350000"
    switch = re.search(
        r'<p class="kriya-lang"[^>]*><a href="([^"]+)" hreflang="id" lang="id">', html
    )
    assert switch and switch[1] == "../../../katalog/batik-uji/"


def test_indonesian_page_keeps_its_language_and_links_the_english_one(built_site):
    html = page(built_site, "katalog/batik-uji")
    assert re.search(r'<html lang="id"', html) and meta(html, "og:locale") == "id_ID"
    assert '<p class="kriya-price">Rp 350.000</p>' in html
    assert of_type(json_ld(html), "WebPage")["inLanguage"] == "id"
    assert 'href="../../en/catalog/batik-uji/" hreflang="en" lang="en">English</a>' in html
    tas = page(built_site, "katalog/tas-uji")  # no English version: no switch, no hreflang
    assert "hreflang" not in tas and 'class="kriya-lang"' not in tas


def hreflang(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel=" alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize(
    ("indonesian", "english"),
    [("katalog/batik-uji", "en/catalog/batik-uji"), ("katalog", "en/catalog"), ("", "en")],
)
def test_hreflang_links_each_pair_both_ways(built_site, indonesian, english):
    expected = {
        "id": SITE + (indonesian + "/" if indonesian else ""),
        "en": SITE + english + "/",
        "x-default": SITE + (indonesian + "/" if indonesian else ""),
    }
    assert hreflang(page(built_site, indonesian)) == expected
    assert hreflang(page(built_site, english)) == expected


def test_english_catalog_and_landing(built_site):
    listing = page(built_site, "en/catalog")
    assert '<html lang="en"' in listing
    assert "IDR\u00a015,000 – IDR\u00a045,000" in listing and "Test Mango Chips" in listing
    assert "Tas Anyaman Uji" not in listing  # no English version
    data = json.loads((built_site / "en/catalog/products.json").read_text("utf-8"))
    assert {item["t"] for item in data} == {
        "Test Batik <script>alert(1)</script>",
        "Test Mango Chips",
    }
    assert all(item["u"] in ("batik-uji/", "keripik-uji/") for item in data)
    landing = page(built_site, "en")
    assert '<html lang="en"' in landing and "Dekranasda Uji" in landing
    assert 'href="catalog/"' in landing


def test_drafts_translation_is_nowhere(built_site):
    assert not (built_site / "en/catalog/draf-produk").exists()
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".txt"):
            assert "ENGLISHDRAFTFIXTURE" not in path.read_text("utf-8", errors="replace"), path
    for fragment in (built_site / "pagefind/fragment").glob("*.pf_fragment"):
        assert "ENGLISHDRAFTFIXTURE" not in json.dumps(read_fragment(fragment))
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    assert SITE + "en/catalog/batik-uji/" in sitemap and "draf-produk" not in sitemap


def test_english_pages_have_their_own_search_index(built_site):
    entry = json.loads((built_site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == 2
    assert entry["languages"]["id"]["page_count"] == 6


def test_build_report_lists_products_without_english(fixture_copy):
    from conftest import run_script

    done = run_script("build.py", root=fixture_copy)
    assert done.returncode == 0, done.stderr
    assert "3 produk (2 dengan versi bahasa Inggris)" in done.stdout
    untranslated = done.stdout.split("- produk tanpa versi bahasa Inggris: 1\n")[1]
    assert untranslated.splitlines()[0].strip() == "Tas Anyaman Uji (content/products/tas-uji.md)"


# In Chromium --------------------------------------------------------------------------------


@pytest.fixture
def english_catalog(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "en/catalog/")
    page.wait_for_load_state("load")
    yield page
    assert errors == []
    page.close()


def test_english_catalog_filters_and_sorts(english_catalog):
    page = english_catalog
    names = lambda: page.locator("#kriya-hasil .kriya-card__title").all_inner_texts()  # noqa: E731
    page.get_by_role("combobox", name="Category").select_option("kuliner-olahan")
    page.get_by_role("status").filter(has_text="1 of 2 products match.").wait_for()
    assert names() == ["Test Mango Chips"]
    assert "category=kuliner-olahan" in page.url
    page.get_by_role("button", name="Clear filters").click()
    page.get_by_role("status").filter(has_text="Showing all 2 products.").wait_for()
    page.get_by_role("combobox", name="Sort by").select_option("harga-turun")
    page.wait_for_function("document.querySelector('#kriya-hasil a').textContent.includes('Batik')")
    assert names()[0].startswith("Test Batik") and "sort=harga-turun" in page.url
    page.get_by_role("combobox", name="Certification").select_option("pirt")
    page.get_by_role("status").filter(has_text="1 of 2").wait_for()
    assert names() == ["Test Mango Chips"]
    cards = page.locator("#kriya-hasil .kriya-card__price").all_inner_texts()
    assert cards == ["IDR\u00a015,000 – IDR\u00a045,000"]


def test_english_filter_from_the_address(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "en/catalog/?category=batik")
    page.get_by_role("status").filter(has_text="1 of 2").wait_for()
    assert page.get_by_role("combobox", name="Category").input_value() == "batik"
    page.close()


def test_search_box_on_an_english_page_finds_english_pages(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "en/catalog/batik-uji/")
    box = page.get_by_role("searchbox", name="Search products")
    box.fill("mango chips")
    result = page.locator(".kriya-search__panel .kriya-hasil__judul").first
    result.wait_for()
    assert result.inner_text() == "Test Mango Chips"
    href = page.locator(".kriya-search__panel a.kriya-hasil__tautan").first.get_attribute("href")
    assert "/en/catalog/keripik-uji/" in href
    page.close()


def test_an_indonesian_word_finds_the_english_page(browser, site_url):
    """A buyer types the Indonesian words on a label; the English pages say "chips" and
    "mango". Stock Pagefind finds nothing."""
    page = browser.new_page()
    page.goto(site_url + "en/catalog/")
    run = "([q, o]) => window.kriya.search(q, o)"
    assert page.evaluate(run, ["keripik mangga", {"plain": True}]) == []
    found = page.evaluate(run, ["keripik mangga", {"english": True}])
    assert [r["url"] for r in found] == ["/en/catalog/keripik-uji/"]
    both = page.evaluate(run, ["batik keripik", {"english": True}])  # no page has both
    assert {r["url"] for r in both} == {"/en/catalog/keripik-uji/", "/en/catalog/batik-uji/"}
    # Pagefind matches every word that starts with the query word: "tea" finds "teak" too
    two = {"/en/catalog/keripik-uji/", "/en/catalog/batik-uji/"}
    assert {r["url"] for r in page.evaluate(run, ["tea", {"plain": True}])} == two
    tea = page.evaluate(run, ["tea", {"english": True}])
    assert [r["url"] for r in tea] == ["/en/catalog/keripik-uji/"]
    # a word no page has whole still finds the pages with a longer word (typing under way)
    assert {r["url"] for r in page.evaluate(run, ["tes", {"english": True}])} == two
    page.close()


ENGLISH_PAGES = ["en/", "en/catalog/", "en/catalog/batik-uji/", "en/catalog/keripik-uji/"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["en/catalog/", "en/catalog/batik-uji/", "en/"])
def test_no_axe_violations_on_english_pages(browser, site_url, axe_source, path, viewport):  # noqa: F811
    from test_accessibility import test_no_axe_violations

    test_no_axe_violations(browser, site_url, None, axe_source, path, viewport)


@pytest.mark.parametrize("path", ENGLISH_PAGES)
def test_english_pages_fit_a_phone_and_stay_on_the_site(browser, site_url, path):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    outside = requests_elsewhere(page, site_url)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.get_by_role("searchbox").focus()  # the search box loads its engine
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.close()
    assert outside == []


def test_english_catalog_does_not_shift_when_its_filters_appear(browser, site_url):
    """The filter form is shown by catalog.js; its place is kept from the start (Lighthouse
    measured a layout shift of 0.18 when it pushed the cards down)."""
    page = browser.new_page(viewport={"width": 375, "height": 812})
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver((list) => { for (const e of "
        "list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    page.goto(site_url + "en/catalog/")
    page.locator("#kriya-filter:not([hidden])").wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.05
    page.close()
