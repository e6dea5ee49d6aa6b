"""The print catalog (katalog/cetak/) and the booth cards (katalog/cetak/kartu/), printed to
A4 PDFs by Chromium: page counts, no card cut by a page break, and QR codes that decode to the
products' addresses."""

from __future__ import annotations

import ctypes
import math
import re
import sys
from collections import Counter
from html import unescape
from io import BytesIO

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp
from conftest import NOW, ROOT, run_script
from PIL import Image
from serve import serve_folder
from test_search import fragments

from kriya import qr

sys.path.append(str(ROOT / "tools" / "bench"))  # after tests/: both have a serve.py
from generate import generate

# The layout print.css gives an A4 page (12 mm margins): 6 catalog cards under the page's
# header, 7 on every other page; each category starts a page; 4 booth cards to a sheet.
FIRST_PAGE, PER_PAGE, CARDS_PER_SHEET = 6, 7, 4
CARD_HEIGHT = {"catalog": 34 * 72 / 25.4, "booth": 136 * 72 / 25.4}  # points

SPLIT = (
    ".kriya-print__card { display: block !important; overflow: visible !important;"
    " break-inside: auto !important } .kriya-print__head { height: 40mm !important }"
)


def outlines(sheet, kind: str) -> list[float]:
    """Heights (points) of the card outlines drawn on a PDF page: the stroked border of each
    catalog card, or the two dashed sides of each booth card (Chromium fills the dashes)."""
    heights = []
    for obj in sheet.get_objects(max_depth=5):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
        left, bottom, right, top = obj.get_bounds()
        wide = kind == "catalog" and stroke.value and right - left > 250
        side = kind == "booth" and fill.value and right - left < 3
        if (wide or side) and top - bottom > 10:
            heights.append(top - bottom)
    return heights


GROUP = re.compile(r'<h2>([^<]*) <span class="kriya-print__count">\((\d+) produk\)')


def pdf_pages(page, address: str, kind: str, style: str = "") -> list[tuple[list[str], str]]:
    """(decoded QR codes, text) of each page of `address` printed to an A4 PDF; checks that
    every card outline on a page is whole (a card cut by a page break has shorter ones)."""
    page.goto(address, wait_until="networkidle")
    if style:
        page.add_style_tag(content=style)
    document = pdfium.PdfDocument(page.pdf(format="A4", prefer_css_page_size=True))
    pages = []
    for number in range(len(document)):
        sheet = document[number]
        width, height = sheet.get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        image = sheet.render(scale=200 / 72).to_pil()  # 200 dpi
        codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        text = " ".join(sheet.get_textpage().get_text_range().split())
        heights = outlines(sheet, kind)
        sides = 2 if kind == "booth" else 1
        assert len(codes) <= len(heights) <= len(codes) * sides
        assert all(abs(h - CARD_HEIGHT[kind]) < 2 for h in heights), heights
        pages.append(([code.text for code in codes], text))
    return pages


def expected_catalog_pages(counts: list[int]) -> int:
    first, *others = counts
    pages = 1 + math.ceil(max(0, first - FIRST_PAGE) / PER_PAGE)
    return pages + sum(math.ceil(n / PER_PAGE) for n in others)


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory):
    """A generated site of 50 products (three categories fill more than one page)."""
    root = tmp_path_factory.mktemp("cetak") / "proyek"
    generate(root, 2, 50, seed=3)
    done = run_script("build.py", root=root)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return root / "site"


def products_of(site) -> dict[str, tuple[str, str]]:
    """Absolute address -> (title, WhatsApp as printed) of every product in the catalog."""
    found = {}
    for page in (site / "katalog").glob("produk-*/index.html"):
        html = page.read_text(encoding="utf-8")
        title = unescape(re.search(r"<h1>(.*?)</h1>", html)[1])
        number = re.search(r"produk-(\d+)", page.parent.name)[1]
        address = f"https://skala.example/katalog/{page.parent.name}/"
        found[address] = (title, f"0812-0000-{int(number):04d}")
    return found


