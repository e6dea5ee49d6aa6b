"""Everything a build publishes besides the pages themselves, from the same published index:
head metadata and JSON-LD, feeds, open catalog data and redirect pages for old URLs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .admin import admin_files
from .catalog_data import catalog_files
from .feeds import feed_files
from .model import PageSpec, Problem
from .redirects import redirect_files
from .structured_data import annotate


@dataclass
class Publication:
    specs: list[PageSpec]  # the same pages, with `head` filled in
    home_head: dict  # head metadata of the hand-written home page
    files: dict = field(default_factory=dict)  # site path -> text (feeds, data, redirects)
    problems: list[Problem] = field(default_factory=list)


def publish(
    specs: list[PageSpec],
    html: Mapping[str, str],
    index,
    settings,
    news_bodies: dict,
    docs: Mapping[str, str],
    of_page: Callable | None = None,
) -> Publication:
    """`html`: page path -> HTML; `news_bodies`: news path -> body HTML for the feeds;
    `docs`: URL path -> source of the hand-written pages; `of_page`: see `Pages.of_page`."""
    specs, home_head, images = annotate(specs, html, index, settings, of_page)
    files = feed_files(index, settings, news_bodies, images)
    files.update(catalog_files(index, settings, images))
    taken = {s.path for s in specs} | set(docs)
    redirects, problems = redirect_files(
        (*index.news, *index.products), settings.site_url, taken | set(files)
    )
    files.update(redirects)
    files.update(admin_files(settings))
    return Publication(specs, home_head, files, problems)
