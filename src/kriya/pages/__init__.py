"""Site index -> pages: each page's spec (URL path, title, metadata) and its HTML.

One module per kind of page: `news` (articles and news listings), `catalog` (products,
catalog listings, UMKM), `printed` (the print catalog and booth cards) and `home` (home and
search pages); `render` renders templates.
No MkDocs and no worker processes here: bodies come rendered, and where HTML is kept (`html`)
or remembered between runs (`cache`) is handed in.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from .. import urls
from ..body import BodyResult
from ..images import ImageSet, Unreadable
from ..model import Image, PageSpec, Problem
from ..packed import Packed, text_of
from ..settings import Settings
from ..site import SiteIndex
from . import catalog, english, home, news, printed
from .render import Renderer


@dataclass
class Pages:
    specs: list[PageSpec]
    html: MutableMapping[str, str]  # page path -> HTML
    home_html: str  # appended to the hand-written home page (docs/index.md)
    images: ImageSet  # planned image variants; `images.produce` makes them
    problems: list[Problem] = field(default_factory=list)
    data: dict[str, str] = field(default_factory=dict)  # site path -> generated text file
    news_bodies: dict[str, str] = field(default_factory=dict)  # news path -> body, for feeds
    # `of_page(path, part, make)`: make() of what depends only on the page at `path` (see
    # Renderer.of_page), remembered while the page's inputs stay the same
    of_page: Callable[[str, Hashable, Callable[[], Any]], Any] = lambda _, __, make: make()


@dataclass
class Made:
    """The pages of one build as they are made, and what they need from each other."""

    index: SiteIndex
    settings: Settings
    render: Renderer
    bodies: dict[str, BodyResult]  # content path -> rendered body
    html: MutableMapping[str, str]
    specs: list[PageSpec] = field(default_factory=list)
    data: dict[str, str] = field(default_factory=dict)
    news_bodies: dict[str, str] = field(default_factory=dict)
    qr_codes: dict[str, str] = field(default_factory=dict)  # absolute address -> <svg>

    def add(
        self,
        path: str,
        title: str,
        html: str | Packed,
        description: str = "",
        edit_path: str | None = None,
        image: Image | None = None,
    ) -> None:
        """A page at site path `path`; `image` is the photo it is shared with."""
        src = image.src if image and image.src in self.render.images.pictures else None
        # a page store of its own (speed.Spill) takes packed HTML as it is
        self.html[path] = text_of(html) if type(self.html) is dict else html  # type: ignore[assignment]
        self.specs.append(
            PageSpec(
                path=path,
                title=title,
                description=description,
                edit_path=edit_path,
                image=self.render.images.share(src).path,
                image_alt=image.alt if image else self.settings.site_name,
            )
        )

    def add_product(self, page: str, item, html: str | Packed) -> None:
        """A product's page (Indonesian or English), shared with its first photo."""
        image = item.images[0] if item.images else None
        self.add(page, item.title, html, item.description, item.path, image=image)

    def body(self, item, page: str) -> str:
        """An item's body as shown on its page at `page`."""
        html, _, found = self.bodies[item.path]
        return self.render.body(page, html, found)


def body_jobs(index: SiteIndex) -> list[tuple[str, str, str, int]]:
    """(content path, page path, Markdown, first line) of every body a build shows."""
    items: list[Any] = [*index.news, *index.products, *index.english]
    return [(i.path, urls.item_path(i), i.body, i.body_line) for i in items]


def plan_images(index: SiteIndex, bodies: dict[str, BodyResult], images: ImageSet) -> list[Problem]:
    """Plan every photo the pages can show (covers, galleries, body photos) and the sharing
    image of each page; a photo that cannot be read is a problem, reported once."""
    photos = {image.src for item in index.news if item.image for image in (item.image,)}
    photos |= {image.src for item in index.products for image in item.images}
    photos |= {src for _, _, found in bodies.values() for src in found}
    problems = []
    for src in sorted(photos):
        try:
            images.picture(src)
        except Unreadable as why:
            problems.append(
                Problem(
                    src,
                    0,
                    "",
                    str(why),
                )
            )
    covers = [item.image for item in index.news] + [
        item.images[0] if item.images else None for item in index.products
    ]
    for cover in covers:
        images.share(cover.src if cover and cover.src in images.pictures else None)
    images.share(None)  # the default sharing card, for pages without a photo
    return problems


def build_pages(
    index: SiteIndex,
    settings: Settings,
    bodies: dict[str, BodyResult],
    *,
    html: MutableMapping[str, str] | None = None,
    cache: MutableMapping | None = None,
    hand_written: frozenset[str] = frozenset(),
    qr_codes: dict[str, str] | None = None,
    item_keys: Iterable[tuple[Any, Hashable]] = (),
) -> Pages:
    """Every generated page of the site. `bodies`: content path -> rendered body (see
    `body_jobs`); `html`: where each page's HTML goes (a dict by default); `cache`: page HTML
    remembered between runs by the inputs it depends on; `hand_written`: URL paths of the
    docs/ pages, which generated pages give way to where they may; `qr_codes`: absolute
    address -> QR code (`kriya.qr.svg`) of each product, for the print pages; `item_keys`:
    (item, what the cache may know it by) of items made from one file alone."""
    images = ImageSet(settings.root, settings.site_name)
    problems = plan_images(index, bodies, images)
    made = Made(
        index,
        settings,
        Renderer(settings, index.now, images, cache, item_keys),
        bodies,
        {} if html is None else html,
        qr_codes=qr_codes or {},
    )
    news.articles(made)
    catalog.products(made)
    news.listings(made)
    catalog.listings(made)
    printed.catalog(made)
    printed.cards(made)
    home.search_page(made)
    english.pages(made, hand_written)
    problems += [p for _, found_problems, _ in bodies.values() for p in found_problems]
    return Pages(
        specs=made.specs,
        html=made.html,
        home_html=home.home(made),
        images=images,
        problems=sorted(problems),
        data=made.data,
        news_bodies=made.news_bodies,
        of_page=made.render.of_page,
    )
