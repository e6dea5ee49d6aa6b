"""How values are shown to Indonesian readers: dates, rupiah, WhatsApp and share links."""

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
    text = f'Halo, saya tertarik dengan produk "{product_title}". Apakah masih tersedia? {page_url}'
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
    return f"{_long_date(local.date())} pukul {local:%H.%M} WIB"
