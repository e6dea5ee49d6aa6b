"""Paginated listings, shared by news and catalog pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import urls
from ..site import paginate

if TYPE_CHECKING:
    from . import Made


def paged(
    made: Made,
    template: str,
    base: str,
    title: str,
    items,
    per_page: int,
    intro: str,
    page_word: str = "halaman",
    **context,
) -> None:
    """The listing of `items` at `base`, `per_page` to a page; later pages at halaman/N/
    (page/N/ in English, whose titles say `page_word`)."""
    pages = paginate(items, per_page)
    context.setdefault("browse", False)
    for number, chunk in enumerate(pages, 1):
        page = urls.page_url(base, number)
        heading = title if number == 1 else f"{title} ({page_word} {number})"
        html = made.render.page(
            template,
            page,
            title=heading,
            intro=intro,
            items=chunk,
            page_number=number,
            page_count=len(pages),
            base=base,
            **context,
        )
        made.add(page, heading, html, intro or title)
