"""Publishing and reach, checked on a real build of the fixture site: feeds, sitemap,
sharing metadata, JSON-LD, scheduling and expiry, redirects, open catalog data."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
from conftest import run_script

SITE = "https://uji.example/"
HIDDEN = (
    "DRAFTFIXTURE",
    "FUTUREFIXTURE",
    "EXPIREDFIXTURE",
    "expiredfixturetag",
    "pengumuman-lewat-uji",
    "promo-habis",
    "SNI-EXPIREDCERT",
)
WIB_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$")


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def json_ld(html: str) -> list[dict]:
    """Every node of every JSON-LD block, with @id references resolved."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    nodes = [n for block in blocks for n in json.loads(block)["@graph"]]
    by_id = {n["@id"]: n for n in nodes if "@id" in n}

    def resolve(value):
        if isinstance(value, dict):
            if set(value) == {"@id"} and value["@id"] in by_id:
                return resolve(by_id[value["@id"]])
            return {k: resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return value

    return [resolve(n) for n in nodes]


def of_type(nodes, kind: str) -> dict:
    found = [n for n in nodes if n["@type"] == kind]
    assert len(found) == 1, (kind, nodes)
    return found[0]


def meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return match[1] if match else None


def redirect_pages(site: Path) -> set[Path]:
    return {p for p in site.rglob("*.html") if 'http-equiv="refresh"' in p.read_text("utf-8")}


# Feeds ---------------------------------------------------------------------------------


def test_atom_feed_parses_newest_first_with_absolute_urls(built_site):
    raw = (built_site / "berita" / "feed.xml").read_text(encoding="utf-8")
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert titles == [
        "Pameran Uji",
        "Pelatihan <b>Uji</b> & Sertifikasi",
        "Rakernas Uji: Hari Pertama",
    ]
    assert feed.feed.link == SITE + "berita/"
    for entry in feed.entries:
        assert entry.link.startswith(SITE + "berita/")
        assert entry.id == entry.link
    assert re.findall(r"<published>([^<]+)</published>", raw) == [
        "2025-11-05T00:00:00+07:00",
        "2025-10-01T09:30:00+07:00",
        "2025-09-23T00:00:00+07:00",
    ]
    assert all(WIB_TIME.match(t) for t in re.findall(r"<updated>([^<]+)</updated>", raw))
    pameran = feed.entries[0]
    assert pameran.updated == "2025-11-10T08:00:00+07:00"  # `updated` from front matter
    rakernas = feed.entries[2]
    cover = [link for link in rakernas.links if link.rel == "enclosure"]
    assert cover and cover[0].href.startswith(SITE) and cover[0].type == "image/jpeg"
    assert (built_site / cover[0].href.removeprefix(SITE)).is_file()
    assert rakernas.author == "Humas Uji"
    body = rakernas.content[0].value
    assert 'href="https://uji.example/berita/pelatihan-uji/"' in body  # made absolute
    assert "<script" not in body and "javascript:" not in body
    for src in re.findall(r'src="([^"]+)"', body):
        assert src.startswith(SITE) and (built_site / src.removeprefix(SITE)).is_file(), src


def test_category_feeds_hold_only_their_category(built_site):
    feed = feedparser.parse((built_site / "berita/kategori/kegiatan/feed.xml").read_bytes())
    assert not feed.bozo
    assert [e.title for e in feed.entries] == ["Rakernas Uji: Hari Pertama"]
    assert feed.entries[0].tags[0].term == "kegiatan"
    data = json.loads((built_site / "berita/kategori/pelatihan/feed.json").read_text("utf-8"))
    assert [i["title"] for i in data["items"]] == ["Pelatihan <b>Uji</b> & Sertifikasi"]
    # no feed for a category whose only item is hidden
    assert not (built_site / "berita/kategori/pengumuman").exists()


def test_feeds_hold_only_the_newest_items(monkeypatch):
    """A feed is fetched again and again: it holds the newest FEED_ENTRIES items, not the
    archive."""
    from datetime import datetime

    from conftest import FIXTURE_SITE, NOW

    from kriya import feeds, pipeline
    from kriya.adapter.config import load_settings

    monkeypatch.setattr(feeds, "FEED_ENTRIES", 2)
    result = pipeline.run(load_settings(FIXTURE_SITE / "mkdocs.yml"), datetime.fromisoformat(NOW))
    data = result.pages.data
    assert [e.title for e in feedparser.parse(data["berita/feed.xml"]).entries] == [
        "Pameran Uji",
        "Pelatihan <b>Uji</b> & Sertifikasi",
    ]
    items = json.loads(data["berita/feed.json"])["items"]
    assert [i["title"] for i in items] == ["Pameran Uji", "Pelatihan <b>Uji</b> & Sertifikasi"]
    assert all("<p>" in i["content_html"] for i in items)  # full text of the items shown


def test_json_feed_follows_version_1_1(built_site):
    data = json.loads((built_site / "berita" / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] and data["language"] == "id"
    assert data["home_page_url"] == SITE + "berita/"
    assert data["feed_url"] == SITE + "berita/feed.json"
    assert data["items"][0]["title"] == "Pameran Uji"
    published = [i["date_published"] for i in data["items"]]
    assert published == sorted(published, reverse=True)
    for item in data["items"]:
        assert item["id"] and item["url"].startswith(SITE) and item["content_html"]
        assert WIB_TIME.match(item["date_published"]) and WIB_TIME.match(item["date_modified"])
        assert all(a["name"] for a in item["authors"])
    rakernas = data["items"][-1]
    assert rakernas["image"].startswith(SITE)
    assert "Kegiatan" in rakernas["tags"] and "rakernas" in rakernas["tags"]


def test_every_page_links_the_feeds(built_site):
    for html_file in set(built_site.rglob("*.html")) - redirect_pages(built_site):
        if html_file.parent.name in ("pagefind",):
            continue
        text = html_file.read_text(encoding="utf-8")
        assert 'type="application/atom+xml"' in text, html_file
        assert 'type="application/feed+json"' in text, html_file
    category = page(built_site, "berita/kategori/kegiatan")
    assert 'href="feed.xml"' in category and 'href="feed.json"' in category
    assert '<link rel="alternate feed" type="application/atom+xml"' in category


# Sitemap -------------------------------------------------------------------------------


def sitemap(site: Path) -> dict[str, str | None]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    return {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
        for u in root.findall("s:url", ns)
    }


def test_sitemap_lists_every_published_page_and_nothing_else(built_site):
    entries = sitemap(built_site)
    pages = {
        SITE + p.parent.relative_to(built_site).as_posix() + "/"
        for p in built_site.rglob("index.html")
    } - {
        SITE + p.parent.relative_to(built_site).as_posix() + "/" for p in redirect_pages(built_site)
    }
    pages = {p.replace(SITE + "./", SITE) for p in pages}
    assert set(entries) == pages
    assert SITE + "berita/pameran-lama/" not in entries
    assert not any("404" in loc for loc in entries)
    text = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert not any(marker in text for marker in HIDDEN)
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()).decode() == text


def test_sitemap_lastmod_comes_from_content_dates(built_site):
    entries = sitemap(built_site)
    assert entries[SITE + "berita/rakernas-uji/"] == "2025-09-23T00:00:00+07:00"
    assert entries[SITE + "berita/pameran-uji/"] == "2025-11-10T08:00:00+07:00"  # updated
    assert entries[SITE + "berita/"] == "2025-11-10T08:00:00+07:00"  # newest item listed
    assert entries[SITE + "berita/halaman/2/"] == "2025-09-23T00:00:00+07:00"
    assert entries[SITE] == "2025-11-10T08:00:00+07:00"
    assert entries[SITE + "tentang/"] is None  # hand-written page without `updated`
    # the fixture is built "on" 2026-11-20: that date must appear nowhere
    assert not any(v and v.startswith("2026-11-20") for v in entries.values())


# Sharing metadata and JSON-LD ------------------------------------------------------------


def test_article_metadata(built_site):
    html = page(built_site, "berita/rakernas-uji")
    assert '<link rel="canonical" href="https://uji.example/berita/rakernas-uji/">' in html
    assert '<meta name="description" content="Ringkasan berita rakernas uji.">' in html
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == "Rakernas Uji: Hari Pertama"
    assert meta(html, "og:url") == SITE + "berita/rakernas-uji/"
    image = meta(html, "og:image")
    assert image.startswith(SITE) and (built_site / image.removeprefix(SITE)).is_file()
    assert meta(html, "og:image:alt") == "Peserta rakernas di ruang pertemuan"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "article:published_time") == "2025-09-23T00:00:00+07:00"
    escaped = page(built_site, "berita/pelatihan-uji")
    assert meta(escaped, "og:title") == "Pelatihan &lt;b&gt;Uji&lt;/b&gt; &amp; Sertifikasi"


