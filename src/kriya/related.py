"""Related items, computed once per build from the taxonomy groups of the site index.

An item is compared only with the first few items of each group it belongs to (a tag, a
category, an artisan, a kecamatan): groups are already sorted (news newest first, products by
title) and ties are broken by that order, so the best matches are among those first few.
The cost per item is therefore fixed, and a build grows linearly with the catalogue.
"""

from __future__ import annotations

from .convert import slugify

# Points for each kind of shared group.
NEWS_WEIGHTS = {"tag": 2, "category": 1}
PRODUCT_WEIGHTS = {"artisan": 3, "category": 2, "kecamatan": 1}


def _best(item, scores: dict, limit: int, recency) -> tuple:
    scores.pop(item.path, None)
    ranked = sorted(scores.values(), key=lambda entry: (-entry[0], recency(entry[1])))
    return tuple(other for _, other in ranked[:limit])


def _add(scores: dict, items, points: int, limit: int) -> None:
    for other in items[: 3 * limit + 1]:  # enough to fill `limit` after dropping the item
        entry = scores.get(other.path)
        scores[other.path] = (entry[0] + points if entry else points, other)


def related_news(news, by_category: dict, by_tag: dict, limit: int = 3) -> dict:
    """news item path -> up to `limit` other items sharing tags (2 points each) or categories
    (1 point each), best first, then newest."""
    position = {item.path: number for number, item in enumerate(news)}  # news is newest first
    result = {}
    for item in news:
        scores: dict = {}
        for tag in item.tags:
            _add(scores, by_tag.get(slugify(tag), ("", ()))[1], NEWS_WEIGHTS["tag"], limit)
        for category in item.categories:
            _add(scores, by_category.get(category, ()), NEWS_WEIGHTS["category"], limit)
        result[item.path] = _best(item, scores, limit, lambda other: position[other.path])
    return result


def related_products(
    products, by_artisan: dict, by_category: dict, by_kecamatan: dict, limit: int = 4
) -> dict:
    """product path -> up to `limit` others by the same artisan (3 points), in the same
    category (2) or kecamatan (1), best first, then by title."""
    position = {item.path: number for number, item in enumerate(products)}  # by title
    result = {}
    for item in products:
        scores: dict = {}
        _add(
            scores,
            by_artisan.get(slugify(item.artisan), ("", ()))[1],
            PRODUCT_WEIGHTS["artisan"],
            limit,
        )
        _add(scores, by_category.get(item.category, ()), PRODUCT_WEIGHTS["category"], limit)
        _add(scores, by_kecamatan.get(item.kecamatan, ()), PRODUCT_WEIGHTS["kecamatan"], limit)
        result[item.path] = _best(item, scores, limit, lambda other: position[other.path])
    return result


def reading_minutes(text: str, words_per_minute: int = 200) -> int:
    """Minutes to read plain `text`, at least one."""
    return max(1, round(len(text.split()) / words_per_minute))
