"""Plain, frozen data shared by every layer. No behaviour beyond formatting."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one content file, told in Indonesian. A warning does not stop the
    build: Kriya read the writer's intent (a Word or Instagram habit) and says how to write it."""

    path: str  # relative to the project root, forward slashes
    line: int  # 1-based; 0 when the whole file is meant
    field: str  # front-matter key, or "" for the file as a whole
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        message = f"peringatan: {self.message}" if self.warning else self.message
        return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"


def errors(problems) -> list[Problem]:
    """The problems that stop a build (not the warnings)."""
    return [p for p in problems if not p.warning]


def warnings(problems) -> list[Problem]:
    return [p for p in problems if p.warning]


@dataclass(frozen=True)
class RawRecord:
    """A content file split into front matter and body, before any validation."""

    path: str  # relative to the project root
    collection: str  # "news" or "products"
    data: dict
    lines: dict  # top-level key -> 1-based line number
    raw: dict  # top-level key -> source text of a scalar value
    body: str
    body_line: int  # line number of the first body line
    lang: str = "id"  # "en" for an English version (content/products/<slug>.en.md)
    # top-level keys whose lines could not be read (already reported): the others are still
    # checked, but the record never becomes an item
    broken: tuple[str, ...] = ()


@dataclass(frozen=True)
class Image:
    src: str  # path relative to the project root
    alt: str


@dataclass(frozen=True)
class Price:
    """Whole rupiah. `low == high` for a single price."""

    low: int
    high: int


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it goes, what it says, and where it came from. Its HTML
    travels beside it (`pages.Pages.html`), so that it can wait on disk."""

    path: str  # URL path relative to the site root, e.g. "berita/rakernas/" ("" for home)
    title: str
    description: str = ""
    edit_path: str | None = None  # source file, relative to the project root
    image: str | None = None  # site path of the 1200x630 sharing JPEG (og:image)
    image_alt: str = ""
    head: dict = field(default_factory=dict)  # metadata for <head>: Open Graph, JSON-LD, lastmod

    @property
    def src_uri(self) -> str:
        return f"{self.path}index.md"


def __getattr__(name: str):
    """NewsItem and Product: generated in schema.py from the field tables, so that a new field
    is a table row, not an attribute typed here too. schema.py imports the converters, which
    import this module, hence the lookup on first use instead of an import at the top."""
    if name in ("NewsItem", "Product"):
        from . import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
