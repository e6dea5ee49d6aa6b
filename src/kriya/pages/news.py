"""News pages: one page per article, and the news listings (all, by category, by tag)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from .. import urls
from ..body import plain_text
from ..convert import slugify
from ..feeds import feed_paths
from ..related import reading_minutes
from .listing import paged
from .render import text_key

if TYPE_CHECKING:
    from . import Made


def articles(made: Made) -> None:
    in_feeds = feed_paths(made.index)
    for position, item in enumerate(made.index.news):
        body = article(made, item, position)
        if item.path in in_feeds:
            made.news_bodies[item.path] = body


def article(made: Made, item, position: int) -> str:
    """The page of the news item at `position` in the index; returns its body as shown."""
    news, index = made.index.news, made.index
    page = urls.item_path(item)
    link = urls.absolute_url(made.settings.site_url, page)
    body = made.body(item, page)
    html = made.render.page(
        "article.html",
        page,
        item=item,
        body=body,
        newer=news[position - 1] if position > 0 else None,
        older=news[position + 1] if position + 1 < len(news) else None,
        minutes=made.render.remembered(("minutes", text_key(body)), partial(_minutes, body)),
        page_link=link,
        related=index.related_news.get(item.path, ()),
        related_products=_products_for(made, item),
    )
    made.add(page, item.title, html, item.description, item.path, image=item.image)
    return body


def _minutes(body: str) -> int:
    """Minutes to read an article's body."""
    return reading_minutes(plain_text(body))


def _products_for(made: Made, item) -> tuple:
    """Products an article may show: those of artisans or categories its tags name."""
    index = made.index
    found: dict = {}
    for tag in item.tags:
        key = slugify(tag)
        group = index.products_by_artisan.get(key, ("", ()))[1] or index.products_by_category.get(
            key, ()
        )
        for product in group[:3]:  # only three are shown
            found.setdefault(product.path, product)
    return tuple(found.values())[:3]


def listings(made: Made) -> None:
    index, labels = made.index, made.settings.news_categories
    per_page = made.settings.news_per_page

    def chips(current):
        return [(labels[c], urls.news_category(c), c == current) for c in index.news_by_category]

    paged(
        made,
        "news_list.html",
        urls.NEWS,
        "Berita",
        index.news,
        per_page,
        "Kabar kegiatan dan program Dekranasda.",
        category_chips=chips(None),
    )
    for category, items in index.news_by_category.items():
        paged(
            made,
            "news_list.html",
            urls.news_category(category),
            f"Berita: {labels[category]}",
            items,
            per_page,
            "",
            category_chips=chips(category),
        )
    for label, items in index.news_by_tag.values():
        paged(
            made,
            "news_list.html",
            urls.news_tag(label),
            f"Tag: {label}",
            items,
            per_page,
            "",
            category_chips=chips(None),
        )
