"""Pages render in headless Chromium on a phone and a desktop, with no console errors."""

from __future__ import annotations

import pytest

PAGES = ["", "berita/", "berita/rakernas-uji/", "katalog/", "katalog/batik-uji/", "umkm/"]
VIEWPORTS = {"phone": (375, 812), "desktop": (1280, 900)}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_without_errors(browser, site_url, path, viewport):
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(site_url + path)
    assert response.status == 200
    page.wait_for_load_state("load")
    assert page.locator("h1").first.is_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"horizontal scrolling on {path}: {scroll_width}px"
    broken = page.evaluate("""[...document.images]
        .filter(img => img.complete && img.naturalWidth === 0 && img.loading !== 'lazy')
        .map(img => img.src)""")
    assert broken == []
    assert errors == []
    page.close()


def test_whatsapp_button_opens_prefilled_chat(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    page.goto(site_url + "katalog/batik-uji/")
    button = page.get_by_role("link", name="Pesan lewat WhatsApp")
    assert button.is_visible()
    href = button.get_attribute("href")
    assert href.startswith("https://wa.me/6281200001111?text=Halo")
    page.close()


def test_missing_page_shows_indonesian_404(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "404.html")
    assert "Halaman tidak ditemukan" in page.locator("h1").first.inner_text()
    page.close()
