"""Catalog browsing without reloads, product badges and links, sharing, related items."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_product_page_badges_links_and_share(built_site):
    html = read(built_site, "katalog/batik-uji")
    badges = html[html.index('class="kriya-badges"') :]
    badges = badges[: badges.index("</ul>")]
    assert 'aria-label="Sertifikasi dan legalitas usaha"' in html
    assert "NIB" in badges and "Nomor Induk Berusaha" in badges  # read out in full
    assert "0220001234567" in badges  # the number, leading zero kept
    assert 'href="https://shopee.co.id/batik-uji-jaya"' in html
    assert 'href="https://www.instagram.com/batikujijaya/"' in html
    assert "api.whatsapp.com/send?text=" in html and "facebook.com/sharer" in html
    assert "x.com/intent/post" in html
    # Sharing needs no third-party script: every script is our own, relative.
    for src in re.findall(r'<script[^>]+src="([^"]+)"', html):
        assert not src.startswith(("http:", "https:", "//")), src


def test_related_products_and_articles(built_site):
    batik = read(built_site, "katalog/batik-uji")
    related = batik[batik.index('id="produk-terkait"') :]
    assert "Tas Anyaman Uji" in related  # same artisan
    article = read(built_site, "berita/rakernas-uji")
    assert re.search(r"\d+ menit baca", article)
    assert 'id="berita-terkait"' in article or "Berita lain" in article


def test_catalog_data_lists_published_products_only(built_site):
    data = json.loads((built_site / "katalog" / "produk-saring.json").read_text("utf-8"))
    titles = {item["t"] for item in data}
    assert "Keripik Uji" in titles and "Tas Anyaman Uji" in titles
    assert not any("FIXTURE" in title for title in titles)
    keripik = next(item for item in data if item["t"] == "Keripik Uji")
    assert keripik["p"] == 15000 and keripik["c"] == "kuliner-olahan" and keripik["k"] == "tiris"


def cards(page) -> list[str]:
    return page.locator("#kriya-hasil .kriya-card__title").all_inner_texts()


@pytest.fixture
def catalog(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "katalog/")
    page.wait_for_load_state("load")
    page.evaluate("window.__notReloaded = true")
    yield page
    assert page.evaluate("window.__notReloaded") is True  # filtering never reloads
    assert errors == []
    page.close()


def test_filter_by_category_with_the_keyboard(catalog):
    page = catalog
    form = page.locator("#kriya-filter")
    assert form.is_visible()
    select = page.get_by_role("combobox", name="Kategori", exact=True)
    assert select.evaluate("el => el.tagName") == "SELECT"
    select.focus()
    select.select_option("kuliner-olahan")  # what a keyboard or screen reader user does
    status = page.get_by_role("status").filter(has_text="produk")
    status.filter(has_text="1 dari 3").wait_for()
    assert cards(page) == ["Keripik Uji"]
    assert "kategori=kuliner-olahan" in page.url
    page.keyboard.press("Tab")  # focus moves on through the form
    assert page.evaluate("document.activeElement.id") == "saring-kecamatan"
    page.get_by_role("button", name="Hapus saringan").click()
    page.get_by_text("Menampilkan semua 3 produk").wait_for()
    assert len(cards(page)) == 3  # every product, not only the first page


def test_filter_by_certification_and_kecamatan(catalog):
    page = catalog
    page.get_by_role("combobox", name="Sertifikasi", exact=True).select_option("hki")
    page.get_by_text("1 dari 3 produk cocok").wait_for()
    assert cards(page) == ["Batik Uji <script>alert(1)</script>"]  # text, never HTML
    page.get_by_role("combobox", name="Sertifikasi", exact=True).select_option("")
    page.get_by_role("combobox", name="Kecamatan", exact=True).select_option("gending")
    page.get_by_text("1 dari 3 produk cocok").wait_for()
    assert cards(page) == ["Tas Anyaman Uji"]


def test_sort_by_price_and_newest(catalog):
    page = catalog
    page.get_by_role("combobox", name="Urutkan", exact=True).select_option("harga-naik")
    page.get_by_text("Menampilkan semua 3 produk").wait_for()
    names = cards(page)
    assert names.index("Keripik Uji") < names.index("Batik Uji <script>alert(1)</script>")
    assert names[-1] == "Tas Anyaman Uji"  # no price: last
    page.get_by_role("combobox", name="Urutkan", exact=True).select_option("harga-turun")
    page.wait_for_function(
        "document.querySelector('#kriya-hasil .kriya-card__title').textContent.startsWith('Batik')"
    )
    page.get_by_role("combobox", name="Urutkan", exact=True).select_option("terbaru")
    page.wait_for_function("location.search.includes('urut=terbaru')")
    assert cards(page)[0].startswith("Batik")  # the only dated product


def test_filter_from_the_address_and_labels(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "katalog/?kecamatan=tiris")
    page.get_by_text("1 dari 3 produk cocok").wait_for()
    assert cards(page) == ["Keripik Uji"]
    for name in ("Kategori", "Kecamatan", "Sertifikasi", "Urutkan"):
        assert page.get_by_role("combobox", name=name, exact=True).count() == 1
    assert page.locator("#kriya-count").get_attribute("role") == "status"  # polite live region
    page.close()


def test_without_javascript_the_static_pages_remain(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "katalog/")
    assert not page.locator("#kriya-filter").is_visible()
    page.get_by_role("link", name="Kuliner Olahan").first.click()
    assert "katalog/kategori/kuliner-olahan/" in page.url
    assert "Keripik Uji" in page.content()
    context.close()


def test_copy_link_button(browser, site_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "berita/rakernas-uji/")
    page.get_by_role("button", name="Salin tautan").click()
    page.get_by_text("Tautan disalin.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").endswith("/berita/rakernas-uji/")
    share = page.get_by_role("link", name="Bagikan ke WhatsApp")
    assert share.get_attribute("href").startswith("https://api.whatsapp.com/send?text=")
    context.close()
