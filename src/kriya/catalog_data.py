"""Open catalog data for partners and marketplaces: /katalog/produk.json and
/katalog/produk.csv, one record per published product. The fields are documented in
README.md ("Data katalog terbuka"); change both together."""

from __future__ import annotations

import csv
import io
import json

from .urls import CATALOG, CATALOG_DATA, absolute_url, item_path

FIELDS = (
    "slug",
    "name",
    "artisan",
    "category",
    "category_label",
    "kecamatan",
    "price",
    "price_min",
    "price_max",
    "currency",
    "certifications",
    "url",
    "image",
)


def records(index, settings, images: dict) -> list[dict]:
    rows = []
    for item in index.products:  # already sorted by title, drafts and expired ones gone
        price = item.price
        rows.append(
            {
                "slug": item.slug,
                "name": item.title,
                "artisan": item.artisan,
                "category": item.category,
                "category_label": settings.product_categories[item.category],
                "kecamatan": item.kecamatan,
                "price": price.low if price and price.low == price.high else None,
                "price_min": price.low if price else None,
                "price_max": price.high if price else None,
                "currency": "IDR",
                "certifications": list(item.certifications),
                "url": absolute_url(settings.site_url, item_path(item)),
                "image": images.get(item.path),
            }
        )
    return rows


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice for
    CSV injection): it shows, but is not evaluated."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def catalog_files(index, settings, images: dict) -> dict[str, str]:
    rows = records(index, settings, images)
    data = {
        "name": f"Katalog produk {settings.site_name}",
        "url": absolute_url(settings.site_url, CATALOG),
        "fields": list(FIELDS),
        "count": len(rows),
        "products": rows,
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        row = {k: _cell(v) for k, v in row.items()}
        writer.writerow(
            {
                k: ";".join(v) if isinstance(v, list) else ("" if v is None else v)
                for k, v in row.items()
            }
        )
    json_path, csv_path = CATALOG_DATA
    return {
        json_path: json.dumps(data, ensure_ascii=False, indent=2) + "\n",
        csv_path: out.getvalue(),
    }
