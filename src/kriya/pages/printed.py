"""Pages for paper: the catalog of every published product on A4 (by category, each with a QR
code of its page) and the booth cards, four to an A4 sheet. Both are kept out of the search
index; their QR codes are made beforehand (`kriya.qr`, handed in as `made.qr_codes`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from .. import urls
from ..formatting import tanggal

if TYPE_CHECKING:
    from . import Made

PHOTO_SIZES = "120px"  # the photo is 30 mm wide on paper


def _codes(made: Made) -> tuple[dict, dict]:
    """slug -> absolute address, slug -> QR code <svg> (checked by `kriya.qr.svg`)."""
    site_url = made.settings.site_url
    addresses = {
        p.slug: urls.absolute_url(site_url, urls.item_path(p)) for p in made.index.products
    }
    codes = {
        slug: Markup(made.qr_codes[address])
        for slug, address in addresses.items()
        if address in made.qr_codes
    }
    return addresses, codes


def catalog(made: Made) -> None:
    index, labels = made.index, made.settings.product_categories
    groups = [
        (labels[slug], index.products_by_category[slug])
        for slug in labels
        if slug in index.products_by_category
    ]
    addresses, codes = _codes(made)
    # The newest change of a product, not the build's clock: a build on another day gives the
    # same page (README, "Reproducible output").
    changes = [moment for item in index.products if (moment := item.updated or item.date)]
    html = made.render.page(
        "print_catalog.html",
        urls.PRINT,
        groups=groups,
        addresses=addresses,
        codes=codes,
        total=len(index.products),
        dated=tanggal(max(changes)) if changes else "",
        photo_sizes=PHOTO_SIZES,
    )
    made.add(
        urls.PRINT,
        "Katalog Cetak",
        html,
        "Katalog produk UMKM binaan Dekranasda untuk dicetak (A4) atau disimpan sebagai PDF.",
    )


def cards(made: Made) -> None:
    addresses, codes = _codes(made)
    html = made.render.page(
        "print_cards.html",
        urls.PRINT_CARDS,
        items=made.index.products,
        addresses=addresses,
        codes=codes,
    )
    made.add(
        urls.PRINT_CARDS,
        "Kartu Stan Produk",
        html,
        "Kartu produk dengan kode QR untuk stan pameran, empat kartu pada satu lembar A4.",
    )
