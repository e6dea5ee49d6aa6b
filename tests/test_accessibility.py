"""axe-core (the npm package in tools/audit, injected by Playwright) finds no violations, and
pages make no requests beyond the site itself."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

AXE = Path(__file__).resolve().parent.parent / "tools/audit/node_modules/axe-core/axe.min.js"
PAGES = [
    *("", "berita/", "berita/rakernas-uji/", "katalog/", "katalog/batik-uji/", "umkm/", "cari/"),
    *("katalog/cetak/", "katalog/cetak/kartu/"),
]
VIEWPORTS = {"phone": (375, 812), "desktop": (1280, 900)}


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE.is_file(), "axe-core missing: run `npm ci` in tools/audit (make test does)"
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(browser, site_url, built_site, axe_source, path, viewport):
    if path == "cari/" and not (built_site / "cari" / "index.html").is_file():
        pytest.fail("the search page /cari/ is missing")
    width, height = VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    result = axe_violations(page, axe_source)
    page.close()
    assert result == [], "\n".join(result)


def axe_violations(page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    return page.evaluate("""async () => {
        const found = await axe.run(document, {resultTypes: ['violations']});
        return found.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ` +
            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")


@pytest.mark.parametrize("panel", ["closed", "open"])
def test_search_filters_on_a_phone_have_no_axe_violations(browser, site_url, axe_source, panel):
    """/cari/ once search.js has shown results and filters (one ticked), with the phone's filter
    sheet closed and open."""
    page = browser.new_page(viewport={"width": 375, "height": 812})
    page.goto(site_url + "cari/?q=uji&kategori=Batik")
    page.locator(".kriya-cari__hasil .kriya-hasil__item").first.wait_for()
    page.locator(".kriya-cari__facet").first.wait_for(state="attached")
    toggle = page.locator(".kriya-cari__tombol")
    assert toggle.inner_text() == "Saring (1)"
    if panel == "open":
        toggle.click()
        page.locator(".kriya-cari__facet").first.wait_for()
    result = axe_violations(page, axe_source)
    page.close()
    assert result == [], "\n".join(result)


def requests_elsewhere(page, site_url: str) -> list[str]:
    """The list (filled as the page loads) of requests to another host; each is aborted."""
    own = urlsplit(site_url).netloc
    outside: list[str] = []

    def check(route):
        if urlsplit(route.request.url).netloc not in (own, ""):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", check)
    return outside


@pytest.mark.parametrize("path", PAGES)
def test_no_third_party_requests(browser, site_url, path):
    page = browser.new_page(viewport={"width": 375, "height": 812})
    outside = requests_elsewhere(page, site_url)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 20000)  # lazy images too
    page.wait_for_timeout(300)
    page.close()
    assert outside == []
