"""Catalog pages: one page per product, the catalog listings (all, by category, by
kecamatan, by UMKM), the UMKM index and the data the catalog's filters read."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .. import urls
from ..convert import slugify
from ..formatting import price_text
from .listing import paged
from .render import CARD_SIZES

if TYPE_CHECKING:
    from . import Made


def products(made: Made) -> None:
    for item in made.index.products:
        product(made, item)


def product(made: Made, item) -> None:
    index = made.index
    page = urls.item_path(item)
    link = urls.absolute_url(made.settings.site_url, page)
    html = made.render.page(
        "product.html",
        page,
        item=item,
        body=made.body(item, page),
        numbers=dict(item.certificate_numbers),
        page_link=link,
        related=index.related_products.get(item.path, ()),
        english=index.english_of.get(item.path),
    )
    made.add_product(page, item, html)


def listings(made: Made) -> None:
    index, settings = made.index, made.settings
    labels, per_page = settings.product_categories, settings.products_per_page

    def chips(current_category=None, current_kecamatan=None):
        return {
            "category_chips": [
                (labels[c], urls.product_category(c), c == current_category)
                for c in index.products_by_category
            ],
            "kecamatan_chips": [
                (k, urls.kecamatan(k), k == current_kecamatan) for k in index.products_by_kecamatan
            ],
        }

    made.data[urls.CATALOG_FILTERS] = filter_data(made)
    paged(
        made,
        "product_list.html",
        urls.CATALOG,
        "Katalog Produk",
        index.products,
        per_page,
        "Produk kerajinan dan kuliner olahan UMKM binaan Dekranasda.",
        **chips(),
        browse=True,
        catalog_data=urls.CATALOG_FILTERS,
        english_catalog=bool(index.english),
        total=len(index.products),
        filter_categories=list(index.products_by_category),
        filter_kecamatan=list(index.products_by_kecamatan),
        filter_certifications=[
            c for c in settings.certifications if any(c in p.certifications for p in index.products)
        ],
    )
    for category, items in index.products_by_category.items():
        paged(
            made,
            "product_list.html",
            urls.product_category(category),
            f"Katalog: {labels[category]}",
            items,
            per_page,
            "",
            **chips(category),
        )
    for kecamatan, items in index.products_by_kecamatan.items():
        paged(
            made,
            "product_list.html",
            urls.kecamatan(kecamatan),
            f"Produk dari Kecamatan {kecamatan}",
            items,
            per_page,
            "",
            **chips(None, kecamatan),
        )
    for name, items in index.products_by_artisan.values():
        paged(
            made,
            "product_list.html",
            urls.artisan(name),
            name,
            items,
            per_page,
            f"Produk dari {name}.",
            category_chips=[],
            kecamatan_chips=[],
        )
    html = made.render.page("artisans.html", urls.ARTISANS, artisans=index.products_by_artisan)
    made.add(urls.ARTISANS, "UMKM Binaan", html, "Daftar UMKM binaan Dekranasda dan produknya.")


def filter_data(made: Made, items=None, page: str = urls.CATALOG, lang: str = "id") -> str:
    """Every published product (or `items`) as a small JSON record for the filters of the
    catalog at `page` (catalog.js renders cards from it). Image paths are relative to it."""
    records = []
    for position, item in enumerate(made.index.products if items is None else items):
        record = {
            "t": item.title,
            "u": urls.relative_url(page, urls.item_path(item)),
            "a": item.artisan,
            "c": item.category,
            "k": slugify(item.kecamatan),
            "kn": item.kecamatan,
            "s": list(item.certifications),
            "p": item.price.low if item.price else None,
            "pt": price_text(item.price, lang),
            "n": position,
            "d": item.date.date().isoformat() if item.date else "",
        }
        if item.images and item.images[0].src in made.render.images.pictures:
            record["i"] = str(
                made.render.picture(
                    page, item.images[0], CARD_SIZES, cls="kriya-card__img kriya-card__img--square"
                )
            )
        records.append(record)
    return json.dumps(records, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