def test_product_metadata(built_site):
    html = page(built_site, "katalog/batik-uji")
    assert meta(html, "og:type") == "product"
    assert meta(html, "og:title") == "Batik Uji &lt;script&gt;alert(1)&lt;/script&gt;"
    assert meta(html, "product:price:amount") == "350000"
    assert meta(html, "product:price:currency") == "IDR"
    assert meta(html, "og:image").startswith(SITE)


def test_news_article_has_what_google_needs(built_site):
    nodes = json_ld(page(built_site, "berita/rakernas-uji"))
    article = of_type(nodes, "NewsArticle")
    assert article["headline"] == "Rakernas Uji: Hari Pertama" and len(article["headline"]) <= 110
    assert WIB_TIME.match(article["datePublished"]) and WIB_TIME.match(article["dateModified"])
    assert article["datePublished"] == "2025-09-23T00:00:00+07:00"
    assert article["image"] and all(i.startswith(SITE) for i in article["image"])
    assert [a["name"] for a in article["author"]] == ["Humas Uji"]
    assert article["author"][0]["@type"] in ("Person", "Organization")
    assert article["publisher"]["@type"] == "Organization" and article["publisher"]["name"]
    assert article["mainEntityOfPage"] == SITE + "berita/rakernas-uji/"
    crumbs = of_type(nodes, "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"]) for c in crumbs] == [
        (1, "Beranda"),
        (2, "Berita"),
        (3, "Rakernas Uji: Hari Pertama"),
    ]
    assert all(c["item"].startswith(SITE) for c in crumbs)
    # no author written: the council is the author
    pameran = of_type(json_ld(page(built_site, "berita/pameran-uji")), "NewsArticle")
    assert pameran["author"][0]["@type"] == "Organization"
    assert pameran["dateModified"] == "2025-11-10T08:00:00+07:00"


