"""How values are shown to readers: dates, rupiah, weights, WhatsApp and share links, in
Indonesian, or in English (`lang="en"`) on the English pages."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from .convert import WIB
from .model import Price


def tanggal(moment, lang: str = "id") -> str:
    """'Selasa, 23 September 2025' ('Tuesday, September 23, 2025' in English) in WIB."""
    return _long_date(moment.astimezone(WIB).date(), lang)


@lru_cache(maxsize=4096)
def _long_date(day, lang: str) -> str:
    return format_date(day, "full", locale=lang)  # Babel takes ~0.1 ms a call


@lru_cache(maxsize=4096)
def rupiah(amount: int, lang: str = "id") -> str:
    """'Rp 150.000'; 'IDR 150,000' in English (whole rupiah; the code, as the local symbol
    is unknown abroad, kept on one line with its amount)."""
    pattern = "¤\u00a0#,##0" if lang == "en" else "¤ #,##0"
    return format_currency(amount, "IDR", pattern, locale=lang, currency_digits=False)


NO_PRICE = {"id": "Hubungi penjual", "en": "Ask the seller"}


def price_text(price: Price | None, lang: str = "id") -> str:
    if price is None:
        return NO_PRICE[lang]
    if price.low == price.high:
        return rupiah(price.low, lang)
    return f"{rupiah(price.low, lang)} – {rupiah(price.high, lang)}"


def weight_text(grams: int, lang: str = "id") -> str:
    """850 -> '850 gram', 1200 -> '1,2 kg' ('850 g', '1.2 kg' in English): kilograms from
    1 kg up, as shipping is quoted."""
    if grams < 1000:
        return f"{format_decimal(grams, locale=lang)} {'g' if lang == 'en' else 'gram'}"
    return f"{format_decimal(grams / 1000, locale=lang)} kg"


WHATSAPP_TEXT = {
    "id": 'Halo, saya tertarik dengan produk "{title}". Apakah masih tersedia? {url}',
    "en": 'Hello, I am interested in your product "{title}". Is it still available? {url}',
}


def whatsapp_link(number: str, product_title: str, page_url: str, lang: str = "id") -> str:
    text = WHATSAPP_TEXT[lang].format(title=product_title, url=page_url)
    return f"https://wa.me/{number}?text={quote(text.strip(), safe='')}"


def whatsapp_text(number: str) -> str:
    """'6281234567890' (as stored) -> '0812-3456-7890', as people write it on paper."""
    local = "0" + number.removeprefix("62")
    return "-".join([local[:4], *(local[i : i + 4] for i in range(4, len(local), 4))])


def share_links(title: str, page_url: str) -> list[tuple[str, str, str]]:
    """(key, label, URL) of the share buttons: plain links to each service's own share page,
    so no third-party script is loaded."""
    text, url = quote(title, safe=""), quote(page_url, safe="")
    return [
        ("whatsapp", "WhatsApp", f"https://api.whatsapp.com/send?text={text}%20{url}"),
        ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={url}"),
        ("x", "X", f"https://x.com/intent/post?text={text}&url={url}"),
    ]


def iso_wib(moment) -> str:
    """'2025-09-23T00:00:00+07:00': machine-readable time in WIB."""
    return moment.astimezone(WIB).isoformat(timespec="seconds")


def tanggal_jam(moment) -> str:
    """'Senin, 07 Desember 2026 pukul 08.00 WIB': a moment for a writer waiting for it."""
    local = moment.astimezone(WIB)
    return f"{_long_date(local.date(), 'id')} pukul {local:%H.%M} WIB"
