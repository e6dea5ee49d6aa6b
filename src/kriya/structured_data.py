"""What search engines and social sites read: Open Graph and Twitter values, JSON-LD
(NewsArticle, Product with Offer or AggregateOffer, Organization, BreadcrumbList) and each
page's last-modified date. Values are plain data here; the theme's kriya/head.html escapes
them, and JSON-LD is made safe for a <script> element by `script_json`."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

from .formatting import iso_wib
from .model import NewsItem, PageSpec, Product
from .urls import (
    CATALOG,
    EN_CATALOG,
    ENGLISH,
    NEWS,
    NEWS_CATEGORIES,
    PAGE,
    absolute_url,
    asset_path,
    feed,
    item_path,
    language,
    news_category,
    product_category,
)

HREF = re.compile(r'href="([^"#?]*)')
# Any page of a news category listing: its head links the category's feeds.
NEWS_CATEGORY_PAGE = re.compile(
    re.escape(NEWS_CATEGORIES) + r"([^/]+)/(?:" + re.escape(PAGE) + r"\d+/)?"
)


def script_json(data) -> str:
    """JSON that cannot end its <script> element early: <, > and & become \\u escapes
    (still the same JSON), as do the two line separators JavaScript dislikes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def changed(item) -> datetime | None:
    """The moment an item last changed: `updated`, else its date (None for undated products)."""
    return item.updated or item.date


def cover(item) -> tuple[str, str] | None:
    """(project-relative image, alt) a page is shared with."""
    if isinstance(item, NewsItem):
        return (item.image.src, item.image.alt) if item.image else None
    return (item.images[0].src, item.images[0].alt) if item.images else None


def organization(settings) -> dict:
    return {
        "@type": "Organization",
        "@id": absolute_url(settings.site_url, "#organisasi"),
        "name": settings.site_name,
        "url": absolute_url(settings.site_url, ""),
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Kabupaten Probolinggo",
            "addressRegion": "Jawa Timur",
            "addressCountry": "ID",
        },
    }