def test_product_has_offer_or_aggregate_offer(built_site):
    batik = of_type(json_ld(page(built_site, "katalog/batik-uji")), "Product")
    assert batik["name"] == "Batik Uji <script>alert(1)</script>"
    assert batik["image"] and batik["image"][0].startswith(SITE)
    assert batik["description"] and batik["brand"]["name"] == "Batik Uji Jaya"
    offer = batik["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == "350000" and offer["priceCurrency"] == "IDR"
    assert offer["availability"].startswith("https://schema.org/")
    keripik = of_type(json_ld(page(built_site, "katalog/keripik-uji")), "Product")
    assert keripik["offers"]["@type"] == "AggregateOffer"
    assert (keripik["offers"]["lowPrice"], keripik["offers"]["highPrice"]) == ("15000", "45000")
    assert keripik["offers"]["priceCurrency"] == "IDR"
    # "hubungi penjual": no price, so no Product (Google rejects one without an offer)
    tas = json_ld(page(built_site, "katalog/tas-uji"))
    assert [n["@type"] for n in tas] == ["WebPage", "BreadcrumbList"]  # the page's language
    crumbs = tas[1]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Beranda", "Katalog", "Anyaman", "Tas Anyaman Uji"]


def test_home_describes_the_organization(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    org = of_type(json_ld(home), "Organization")
    assert org["name"] == "Dekranasda Uji" and org["url"] == SITE
    assert org["address"]["addressCountry"] == "ID"


def test_script_end_tag_in_front_matter_cannot_break_out(built_site):
    html = page(built_site, "katalog/batik-uji")
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert "<" not in block and ">" not in block
    assert "<script>alert(1)" not in html


# Scheduling and expiry -------------------------------------------------------------------


def test_expired_items_and_certifications_appear_nowhere(built_site):
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix != ".gz":
            text = path.read_bytes().decode("utf-8", "replace")
            for marker in HIDDEN:
                assert marker not in text, (path, marker)
    assert "SNI" not in page(built_site, "katalog/tas-uji")  # certificate ran out
    assert "Halal" in page(built_site, "katalog/keripik-uji")  # still valid on the build day


def test_build_report_and_a_later_build(fixture_copy):
    result = run_script("build.py", root=fixture_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout[result.stdout.index("Laporan build") :]
    assert "- terbit: 3 berita, 3 produk" in report
    assert "- draf: 2" in report and "- terjadwal: 2" in report
    assert "terbit Jumat, 25 Desember 2026 pukul 00.00 WIB: Berita FUTUREFIXTURE" in report
    assert "- kedaluwarsa (tidak tampil lagi): 2" in report
    assert "berakhir Minggu, 31 Agustus 2025: Pengumuman EXPIREDFIXTURE" in report
    assert (
        "HALAL Keripik Uji (content/products/keripik-uji.md): berakhir Kamis, 31 Desember "
        "2026 (41 hari lagi)" in report
    )
    assert "SNI Tas Anyaman Uji (content/products/tas-uji.md): sudah berakhir" in report
    assert "- peringatan:" in report
    # New year's day: the scheduled news appears, the halal certificate has run out.
    later = run_script("build.py", root=fixture_copy, now="2027-01-01T00:00:00+07:00")
    assert later.returncode == 0, later.stdout + later.stderr
    site = fixture_copy / "site"
    assert "Halal" not in page(site, "katalog/keripik-uji")
    feed = feedparser.parse((site / "berita" / "feed.xml").read_bytes())
    assert feed.entries[0].title == "Berita FUTUREFIXTURE"
    assert SITE + "berita/masa-depan-uji/" in sitemap(site)


# Redirects -----------------------------------------------------------------------------


def test_aliases_become_redirect_pages(built_site):
    old = (built_site / "berita" / "pameran-lama" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://uji.example/berita/pameran-uji/">' in old
    assert '<meta http-equiv="refresh" content="0; url=../pameran-uji/">' in old
    assert 'href="../pameran-uji/"' in old
    archive = (built_site / "arsip" / "pameran.html").read_text(encoding="utf-8")
    assert 'content="0; url=../berita/pameran-uji/"' in archive
    # the alias of an expired item is not written
    assert not (built_site / "berita" / "pengumuman-lama-expiredfixture").exists()


# Open catalog data -----------------------------------------------------------------------


def test_catalog_json_and_csv(built_site):
    data = json.loads((built_site / "katalog" / "produk.json").read_text(encoding="utf-8"))
    assert data["count"] == 3
    products = {p["slug"]: p for p in data["products"]}
    assert set(products) == {"batik-uji", "keripik-uji", "tas-uji"}
    batik = products["batik-uji"]
    assert batik["name"] == "Batik Uji <script>alert(1)</script>"
    assert (batik["artisan"], batik["category"], batik["kecamatan"]) == (
        "Batik Uji Jaya",
        "batik",
        "Kraksaan",
    )
    assert batik["price"] == 350000 and isinstance(batik["price"], int)
    assert batik["certifications"] == ["nib", "hki"]
    assert batik["url"] == SITE + "katalog/batik-uji/"
    assert (built_site / batik["image"].removeprefix(SITE)).is_file()
    keripik = products["keripik-uji"]
    assert (keripik["price"], keripik["price_min"], keripik["price_max"]) == (None, 15000, 45000)
    assert keripik["certifications"] == ["pirt", "halal"] and keripik["image"] is None
    assert products["tas-uji"]["certifications"] == []  # expired SNI left out
    assert products["tas-uji"]["price"] is None
    rows = list(
        csv.DictReader(
            io.StringIO((built_site / "katalog" / "produk.csv").read_text(encoding="utf-8"))
        )
    )
    assert [r["slug"] for r in rows] == [p["slug"] for p in data["products"]]
    assert list(rows[0]) == data["fields"]
    by_slug = {r["slug"]: r for r in rows}
    assert by_slug["batik-uji"]["price"] == "350000"
    assert by_slug["keripik-uji"]["price"] == "" and by_slug["keripik-uji"]["price_min"] == "15000"
    assert by_slug["keripik-uji"]["certifications"] == "pirt;halal"
