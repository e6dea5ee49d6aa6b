"""How values are shown to Indonesian readers: dates, rupiah, WhatsApp links, URLs."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from babel.dates import format_date
from babel.numbers import format_decimal

from .convert import WIB
from .model import Price


def tanggal(moment) -> str:
    """'Selasa, 23 September 2025' in WIB."""
    return _long_date(moment.astimezone(WIB).date())


@lru_cache(maxsize=4096)
def _long_date(day) -> str:
    return format_date(day, "full", locale="id")  # Babel takes ~0.1 ms a call


def rupiah(amount: int) -> str:
    return "Rp " + format_decimal(amount, locale="id")


def price_text(price: Price | None) -> str:
    if price is None:
        return "Hubungi penjual"
    if price.low == price.high:
        return rupiah(price.low)
    return f"{rupiah(price.low)} – {rupiah(price.high)}"


def weight_text(grams: int) -> str:
    """850 -> '850 gram', 1200 -> '1,2 kg': kilograms from 1 kg up, as shipping is quoted."""
    if grams < 1000:
        return f"{format_decimal(grams, locale='id')} gram"
    return f"{format_decimal(grams / 1000, locale='id')} kg"


def whatsapp_link(number: str, product_title: str, page_url: str) -> str:
    text = f"Halo, saya tertarik dengan produk \"{product_title}\". Apakah masih tersedia? {page_url}"
    return f"https://wa.me/{number}?text={quote(text.strip(), safe='')}"


@lru_cache(maxsize=65536)
def relative_url(from_page: str, to_path: str) -> str:
    """Link from the page at URL path `from_page` ('a/b/') to `to_path` ('c/' or 'x.jpg'),
    relative so the site works under any sub-path. Page paths are folders ('' is the root)."""
    here = [part for part in from_page.split("/") if part]
    there = [part for part in to_path.split("/") if part]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    rel = "../" * (len(here) - common) + "/".join(there[common:])
    if to_path.endswith("/") or to_path == "":
        rel = rel if not rel or rel.endswith("/") else rel + "/"
    return rel or "./"


def asset_path(src: str) -> str:
    """Site path of a project file shown on a page: content/x/img/a.jpg -> media/x/img/a.jpg."""
    return "media/" + src.removeprefix("content/")


def share_links(title: str, page_url: str) -> list[tuple[str, str, str]]:
    """(key, label, URL) of the share buttons: plain links to each service's own share page,
    so no third-party script is loaded."""
    text, url = quote(title, safe=""), quote(page_url, safe="")
    return [
        ("whatsapp", "WhatsApp", f"https://api.whatsapp.com/send?text={text}%20{url}"),
        ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
        ("x", "X", f"https://x.com/intent/post?text={text}&url={url}"),
    ]


def absolute_url(site_url: str, path: str) -> str:
    """Full address of a site path ('berita/x/') for feeds, sitemaps and sharing; a
    root-relative path when no site_url is configured."""
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


def iso_wib(moment) -> str:
    """'2025-09-23T00:00:00+07:00': machine-readable time in WIB."""
    return moment.astimezone(WIB).isoformat(timespec="seconds")