def test_print_catalog_pages_and_qr_codes(browser, generated_site):
    products = products_of(generated_site)
    assert len(products) == 50
    html = (generated_site / "katalog" / "cetak" / "index.html").read_text(encoding="utf-8")
    counts = [int(n) for _, n in GROUP.findall(html)]
    assert sum(counts) == 50 and max(counts) > PER_PAGE
    with serve_folder(generated_site) as base:
        page = browser.new_page()
        catalog = pdf_pages(page, base + "katalog/cetak/", "catalog")
        cards = pdf_pages(page, base + "katalog/cetak/kartu/", "booth")
        # the check itself: cards allowed to split (and a taller header) are caught
        with pytest.raises(AssertionError):
            pdf_pages(page, base + "katalog/cetak/", "catalog", style=SPLIT)
        page.close()
    assert len(catalog) == expected_catalog_pages(counts)
    assert len(cards) == math.ceil(50 / CARDS_PER_SHEET)
    assert [len(codes) for codes, _ in cards] == [4] * 12 + [2]
    for pages in (catalog, cards):
        # every code decodes, once: a card cut by a page break would lose its code
        assert Counter(code for codes, _ in pages for code in codes) == Counter(list(products))
        for codes, text in pages:
            for address in codes:
                title, whatsapp = products[address]
                assert title in text  # name and code on the same page
                if pages is catalog:
                    assert f"WhatsApp: {whatsapp}" in text
                    assert address.removeprefix("https://") in text
    # each category's heading is on the page of its first card
    labels = [label for label, _ in GROUP.findall(html)]
    starts = [text for _, text in catalog if any(f"{label} (" in text for label in labels)]
    assert len(starts) == len(labels)
    assert "Dekranasda Uji Skala Katalog Produk UMKM 50 produk" in catalog[0][1]


def test_one_booth_card_prints_from_the_product_page(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "katalog/batik-uji/")
    page.get_by_role("link", name="Cetak kartu").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/katalog/cetak/kartu/#kartu-batik-uji")
    assert page.locator(".kriya-booth:visible").count() == 1
    printed = pdf_pages(page, page.url, "booth")
    page.close()
    assert len(printed) == 1
    codes, text = printed[0]
    assert codes == ["https://uji.example/katalog/batik-uji/"]
    assert "Keripik Uji" not in text and "Rp 350.000" in text


def test_print_pages_show_only_published_products_and_stay_out_of_search(built_site):
    catalog = (built_site / "katalog" / "cetak" / "index.html").read_text(encoding="utf-8")
    cards = (built_site / "katalog" / "cetak" / "kartu" / "index.html").read_text(encoding="utf-8")
    for html in (catalog, cards):
        for held in ("DRAFTFIXTURE", "FUTUREFIXTURE", "EXPIREDFIXTURE", "SNI-EXPIREDCERT"):
            assert held not in html
        assert "Keripik Uji" in html and "Tas Anyaman Uji" in html
        assert "Batik Uji &lt;script&gt;" in html and "<script>alert" not in html
        assert "data-pagefind-body" not in html
        assert html.count('<svg aria-hidden="true" focusable="false" viewBox=') == 3
    assert "Sertifikasi: P-IRT, Halal" in catalog  # names from the settings
    # the newest product's date, not the build's: another day's build gives the same page
    assert "3 produk · data diperbarui Rabu, 01 Oktober 2025" in catalog
    assert "WhatsApp: <strong>0812-0000-1111</strong>" in catalog
    listing = (built_site / "katalog" / "index.html").read_text(encoding="utf-8")
    assert 'href="cetak/">Katalog cetak (PDF/print)</a>' in listing
    later = (built_site / "katalog" / "halaman" / "2" / "index.html").read_text(encoding="utf-8")
    assert "cetak/" not in later
    indexed = [f["url"] for f in fragments(built_site)]
    assert indexed and not [url for url in indexed if "cetak" in url]
    # in the sitemap like the other pages of the site's own (cari/, umkm/)
    assert (
        "<loc>https://uji.example/katalog/cetak/</loc>" in (built_site / "sitemap.xml").read_text()
    )


def test_qr_svg_holds_only_the_modules_of_the_address(browser):
    address = "https://uji.example/katalog/batik-uji/"
    svg = qr.svg(address)
    assert re.fullmatch(
        r'<svg aria-hidden="true" focusable="false" viewBox="0 0 (\d+) \1" class="kriya-qr">'
        r'<path stroke="#000" d="[Mmhv0-9 .-]+"/></svg>',
        svg,
    )
    assert "uji" not in svg
    page = browser.new_page()
    page.set_content(f'<div style="width:300px;background:#fff">{svg}</div>')
    image = Image.open(BytesIO(page.locator("div").screenshot()))
    page.close()
    codes = zxingcpp.read_barcodes(image)
    assert [code.text for code in codes] == [address]


def test_cetak_is_reserved(fixture_copy):
    products = fixture_copy / "content" / "products"
    (products / "cetak.md").write_text(
        "---\ntitle: Produk Cetak\nartisan: UMKM Cetak\ncategory: batik\nkecamatan: Leces\n"
        "description: Bukan halaman cetak.\n---\nIsi.\n",
        encoding="utf-8",
    )
    text = (products / "keripik-uji.md").read_text(encoding="utf-8")
    (products / "keripik-uji.md").write_text(
        text.replace("\ndescription:", "\naliases: [/katalog/cetak/kartu/]\ndescription:", 1),
        encoding="utf-8",
    )
    done = run_script("check.py", root=fixture_copy, now=NOW)
    assert done.returncode == 1
    assert "nama 'cetak' dipakai oleh halaman daftar" in done.stdout
    assert "alamat lama /katalog/cetak/kartu/ milik halaman atau file" in done.stdout
