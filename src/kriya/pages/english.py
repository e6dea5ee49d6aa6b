"""English pages, for buyers abroad: the English version of each product that has one
(content/products/<slug>.en.md), the English catalog with its filters, and a short landing
page presenting the council. Made only when some English version is published."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from .. import urls
from ..formatting import price_text, tanggal, weight_text
from ..settings import CERTIFICATE_NAMES_EN
from . import catalog
from .listing import paged

if TYPE_CHECKING:
    from . import Made

LANG = "en"
# What the shared templates and macros show in English (a render's context overrides the
# environment's Indonesian globals).
CONTEXT = {
    "price_text": partial(price_text, lang=LANG),
    "tanggal": partial(tanggal, lang=LANG),
    "cert_names": CERTIFICATE_NAMES_EN,
}
CATALOG_TITLE = "Product Catalog"
CATALOG_INTRO = "Crafts and processed foods made by small businesses supported by the council."


def pages(made: Made, hand_written: frozenset[str] = frozenset()) -> None:
    """Every English page; `hand_written`: URL paths of docs/ pages (docs/en/index.md
    replaces the generated landing page)."""
    if not made.index.english:
        return
    products(made)
    listing(made)
    if urls.ENGLISH not in hand_written:
        landing(made)


def products(made: Made) -> None:
    index = made.index
    originals = {item.path: item for item in index.products}
    original_of = {english.path: originals[path] for path, english in index.english_of.items()}
    for item in index.english:
        product(made, item, original_of[item.path])


def product(made: Made, item, original) -> None:
    """The English page of the product `original`; `item` is its English version."""
    index, site_url = made.index, made.settings.site_url
    page = urls.item_path(item)
    link = urls.absolute_url(site_url, page)
    related = [
        index.english_of[other.path]
        for other in index.related_products.get(original.path, ())
        if other.path in index.english_of
    ]
    html = made.render.page(
        "en/product.html",
        page,
        **CONTEXT,
        item=item,
        original=original,
        body=made.body(item, page),
        numbers=dict(item.certificate_numbers),
        weight=weight_text(item.weight, LANG) if item.weight else "",
        page_link=link,
        related=related,
    )
    made.add_product(page, item, html)


def listing(made: Made) -> None:
    items, settings = made.index.english, made.settings
    made.data[urls.EN_CATALOG_FILTERS] = catalog.filter_data(made, items, urls.EN_CATALOG, LANG)
    paged(
        made,
        "en/product_list.html",
        urls.EN_CATALOG,
        CATALOG_TITLE,
        items,
        settings.products_per_page,
        CATALOG_INTRO,
        **CONTEXT,
        total=len(items),
        filter_categories=sorted({p.category for p in items}),
        filter_kecamatan=sorted({p.kecamatan for p in items}),
        filter_certifications=[
            c for c in settings.certifications if any(c in p.certifications for p in items)
        ],
        page_word="page",
    )


def landing(made: Made) -> None:
    index, settings = made.index, made.settings
    featured = [p for p in index.english if p.featured] or list(index.english)
    html = made.render.page(
        "en/landing.html",
        urls.ENGLISH,
        **CONTEXT,
        products=featured[: settings.home_products],
        total=len(index.english),
        districts=len(settings.kecamatan),
    )
    made.add(
        urls.ENGLISH,
        settings.site_name,
        html,
        f"{settings.site_name}: the regional crafts council. Browse crafts and food products "
        "from local makers and contact them directly.",
    )
