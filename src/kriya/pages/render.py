"""Rendering one page: the Jinja environment of a build and the helpers templates call.

Rendering has no side effects: every photo a page can show is planned before the first page
is rendered (`pages.plan_images`), so `picture()` and `thumbnail()` only look plans up. A
page's HTML therefore depends only on its template, its context and the plan, which lets a
`cache` (kept by `mkdocs serve` between rebuilds) return it again for the same inputs.
"""

from __future__ import annotations

import hashlib
import html as html_text
import pickle
import re
from collections.abc import Callable, Hashable, Iterable, MutableMapping
from dataclasses import fields, is_dataclass
from datetime import datetime
from functools import partial
from typing import Any

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import urls
from ..convert import LINK_SITES, slugify
from ..formatting import price_text, share_links, tanggal, whatsapp_link, whatsapp_text
from ..images import ImageSet, picture_html
from ..model import Image
from ..packed import Packed, text_of
from ..schedule import held_note
from ..search_prices import price_buckets
from ..settings import CERTIFICATE_NAMES, Settings
from ..site import status

# `sizes` of each kind of image (px: `sizes` ignores the page's root font size).
BODY_SIZES = "(min-width: 960px) 840px, calc(100vw - 32px)"
CARD_SIZES = "(min-width: 720px) 240px, calc(50vw - 26px)"
SIZES = {
    "cover": BODY_SIZES,
    "card": CARD_SIZES,
    "news_card": "(min-width: 640px) 280px, calc(100vw - 32px)",
    "gallery": "(min-width: 800px) 580px, calc(100vw - 32px)",
    "gallery_more": "(min-width: 800px) 580px, 85vw",
}


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept for the process, by name and source checksum: the preview
    makes new environments for every rebuild, and compiling Kriya's templates again took
    0.3 s (the theme's 0.2 s). One instance per set of environment options: compiled code
    depends on them."""

    def __init__(self) -> None:
        self.codes: dict = {}

    def load_bytecode(self, bucket) -> None:
        checksum, code = self.codes.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = (bucket.checksum, bucket.code)


COMPILED = CompiledTemplates()  # for the environments made below


def environment(settings: Settings, now: datetime) -> Environment:
    """The templates of one build; nothing in it outlives the build but compiled code."""
    env = Environment(
        loader=PackageLoader("kriya", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED,
    )
    env.globals.update(
        tanggal=tanggal,
        price_text=price_text,
        whatsapp_text=whatsapp_text,
        # (made while a page renders: a page's key holds the item and its address instead)
        share_links=share_links,
        whatsapp_link=whatsapp_link,
        price_buckets=price_buckets,
        slugify=slugify,
        urls=urls,
        settings=settings,
        sizes=SIZES,
        cert_names=CERTIFICATE_NAMES,
        link_sites=LINK_SITES,  # a constant of the code: no page key needs to hold it
        held=lambda item: held_note(item, now),  # the preview's banner
    )
    return env


class Renderer:
    def __init__(
        self,
        settings: Settings,
        now: datetime,
        images: ImageSet,
        cache: MutableMapping | None = None,
        item_keys: Iterable[tuple[Any, Hashable]] = (),
    ):
        self.env = environment(settings, now)
        self.now = now
        self.images = images
        self.cache = cache
        self._plan = images.fingerprint() if cache is not None else None
        # a cache kept on disk (a BuildCache's memo) knows a page by a digest of its key (the
        # keys themselves held 94 MiB at 10,000 + 10,000 items) and takes its HTML packed
        self._on_disk = getattr(cache, "on_disk", False)
        self._pictures: dict = {}  # <picture> HTML by (page depth, image, sizes, ...)
        # id -> (item, its key part): each item is hashed once. `item_keys` gives items
        # whose key part is known without looking inside them (what their file held).
        # On disk, such a part is kept as a digest: a page key then pickles 16 bytes per item
        # it shows (a listing shows dozens), not the item's file name and digests.
        part = _digest if self._on_disk else _same
        self._items: dict = {id(item): (item, part(key)) for item, key in item_keys}
        self.keys: dict[str, Hashed | bytes] = {}  # page path -> the key its HTML has in `cache`

    def render(self, template: str, page: str, **context) -> str:
        """The HTML of `template` shown at site path `page`."""
        return text_of(self.page(template, page, **context))

    def page(self, template: str, page: str, **context) -> str | Packed:
        """`render`, in the form the cache keeps it (packed by a BuildCache's memo): what a
        page store (`Spill`) takes as it is."""
        if self.cache is None:
            return self._render(template, page, context)
        key = self.keys[page] = self._key(template, page, context)
        return self._kept(key, partial(self._render, template, page, context))

    def of_page(self, page: str, part: Hashable, make: Callable[[], Any]) -> Any:
        """`make()` for something that depends only on the page at `page` (its HTML and what
        it was made from) and `part`, remembered with the page's HTML."""
        key = self.keys.get(page)
        return make() if key is None else self.remembered((part, key), make)

    def _render(self, template: str, page: str, context: dict) -> str | Packed:
        """The page's HTML; packed as it is made for a cache on disk (the print catalog of
        10,000 products is 29 MB of HTML, whole and in pieces twice that)."""
        made = self.env.get_template(template)
        helpers = {
            "url": partial(urls.relative_url, page),
            "picture": partial(self.picture, page),
            "thumbnail": self.thumbnail,
        }
        if self._on_disk:
            return Packed.joined(made.generate(**helpers, **context))
        return made.render(**helpers, **context)

    def remembered(self, key: tuple, make: Callable[[], Any]) -> Any:
        """`make()`, or what it gave for the same `key` in the last run (serve)."""
        if self.cache is None:
            return make()
        return text_of(self._kept(key, make))

    def _kept(self, key, make: Callable[[], Any]) -> Any:
        """The cache's value for `key` (reading it keeps it for the next run), else make()'s
        as the cache keeps it (packed)."""
        assert self.cache is not None
        try:
            return self.cache[key]
        except KeyError:
            self.cache[key] = make()
            return self.cache[key]

    def _key(self, template: str, page: str, context: dict):
        """What a page's HTML depends on: the template, the page, every value handed to it,
        whether the preview marks its item as held back, and the photos' plan."""
        item = context.get("item")
        held = status(item, self.now) if item is not None else None
        key = (template, page, held, self._plan, _frozen(context, self._items))
        if self._on_disk:
            # (values that pickle alike are equal; equal ones that do not only miss)
            data = pickle.dumps(key, pickle.HIGHEST_PROTOCOL)
            return hashlib.blake2b(data, digest_size=16).digest()
        return Hashed(key)

    def picture(
        self, page: str, image: Image, sizes: str, eager: bool = False, cls: str = ""
    ) -> Markup:
        """<picture> of a planned photo ("" for one that could not be read)."""
        key = (page.count("/"), image.src, image.alt, sizes, eager, cls)
        if key not in self._pictures:  # media/ paths depend only on the page's depth
            planned = self.images.pictures.get(image.src)
            self._pictures[key] = (
                picture_html(planned, image.alt, page, sizes, eager, cls) if planned else Markup("")
            )
        return self._pictures[key]

    def thumbnail(self, src: str) -> str:
        """Site path (from the root) of a photo's smallest WebP, e.g. for search results."""
        planned = self.images.pictures.get(src)
        return planned.srcset("webp").split(" ")[0] if planned else ""

    def body(self, page: str, html: str, found) -> str:
        """A rendered body with each <img> of a planned photo swapped for a responsive
        <picture>. Originals are never published: a photo that could not be planned is a
        problem, and its <img> stays broken in the preview."""
        for src in sorted(found):
            target = re.escape(urls.relative_url(page, urls.asset_path(src)))

            def swap(match, src=src):
                alt = re.search(r'\balt="([^"]*)"', match[0])
                image = Image(src, html_text.unescape(alt[1]) if alt else "")
                return str(self.picture(page, image, BODY_SIZES)) or match[0]

            html = re.sub(rf'<img\b[^>]*\bsrc="{target}"[^>]*>', swap, html)
        return html


_PLAIN = frozenset({int, float, bool, type(None)})  # hashable as they are
_TEXT = frozenset({str, Markup})  # too, up to LONG characters; longer ones by their digest
LONG = 256


class Hashed:
    """A cache key whose hash is computed once: a dataclass item hashes all its fields on
    every call, and a page's key holds dozens of items."""

    __slots__ = ("hash", "value")

    def __init__(self, value):
        self.value = value
        self.hash = hash(value)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other) -> bool:
        if not isinstance(other, Hashed) or self.hash != other.hash:
            return False
        return self.value is other.value or self.value == other.value

    def __reduce__(self):  # str hashes differ between processes: computed again when loaded
        return Hashed, (self.value,)  # (a BuildCache keeps keys on disk)


def text_key(text: str) -> tuple[str, bytes]:
    """A long text as a cache key holds it: by its digest (the last one given is known: an
    article's body is digested for its reading time, then for its page's key)."""
    global _last_text
    last = _last_text
    if last[0] is text:
        return last[1]
    key = ("text", hashlib.blake2b(text.encode(), digest_size=16).digest())
    _last_text = (text, key)
    return key


_last_text: tuple[Any, Any] = (None, None)


def _frozen_all(values, items: dict) -> tuple:
    """`_frozen` of each value: plain values, short texts and items met before (most values)
    are taken here, without a call."""
    frozen = []
    for v in values:
        kind = type(v)
        if kind in _PLAIN or (kind in _TEXT and len(v) <= LONG):
            frozen.append(v)
            continue
        known = items.get(id(v))
        frozen.append(known[1] if known is not None and known[0] is v else _frozen(v, items))
    return tuple(frozen)


def _digest(key) -> bytes:
    return hashlib.blake2b(pickle.dumps(key, pickle.HIGHEST_PROTOCOL), digest_size=16).digest()


def _same(key):
    return key


def _frozen(value, items: dict):
    """`value` with its lists, sets and dicts made tuples, so that it can be a dict key; an
    item holding an unhashable value is taken apart field by field. `items`: id -> (item,
    key part) of the items met so far."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind in _TEXT:  # a page's body: a key kept on disk need not hold it whole
        return value if len(value) <= LONG else text_key(value)
    known = items.get(id(value))  # an item met before (most values that are not plain)
    if known is not None and known[0] is value:
        return known[1]
    # (plain values and short texts, most values, are taken as they are without a call)
    if isinstance(value, dict):
        names = sorted(value)
        return tuple(zip(names, _frozen_all([value[k] for k in names], items)))
    if isinstance(value, (list, tuple)):
        return _frozen_all(value, items)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(_frozen(v, items) for v in value))
    if is_dataclass(value) and not isinstance(value, type):
        try:
            part: Any = Hashed(value)
        except TypeError:
            part = Hashed(
                (
                    type(value).__name__,
                    tuple(_frozen(getattr(value, f.name), items) for f in fields(value)),
                )
            )
        items[id(value)] = (value, part)
        return part
    return value
