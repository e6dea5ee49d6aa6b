"""The published index: drafts and future items are dropped here, once, so nothing later
can leak them. `now` is always passed in; this module never reads the clock."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from .convert import slugify
from .model import NewsItem, Product
from .related import related_news, related_products


@dataclass(frozen=True)
class SiteIndex:
    now: datetime
    news: tuple[NewsItem, ...]  # newest first
    products: tuple[Product, ...]  # by title
    held_back: tuple = ()  # drafts, future and expired items, for reports only
    news_by_category: dict = field(default_factory=dict)
    news_by_tag: dict = field(default_factory=dict)  # tag slug -> (label, items)
    products_by_category: dict = field(default_factory=dict)
    products_by_kecamatan: dict = field(default_factory=dict)
    products_by_artisan: dict = field(default_factory=dict)  # artisan slug -> (name, items)
    related_news: dict = field(default_factory=dict)  # news path -> related news items
    related_products: dict = field(default_factory=dict)  # product path -> related products
    # English versions of published products, by title, and each one by its original's path
    english: tuple[Product, ...] = ()
    english_of: dict = field(default_factory=dict)

    @property
    def featured(self) -> tuple[Product, ...]:
        return tuple(p for p in self.products if p.featured)


def status(item, now: datetime) -> str:
    """The one rule for what is published: "published", or why the item is held back:
    "draft", "scheduled" (its date is still to come) or "expired"."""
    if item.draft:
        return "draft"
    if item.date is not None and item.date > now:
        return "scheduled"
    if item.expires is not None and item.expires <= now:
        return "expired"
    return "published"


def is_published(item, now: datetime) -> bool:
    return status(item, now) == "published"


def without_expired_certifications(product: Product, now: datetime) -> Product:
    """The product as published: a certification past its `expires` is not shown."""
    gone = {slug for slug, expires in product.certificate_expiry if expires <= now}
    if not gone:
        return product
    return replace(
        product,
        certifications=tuple(c for c in product.certifications if c not in gone),
        certificate_numbers=tuple(n for n in product.certificate_numbers if n[0] not in gone),
    )


def build_index(news, products, now: datetime, preview: bool = False) -> SiteIndex:
    """Keep published items, sort them, and group them once for every listing.
    `preview` (only for `mkdocs serve`) keeps drafts and scheduled items too. English
    versions among `products` (`lang` "en") share their original's status, so a draft's
    translation is held back with it."""
    english_items = [p for p in products if p.lang != "id"]
    products = [p for p in products if p.lang == "id"]
    held = tuple(i for i in (*news, *products) if not is_published(i, now))
    shown = (lambda item: True) if preview else (lambda item: is_published(item, now))
    news = tuple(
        sorted((n for n in news if shown(n)), key=lambda n: (n.date, n.slug), reverse=True)
    )
    products = tuple(
        sorted(
            (without_expired_certifications(p, now) for p in products if shown(p)),
            key=lambda p: (p.title.casefold(), p.slug),
        )
    )
    by_category: dict = {}
    by_tag: dict = {}
    for item in news:
        for category in item.categories:
            by_category.setdefault(category, []).append(item)
        for tag in item.tags:
            by_tag.setdefault(slugify(tag), (tag, []))[1].append(item)
    p_category: dict = {}
    p_kecamatan: dict = {}
    p_artisan: dict = {}
    for item in products:
        p_category.setdefault(item.category, []).append(item)
        p_kecamatan.setdefault(item.kecamatan, []).append(item)
        p_artisan.setdefault(slugify(item.artisan), (item.artisan, []))[1].append(item)
    news_by_category = {k: tuple(v) for k, v in sorted(by_category.items())}
    news_by_tag = {k: (label, tuple(v)) for k, (label, v) in sorted(by_tag.items())}
    products_by_category = {k: tuple(v) for k, v in sorted(p_category.items())}
    products_by_kecamatan = {k: tuple(v) for k, v in sorted(p_kecamatan.items())}
    products_by_artisan = {k: (name, tuple(v)) for k, (name, v) in sorted(p_artisan.items())}
    english = tuple(
        sorted(
            (without_expired_certifications(p, now) for p in english_items if shown(p)),
            key=lambda p: (p.title.casefold(), p.slug),
        )
    )
    originals = {p.slug: p.path for p in products}
    return SiteIndex(
        now=now,
        news=news,
        products=products,
        held_back=held,
        news_by_category=news_by_category,
        news_by_tag=news_by_tag,
        products_by_category=products_by_category,
        products_by_kecamatan=products_by_kecamatan,
        products_by_artisan=products_by_artisan,
        related_news=related_news(news, news_by_category, news_by_tag),
        related_products=related_products(
            products, products_by_artisan, products_by_category, products_by_kecamatan
        ),
        english=english,
        english_of={originals[p.slug]: p for p in english},
    )


def paginate(items, per_page: int) -> list[tuple]:
    """Split into pages; always at least one (possibly empty) page."""
    return [tuple(items[i : i + per_page]) for i in range(0, len(items), per_page)] or [()]
