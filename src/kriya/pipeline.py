"""load -> validate -> site index -> pages, collecting every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .load import load_content
from .model import Problem
from .pages import Pages, build_pages
from .settings import Settings
from .site import SiteIndex, build_index
from .validate import validate_all


@dataclass
class Result:
    index: SiteIndex
    pages: Pages
    problems: list[Problem]
    settings: Settings | None = None


def run(settings: Settings, now: datetime, preview: bool = False,
        memo: dict | None = None) -> Result:
    """`memo`: a dict kept between runs (by `mkdocs serve`) to reuse what unchanged files gave:
    their parsing, validation, bodies and pages."""
    part = (lambda name: None) if memo is None else (lambda name: memo.setdefault(name, {}))
    records, problems = load_content(settings.root, part("load"))
    news, products, found = validate_all(records, settings, part("validate"))
    del records  # the raw front matter: the items hold what the pages need
    index = build_index(news, products, now, preview)
    pages = build_pages(index, settings, memo)
    return Result(index, pages, sorted(problems + found + pages.problems), settings)


def report(problems: list[Problem]) -> str:
    """All problems as text for the terminal, with a closing count in Indonesian."""
    lines = [str(p) for p in problems]
    files = len({p.path for p in problems})
    lines.append(f"\n{len(problems)} masalah di {files} file. Perbaiki lalu jalankan lagi "
                 "(panduan: PANDUAN-PENULIS.md).")
    return "\n".join(lines)
