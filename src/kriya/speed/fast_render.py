"""The preview's fast render (as Hugo's server does it): after an edit, the page of each edited
item is made first, from the last complete run and the edited files only, so that the writer
sees it before the whole incremental rebuild, which follows and writes the same bytes.

An edit qualifies when the last run's state is enough to make those pages: each file was an
item of the last run and still is one without a problem, keeps its address and old addresses
(aliases, so no new clash), and shows only photos the last run planned. Everything else (a
new, deleted or renamed file, a problem, a new photo) gives None, and the rebuild alone shows
it. The site index is built again with the edited items (neighbours, related items and groups
follow), so the page is the one the rebuild makes; the other pages an edit changes (listings,
related items) come with the rebuild.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .. import urls
from ..body import BodyRenderer, Links
from ..load import COLLECTIONS, language_of, load_file, original_of
from ..model import errors
from ..pages import Made, catalog, english, news
from ..pages.render import Renderer
from ..site import build_index
from ..structured_data import annotate
from ..validate import translate, validate_record

FOLDERS = {folder + "/": collection for collection, folder in COLLECTIONS.items()}


def item_pages(last, changed: set[str], now: datetime, preview: bool) -> list | None:
    """[(spec with its head metadata, HTML)] of the pages of the items in the content files
    `changed` (paths relative to the project root), or None when the edit needs the whole
    rebuild. `last`: the `pipeline.Result` of the last complete run."""
    settings, index = last.settings, last.index
    if not changed or any(not is_content_file(path) for path in changed):
        return None
    items = {i.path: i for i in (*index.news, *index.products, *index.english)}
    # an Indonesian product's English version takes the fields it does not translate from it
    changed = changed | {
        english_item.path for path, english_item in index.english_of.items() if path in changed
    }
    new: dict[str, Any] = {}
    for path in sorted(changed, key=lambda p: (language_of(p) != "id", p)):  # originals first
        old = items.get(path)
        if old is None:
            return None
        record, problems = load_file(settings.root / path, path, _collection(path))
        if record is None or errors(problems):
            return None
        if record.lang == "id":
            item, problems = validate_record(record, settings)
        else:
            original = original_of(path)
            item, problems = translate(record, new.get(original, items.get(original)), settings)
        if item is None or errors(problems) or not _same_place(old, item):
            return None
        new[path] = item
    everything = [new.get(path, item) for path, item in items.items()]
    index = build_index(
        [i for i in everything if i.path.startswith(COLLECTIONS["news"] + "/")],
        [i for i in everything if i.path.startswith(COLLECTIONS["products"] + "/")],
        now,
        preview,
    )
    shown = {i.path: i for i in (*index.news, *index.products, *index.english)}
    links = Links(root=settings.root, published={p: urls.item_path(i) for p, i in shown.items()})
    renderer = BodyRenderer(links)
    bodies = {}
    for path in new:
        item = shown.get(path)
        if item is None:  # held back (a preview without drafts)
            return None
        body = renderer.render(path, urls.item_path(item), item.body, item.body_line)
        if errors(body[1]) or not _planned(item, body[2], last.pages.images):
            return None
        bodies[path] = body
    made = Made(index, settings, Renderer(settings, now, last.pages.images), bodies, {})
    for path in new:
        _page(made, shown[path])
    specs, _, _ = annotate(made.specs, made.html, index, settings)
    return [(spec, made.html[spec.path]) for spec in specs]


def is_content_file(path: str) -> bool:
    """Whether `path` (relative to the project) is a news item or product file."""
    folder, _, name = path.rpartition("/")
    return folder + "/" in FOLDERS and name.endswith(".md") and not name.startswith(".")


def _collection(path: str) -> str:
    return FOLDERS[path.rpartition("/")[0] + "/"]


def _same_place(old, new) -> bool:
    """Whether the edited item keeps its address and its old addresses (no new clash)."""
    return urls.item_path(old) == urls.item_path(new) and old.aliases == new.aliases


def _planned(item, body_photos: set[str], images) -> bool:
    """Whether every photo the item's page shows was planned by the last run (its variants
    exist), with the sharing card of its cover."""
    photos = list(getattr(item, "images", ()))
    cover = getattr(item, "image", None) or (photos[0] if photos else None)
    sources = {photo.src for photo in photos} | set(body_photos)
    if cover is not None:
        sources.add(cover.src)
    if not sources <= images.pictures.keys():
        return False
    return cover is None or cover.src in images.shares


def _page(made: Made, item) -> None:
    index = made.index
    if item.path.startswith(COLLECTIONS["news"] + "/"):
        position = next(n for n, other in enumerate(index.news) if other.path == item.path)
        news.article(made, item, position)
    elif item.lang == "id":
        catalog.product(made, item)
    else:
        original = original_of(item.path)
        english.product(made, item, next(p for p in index.products if p.path == original))
