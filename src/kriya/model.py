"""Plain, frozen data shared by every layer. No behaviour beyond formatting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one content file, told in Indonesian."""

    path: str  # relative to the project root, forward slashes
    line: int  # 1-based; 0 when the whole file is meant
    field: str  # front-matter key, or "" for the file as a whole
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


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
class NewsItem:
    path: str
    slug: str
    title: str
    date: datetime  # aware, Asia/Jakarta unless another zone was written
    description: str
    body: str
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    image: Image | None = None
    draft: bool = False
    body_line: int = 1  # file line where the body starts, for messages
    updated: datetime | None = None  # last real change, for feeds and the sitemap
    expires: datetime | None = None  # first moment the item is no longer published
    aliases: tuple[str, ...] = ()  # old URL paths that redirect here, e.g. "berita/lama/"

    kind = "news"


@dataclass(frozen=True)
class Product:
    path: str
    slug: str
    title: str
    artisan: str
    category: str
    kecamatan: str
    description: str
    body: str
    price: Price | None = None
    whatsapp: str | None = None  # digits, starting with 62
    images: tuple[Image, ...] = ()
    materials: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    certificate_numbers: tuple[tuple[str, str], ...] = ()  # (certification, number) pairs
    links: tuple[tuple[str, str], ...] = ()  # (shop or social site, https URL), in LINK order
    date: datetime | None = None
    featured: bool = False
    draft: bool = False
    body_line: int = 1
    updated: datetime | None = None
    expires: datetime | None = None
    aliases: tuple[str, ...] = ()
    # (certification, first moment it is no longer valid); expired ones are dropped from
    # `certifications` when the index is built, but stay here for the build report
    certificate_expiry: tuple[tuple[str, datetime], ...] = ()

    kind = "product"


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
