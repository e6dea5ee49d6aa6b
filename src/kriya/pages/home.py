"""The home page's generated part and the search page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import urls

if TYPE_CHECKING:
    from . import Made


def home(made: Made) -> str:
    """HTML appended to the hand-written home page: newest news, featured products."""
    index, settings = made.index, made.settings
    featured = index.featured or index.products
    return made.render.render(
        "home.html",
        "",
        news=index.news[: settings.home_news],
        products=featured[: settings.home_products],
        english=bool(index.english),
    )


def search_page(made: Made) -> None:
    html = made.render.page("search_page.html", urls.SEARCH)
    made.add(
        urls.SEARCH,
        "Cari",
        html,
        "Cari berita dan produk UMKM; saring menurut jenis, kategori, kecamatan dan sertifikasi.",
    )