def breadcrumbs(settings, trail: list[tuple[str, str]]) -> dict:
    """trail: (name, site path) from the home page down to the page itself."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": number,
                "name": name,
                "item": absolute_url(settings.site_url, path),
            }
            for number, (name, path) in enumerate(trail, 1)
        ],
    }


def news_article(item: NewsItem, settings, image: str | None) -> dict:
    url = absolute_url(settings.site_url, item_path(item))
    authors = [{"@type": "Person", "name": name} for name in item.authors] or [
        {
            "@type": "Organization",
            "name": settings.site_name,
            "url": absolute_url(settings.site_url, ""),
        }
    ]
    data = {
        "@type": "NewsArticle",
        "@id": url + "#berita",
        "mainEntityOfPage": url,
        "headline": item.title if len(item.title) <= 110 else item.title[:109] + "…",
        "description": item.description,
        "inLanguage": "id",
        "datePublished": iso_wib(item.date),
        "dateModified": iso_wib(changed(item)),
        "author": authors,
        "publisher": {"@id": absolute_url(settings.site_url, "#organisasi")},
    }
    if image:
        data["image"] = [image]
    if item.categories:
        data["articleSection"] = [settings.news_categories[c] for c in item.categories]
    if item.tags:
        data["keywords"] = list(item.tags)
    return data


def product(item: Product, settings, image: str | None) -> dict:
    url = absolute_url(settings.site_url, item_path(item))
    data = {
        "@type": "Product",
        "@id": url + "#produk",
        "url": url,
        "name": item.title,
        "description": item.description,
        "sku": item.slug,
        "category": category_label(item, settings),
        "brand": {"@type": "Brand", "name": item.artisan},
    }
    if image:
        data["image"] = [image]
    if item.materials:
        data["material"] = ", ".join(item.materials)
    if item.dimensions:
        data["size"] = item.dimensions
    if item.weight:
        data["weight"] = {"@type": "QuantitativeValue", "value": item.weight, "unitCode": "GRM"}
    seller = {"@type": "Organization", "name": item.artisan}
    if item.price and item.price.low == item.price.high:
        data["offers"] = {
            "@type": "Offer",
            "url": url,
            "price": str(item.price.low),
            "priceCurrency": "IDR",
            "availability": "https://schema.org/InStock",
            "itemCondition": "https://schema.org/NewCondition",
            "seller": seller,
        }
    elif item.price:
        data["offers"] = {
            "@type": "AggregateOffer",
            "url": url,
            "lowPrice": str(item.price.low),
            "highPrice": str(item.price.high),
            "priceCurrency": "IDR",
            "offerCount": 1,
            "availability": "https://schema.org/InStock",
            "seller": seller,
        }
    return data


def category_label(item: Product, settings) -> str:
    if item.lang == "en":
        return settings.english("product_categories", item.category)
    return settings.product_categories[item.category]


def web_page(url: str, lang: str, name: str, about: str | None = None) -> dict:
    """The page itself, for its language (`inLanguage`; a Product has none)."""
    page: dict[str, Any] = {"@type": "WebPage", "@id": url, "url": url, "name": name}
    page["inLanguage"] = lang
    if about:
        page["mainEntity"] = {"@id": about}
    return page


def language_pairs(index) -> dict[str, str]:
    """Site path -> the same page in the other language: each product with a published
    English version, the catalogs and the home pages (when there is an English page)."""
    pairs = {
        item_path(p): item_path(index.english_of[p.path])
        for p in index.products
        if p.path in index.english_of
    }
    if pairs:
        pairs.update({CATALOG: EN_CATALOG, "": ENGLISH})
    return {**pairs, **{english: indonesian for indonesian, english in pairs.items()}}


def alternates(path: str, pairs: dict[str, str], settings) -> list[dict]:
    """hreflang links of the page at `path`: itself, its counterpart, and the Indonesian page
    as x-default."""
    other = pairs[path]
    indonesian, english = (path, other) if language(path) == "id" else (other, path)
    return [
        {"lang": lang, "href": absolute_url(settings.site_url, target)}
        for lang, target in (("id", indonesian), ("en", english), ("x-default", indonesian))
    ]


def graph(*nodes) -> str:
    return script_json({"@context": "https://schema.org", "@graph": list(nodes)})


def linked_paths(page: str, html: str) -> set[str]:
    """Site paths of the pages the page at `page` links to (its HTML uses relative links)."""
    found = set()
    for href in HREF.findall(html):
        if href and "://" not in href and not href.startswith(("mailto:", "tel:", "/")):
            path = posixpath.normpath(posixpath.join(page or ".", href))
            found.add("" if path == "." else path + "/")
    return found


def _linked_of(page: str, html: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(sorted(linked_paths(page, html[page])))


def annotate(
    specs: list[PageSpec], html: Mapping[str, str], index, settings, of_page=None
) -> tuple[list[PageSpec], dict, dict]:
    """Add head metadata to every page spec (`html`: page path -> HTML). Returns (specs,
    home page metadata, item path -> absolute image URL used for sharing, feeds and catalog
    data). `of_page(path, part, make)`: make(), or what it gave for the same page (the same
    HTML from the same inputs) and `part` in the last build."""
    of_page = of_page or (lambda _, __, make: make())
    items = {i.path: i for i in (*index.news, *index.products, *index.english)}
    pairs = language_pairs(index)
    specs_by_item = {s.edit_path: s for s in specs if s.edit_path in items}
    images = {}  # only items with a photo of their own, not the site's default card
    for path, item in items.items():
        spec, found = specs_by_item.get(path), cover(item)
        if found:
            site_path = spec.image if spec and spec.image else asset_path(found[0])
            images[path] = (absolute_url(settings.site_url, site_path), found[1])
    lastmod: dict[str, datetime] = {
        item_path(i): moment for i in items.values() if (moment := changed(i))
    }
    org = organization(settings)
    result = []
    for spec in specs:
        item = items.get(spec.edit_path)
        head: dict[str, Any] = {"title": spec.title, "description": spec.description}
        if item is None:
            linked = of_page(spec.path, "links", partial(_linked_of, spec.path, html))
            dates = [lastmod[p] for p in linked if p in lastmod]
        else:
            dates = [moment] if (moment := changed(item)) else []
            image, alt = images.get(item.path, (None, ""))
            if spec.image:  # the sharing card, or the site's default one
                head.update(
                    image=absolute_url(settings.site_url, spec.image),
                    image_alt=spec.image_alt or alt,
                )
            elif image:
                head.update(image=image, image_alt=alt)
            head.update(
                of_page(spec.path, ("head", image), partial(_item_head, item, settings, image, org))
            )
        if dates:
            head["lastmod"] = iso_wib(max(dates))
        if language(spec.path) != "id":
            head["lang"] = language(spec.path)
            if item is None:
                url = absolute_url(settings.site_url, spec.path)
                head["jsonld"] = graph(web_page(url, head["lang"], spec.title))
        if spec.path in pairs:
            head["alternates"] = alternates(spec.path, pairs, settings)
        category = re.fullmatch(NEWS_CATEGORY_PAGE, spec.path)
        if category:
            slug = category[1]
            head["feeds"] = [
                {
                    "title": f"Berita {settings.news_categories[slug]} (Atom)",
                    "href": feed(news_category(slug), "xml"),
                    "type": "application/atom+xml",
                },
                {
                    "title": f"Berita {settings.news_categories[slug]} (JSON Feed)",
                    "href": feed(news_category(slug), "json"),
                    "type": "application/feed+json",
                },
            ]
        result.append(replace(spec, head=head))
    newest = [lastmod[p] for p in lastmod]
    home = {
        "title": settings.site_name,
        "jsonld": graph(
            org,
            {
                "@type": "WebSite",
                "name": settings.site_name,
                "inLanguage": "id",
                "url": absolute_url(settings.site_url, ""),
                "publisher": {"@id": org["@id"]},
            },
        ),
    }
    if newest:
        home["lastmod"] = iso_wib(max(newest))
    if "" in pairs:
        home["alternates"] = alternates("", pairs, settings)
    return result, home, {path: image for path, (image, _) in images.items()}


def _item_head(item, settings, image: str | None, org: dict) -> dict:
    if isinstance(item, NewsItem):
        categories = [settings.news_categories[c] for c in item.categories]
        trail = [("Beranda", ""), ("Berita", NEWS), (item.title, item_path(item))]
        head = {
            "og_type": "article",
            "published": iso_wib(item.date),
            "modified": iso_wib(changed(item)),
            "section": categories[0] if categories else "",
            "tags": list(item.tags),
            "jsonld": graph(news_article(item, settings, image), org, breadcrumbs(settings, trail)),
        }
        return head
    label = category_label(item, settings)
    if item.lang == "en":
        trail = [("Home", ENGLISH), ("Catalog", EN_CATALOG), (item.title, item_path(item))]
    else:
        trail = [
            ("Beranda", ""),
            ("Katalog", CATALOG),
            (label, product_category(item.category)),
            (item.title, item_path(item)),
        ]
    # Google rejects a Product without an offer, so "hubungi penjual" pages carry none.
    nodes = [product(item, settings, image)] if item.price else []
    url = absolute_url(settings.site_url, item_path(item))
    nodes.insert(0, web_page(url, item.lang, item.title, url + "#produk" if nodes else None))
    head = {"og_type": "product", "jsonld": graph(*nodes, breadcrumbs(settings, trail))}
    if item.price:
        head.update(price=str(item.price.low), currency="IDR")
    return head
