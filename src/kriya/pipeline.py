"""The one place that knows the order of a build's steps: load -> validate -> site index ->
bodies -> pages -> publish, collecting every problem on the way. Each step is a plain
function; `speed` decides how the steps run (worker processes, the serve memo)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from . import images, qr, urls
from .body import BodyRenderer, Links
from .cache_files import digest_text
from .load import docs_pages, load_content, original_of
from .model import Problem, errors, warnings
from .pages import Pages, body_jobs, build_pages
from .publishing import publish
from .settings import Settings
from .site import SiteIndex, build_index
from .speed import Speed
from .validate import named_files, validate_all


@dataclass
class Result:
    index: SiteIndex
    pages: Pages
    problems: list[Problem]
    settings: Settings | None = None
    home_head: dict = field(default_factory=dict)  # <head> metadata of docs/index.md
    # what Kriya read in the writer's favour (a Word or Instagram habit) or found weak (a
    # vague alt text): said in check's output and the build report, never stopping a build
    warnings: list[Problem] = field(default_factory=list)
    docs: dict[str, str] = field(default_factory=dict)  # URL path -> source of docs/ pages


def run(
    settings: Settings, now: datetime, preview: bool = False, speed: Speed | None = None
) -> Result:
    """The whole site as of `now`; `preview` (serve) keeps drafts and scheduled items."""
    speed = speed or Speed()
    file_keys: dict[str, tuple] = {}  # content path -> how the memo knows the file
    files = _ProjectFiles(settings.root)  # the photos a remembered item or body names

    def load_key(file) -> tuple:
        file_keys[file[1]] = key = speed.file_key(file)
        return key

    records, problems = load_content(
        settings.root,
        lambda function, files: speed.map("load", function, files, key=load_key, chunksize=50),
    )
    docs = docs_pages(settings.root)
    # each item validated from one file, by what the page cache may know it: its file and
    # the settings (an item is made from nothing else; an English version also from its
    # original's file)
    item_keys: list[tuple[Any, tuple]] = []
    settings_key = digest_text(repr(settings))

    def validate(function, items: list) -> list:
        results = speed.map(
            "validate",
            function,
            items,
            key=lambda record: file_keys[record.path],
            version=settings,
            reuse=partial(_still_valid, files),
        )
        for record, (item, _) in zip(items, results):
            if item is not None and record.path in file_keys:  # (known with a memo only)
                item_keys.append((item, ("item", file_keys[record.path], settings_key)))
        return results

    news, products, found = validate_all(records, settings, docs, validate)
    for item in products:  # an English version: made from its file and its original's
        if item.lang != "id" and item.path in file_keys:
            source = file_keys.get(original_of(item.path))
            item_keys.append((item, ("item", file_keys[item.path], source, settings_key)))
    del records  # the raw front matter: the items hold what the pages need
    index = build_index(news, products, now, preview)
    pages = build_pages(
        index,
        settings,
        _bodies(index, settings, speed, files),
        html=speed.page_store(),
        cache=speed.page_cache,
        hand_written=frozenset(docs),
        qr_codes=_qr_codes(index, settings, speed),
        item_keys=item_keys,
    )
    published = publish(
        pages.specs, pages.html, index, settings, pages.news_bodies, docs, pages.of_page
    )
    pages = replace(
        pages,
        specs=published.specs,
        data={**pages.data, **published.files},
        problems=sorted(pages.problems + published.problems),
    )
    if speed.memo is not None:
        speed.memo.turn()
    every = sorted(problems + found + pages.problems)
    return Result(
        index,
        replace(pages, problems=errors(pages.problems)),
        errors(every),
        settings,
        published.home_head,
        warnings(every),
        docs,
    )


def without_items(result: Result) -> Result:
    """`result` as MkDocs renders it, once the build has counted and reported its items: an
    empty index, and no page renderer (which knows every item). The items are let go before
    MkDocs makes its own objects for every page; their Markdown alone held 56 MiB at
    10,000 + 10,000 items."""
    return replace(
        result,
        index=SiteIndex(result.index.now, (), ()),
        pages=replace(result.pages, news_bodies={}, of_page=Pages.of_page),
    )


class _ProjectFiles:
    """Which project files exist, from one listing of each folder a file is asked of
    (os.path.isfile of each photo of 20,000 items took 0.5 s). For one run: files do not
    come and go while it reads them."""

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self._names: dict[str, set[str]] = {}  # folder -> names of the files in it

    def all_exist(self, files) -> bool:
        for src in files:
            folder, name = os.path.split(os.path.join(self.root, src))
            names = self._names.get(folder)
            if names is None:
                try:
                    with os.scandir(folder) as listed:  # is_file follows links, as isfile
                        names = {entry.name for entry in listed if entry.is_file()}
                except OSError:
                    names = set()
                self._names[folder] = names
            if name not in names:
                return False
        return True


def _still_valid(files: _ProjectFiles, result: tuple) -> bool:
    """A remembered validation holds while its item is valid and the photos it names exist."""
    item = result[0]
    return item is not None and files.all_exist(named_files(item))


def _body_still_valid(files: _ProjectFiles, result: tuple) -> bool:
    """A remembered body holds while it had no problem and the photos it shows exist."""
    return not errors(result[1]) and files.all_exist(result[2])


def _bodies(index: SiteIndex, settings: Settings, speed: Speed, files: _ProjectFiles) -> dict:
    """Every published body rendered once: content path -> (HTML, problems, photos)."""
    items: list[Any] = [*index.news, *index.products, *index.english]
    published = {i.path: urls.item_path(i) for i in items}
    renderer = BodyRenderer(Links(root=settings.root, published=published))
    jobs = body_jobs(index)
    results = speed.map(
        "bodies",
        renderer.render_job,
        jobs,
        key=lambda job: (*job[:2], digest_text(job[2]), job[3]),  # (not the Markdown itself)
        version=published,
        reuse=partial(_body_still_valid, files),
        chunksize=64,
    )
    return {job[0]: result for job, result in zip(jobs, results)}


def _qr_codes(index: SiteIndex, settings: Settings, speed: Speed) -> dict[str, str]:
    """The QR code of every published product's address, for the print pages (none without
    `site_url`: a printed code must hold a full address). segno takes ~5 ms a code."""
    if not settings.site_url:
        return {}
    addresses = [urls.absolute_url(settings.site_url, urls.item_path(p)) for p in index.products]
    return qr.cached(
        addresses,
        images.default_cache(settings.root),
        # kept in the image cache's qr.json, so no memo holds them a second time
        lambda missing: speed.share("qr", qr.svg, missing, chunksize=32),
    )


def report(problems: list[Problem]) -> str:
    """All problems as text for the terminal, with a closing count in Indonesian."""
    return _listed(
        problems, "masalah", "Perbaiki lalu jalankan lagi (panduan: PANDUAN-PENULIS.md)."
    )


def warnings_report(found: list[Problem]) -> str:
    """The warnings as text for the terminal: they do not stop a build."""
    closing = "tidak menghentikan build, tetapi sebaiknya diperbaiki seperti saran di atas.\n"
    return _listed(found, "peringatan", closing, separator=": ")


def _listed(found: list[Problem], noun: str, closing: str, separator: str = ". ") -> str:
    files = len({p.path for p in found})
    count = f"\n{len(found)} {noun} di {files} file{separator}{closing}"
    return "\n".join([*(str(p) for p in found), count])
