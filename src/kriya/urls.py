"""The URL scheme in one place. Every path here is a site path: relative to the site root,
no leading slash, a page is a folder ending in '/' ('' is the home page). Pages, feeds,
sitemap, JSON-LD, redirects, search, the link check and the templates (as `urls`) use it;
the paths nobody may claim with an alias or a slug are derived from it."""

from __future__ import annotations

from functools import lru_cache

from .convert import slugify

NEWS = "berita/"
CATALOG = "katalog/"
ARTISANS = "umkm/"
SEARCH = "cari/"
MEDIA = "media/"
KRIYA_ASSETS = "assets/kriya/"
ADMIN = "admin/"  # the browser editor  # Kriya's own stylesheet, scripts and logo
GUIDE = "panduan/"  # the writers' guide (PANDUAN-PENULIS.md) as a page, with its images
PAGE = "halaman/"  # later pages of a listing: berita/halaman/2/
NEWS_CATEGORIES = NEWS + "kategori/"
PRINT = CATALOG + "cetak/"  # the printable catalog (A4)
PRINT_CARDS = PRINT + "kartu/"  # booth cards with QR codes, four to an A4 sheet
# The folder of each kind of item, and the listing folders beside its items.
SECTIONS = {"news": NEWS, "product": CATALOG}
LISTINGS = {
    "news": ("kategori", "tag", "halaman"),
    "product": ("kategori", "kecamatan", "halaman", "cetak"),
}
COLLECTION_KIND = {"news": "news", "products": "product"}  # content folder -> item kind
CATALOG_FILTERS = CATALOG + "produk-saring.json"  # read by assets/catalog.js
CATALOG_DATA = (CATALOG + "produk.json", CATALOG + "produk.csv")  # open data
# English pages: a landing page, the catalog listing and the English versions of products.
ENGLISH = "en/"
EN_CATALOG = ENGLISH + "catalog/"
EN_PAGE = "page/"  # later pages of the English listing: en/catalog/page/2/
EN_CATALOG_FILTERS = EN_CATALOG + "products.json"
LANGUAGES = {"id": "", "en": ENGLISH}  # language -> folder of its pages


def language(path: str) -> str:
    """The language of the page at site path `path`."""
    return "en" if path.startswith(ENGLISH) else "id"


def item_path(item) -> str:
    """berita/<slug>/ or katalog/<slug>/; en/catalog/<slug>/ for an English version."""
    if getattr(item, "lang", "id") == "en":
        return f"{EN_CATALOG}{item.slug}/"
    return f"{SECTIONS[item.kind]}{item.slug}/"


def news_category(slug: str) -> str:
    return f"{NEWS_CATEGORIES}{slug}/"


def news_tag(tag: str) -> str:
    return f"{NEWS}tag/{slugify(tag)}/"


def product_category(slug: str) -> str:
    return f"{CATALOG}kategori/{slug}/"


def kecamatan(name: str) -> str:
    return f"{CATALOG}kecamatan/{slugify(name)}/"


def artisan(name: str) -> str:
    return f"{ARTISANS}{slugify(name)}/"


def page_url(base: str, number: int) -> str:
    """Page `number` of the listing at `base`."""
    folder = EN_PAGE if language(base) == "en" else PAGE
    return base if number == 1 else f"{base}{folder}{number}/"


def feed(base: str, kind: str) -> str:
    """The Atom (`xml`) or JSON feed of the news listing at `base`."""
    return f"{base}feed.{kind}"


def asset_path(src: str) -> str:
    """Site path of a project file shown on a page: content/x/img/a.jpg -> media/x/img/a.jpg."""
    return MEDIA + src.removeprefix("content/")


@lru_cache(maxsize=65536)  # a pure function called for every link of every page
def relative_url(from_page: str, to_path: str) -> str:
    """Link from the page at `from_page` ('a/b/') to `to_path` ('c/' or 'x.jpg'), relative
    so the site works under any sub-path."""
    here = [part for part in from_page.split("/") if part]
    there = [part for part in to_path.split("/") if part]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    rel = "../" * (len(here) - common) + "/".join(there[common:])
    if to_path.endswith("/") or to_path == "":
        rel = rel if not rel or rel.endswith("/") else rel + "/"
    return rel or "./"


def absolute_url(site_url: str, path: str) -> str:
    """Full address of a site path for feeds, sitemaps and sharing; a root-relative path
    when no site_url is configured."""
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


SITEMAP = "sitemap.xml"  # MkDocs writes it (and its .gz); Kriya replaces it
# Paths the build writes itself: an alias may not be one of them or lie under one; a slug
# may not be a listing folder of its section.
RESERVED_EXACT = frozenset(
    {
        *("", NEWS, CATALOG, ARTISANS, SEARCH, "404.html", SITEMAP, SITEMAP + ".gz"),
        *(feed(NEWS, kind) for kind in ("xml", "json")),
        CATALOG_FILTERS,
        *CATALOG_DATA,
        ENGLISH,
    }
)
RESERVED_UNDER = (
    *(f"{SECTIONS[kind]}{folder}/" for kind, folders in LISTINGS.items() for folder in folders),
    ARTISANS,
    MEDIA,
    ADMIN,
    GUIDE,
    ENGLISH,
    "assets/",
    "pagefind/",
    "search/",
)
RESERVED_SLUGS = {
    "news": frozenset(LISTINGS["news"]),
    "products": frozenset((*LISTINGS["product"], EN_PAGE.rstrip("/"))),  # en/catalog/page/
}
