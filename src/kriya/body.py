"""Markdown body -> safe HTML with links resolved, reporting links to unpublished pages.

Only the body may carry HTML; it is sanitised with nh3 against an allow-list, so a
`<script>` or a `javascript:` link never reaches the site.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.extensions.toc import slugify as toc_slugify

from . import habits
from .convert import SAFE_NAME, missing_image
from .model import Problem
from .urls import ARTISANS, CATALOG, NEWS, asset_path, relative_url

TAGS = nh3.ALLOWED_TAGS - {"area", "map", "center", "tt", "acronym", "strike"}
ATTRIBUTES = {
    **{k: set(v) for k, v in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"id", "title", "lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "code": {"class"},
    "div": {"class"},
    "span": {"class"},
    "pre": {"class"},
    "sup": {"id"},
    "li": {"id"},
}
SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["tables", "fenced_code", "footnotes", "sane_lists", "toc", "abbr", "def_list"]
# Authors never choose ids: an id in a body could replace one the page's frame relies on
# (Material reads its configuration from #__config). Only the ids the Markdown extensions make
# are kept, and headings' ids start with "isi-", which no id of the frame does.
BODY_IDS = ("isi-", "fn:", "fnref:")


def heading_id(text: str, separator: str) -> str:
    return "isi-" + toc_slugify(text, separator)


# (HTML, problems, project files its <img> tags show) of one rendered body.
BodyResult = tuple[str, list[Problem], set[str]]


@dataclass
class Links:
    """What a body may link to: content file -> site path of published items."""

    root: Path
    published: dict  # "content/news/x.md" -> "berita/x/"
    sections: tuple = (NEWS, CATALOG, ARTISANS)

    def published_paths(self) -> set:
        return set(self.published.values())


class BodyRenderer:
    def __init__(self, links: Links):
        self.links = links
        self.md = markdown.Markdown(
            extensions=EXTENSIONS,
            extension_configs={"toc": {"slugify": heading_id}},
            output_format="html",
        )
        # Prose indented with Tab or spaces (Word, Notepad++) stays prose: an indented code
        # block is cut off on a phone, and writers have no code to show (fences still work).
        self.md.parser.blockprocessors.deregister("code")

    def render_job(self, job: tuple[str, str, str, int]) -> BodyResult:
        return self.render(*job)

    def render(self, source_path: str, page_path: str, text: str, first_line: int) -> BodyResult:
        """Return (html, problems, images) for one body shown at `page_path`; `images` are
        the project files its <img> tags show."""
        self.md.reset()
        problems: list[Problem] = []
        try:  # Word's habits made Markdown; validate.py tells the writer
            html = self.md.convert(habits.body(text)[0])
        except RecursionError:  # e.g. thousands of nested '*' or '>' (security.md L13)
            self.md.reset()
            message = (
                "isi tulisan bersarang terlalu dalam (misalnya ribuan tanda *, _ atau > "
                "berturut-turut) sehingga tidak bisa dibaca; hapus tanda yang berulang itu."
            )
            return "", [Problem(source_path, first_line, "isi", message)], set()
        self.found: set = set()

        def report(target: str, message: str):
            problems.append(
                Problem(source_path, _line_of(text, target, first_line), "isi", message)
            )

        def rewrite(tag: str, attr: str, value: str):
            if attr == "id":
                return value if value.startswith(BODY_IDS) else None
            if tag == "img" and attr == "src":
                return self._image(value, source_path, page_path, report)
            if tag == "a" and attr == "href":
                return self._link(value, source_path, page_path, report)
            return value

        return clean(html, rewrite), problems, self.found

    def _image(self, value, source_path, page_path, report):
        parts = urlsplit(value)
        if parts.scheme or parts.netloc:
            report(
                value,
                f"gambar '{value}' diambil dari internet; simpan gambar di folder img/ "
                "di samping file ini dan tautkan dengan path relatif.",
            )
            return None
        target = self._resolve(source_path, value)
        unsafe = next((p for p in (target or "").split("/") if not SAFE_NAME.fullmatch(p)), None)
        if target is not None and unsafe is not None:
            report(
                value,
                f"nama '{unsafe}' di gambar '{value}' memuat spasi atau tanda selain huruf, "
                "angka, titik, '-' dan '_'; ganti nama file atau foldernya.",
            )
            return None
        if target is None:
            report(
                value,
                f"gambar '{value}' berada di luar folder situs; simpan gambar di folder img/ "
                "di samping file ini dan tautkan dengan path relatif, misalnya img/foto.jpg.",
            )
            return None
        if not (self.links.root / target).is_file():
            root = self.links.root
            report(value, missing_image(value, (root / target).resolve(), root))
            return None
        self.found.add(target)
        return relative_url(page_path, asset_path(target))

    def _link(self, value, source_path, page_path, report):
        parts = urlsplit(value)
        # "//host/x" has no scheme but is another site: external, never rewritten (L11)
        if parts.scheme or parts.netloc or value.startswith("#") or not value:
            return value
        anchor = f"#{parts.fragment}" if parts.fragment else ""
        if parts.path.startswith("/"):
            path = parts.path.lstrip("/")
            path = path if path.endswith("/") or not path else path + "/"
            if path.startswith(self.links.sections) and path not in self.links.published_paths():
                report(value, f"tautan '{value}' menuju halaman yang belum terbit atau tidak ada.")
            return relative_url(page_path, path) + anchor
        if parts.path.endswith(".md"):
            target = self._resolve(source_path, parts.path)
            if target in self.links.published:
                return relative_url(page_path, self.links.published[target]) + anchor
            if target and (self.links.root / target).is_file():
                report(
                    value,
                    f"tautan '{value}' menuju berita/produk yang belum terbit (draft, "
                    "terjadwal, atau masih ada kesalahan).",
                )
            else:
                report(value, f"tautan '{value}' menuju file yang tidak ada; periksa nama file.")
            return None
        return value

    def _resolve(self, source_path: str, value: str) -> str | None:
        """The project file `value` names from `source_path`, or None when it lies outside
        the project (a climb out, an absolute path, a link pointing elsewhere)."""
        written = unquote(value).replace("\\", "/")
        if written.startswith("/") or re.match(r"^[a-zA-Z]:", written):
            return None
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(source_path), written))
        if joined.startswith("../") or joined == "..":
            return None
        root = self.links.root.resolve()
        return joined if (root / joined).resolve().is_relative_to(root) else None


def _line_of(text: str, needle: str, first_line: int) -> int:
    for number, line in enumerate(text.split("\n")):
        if needle in line:
            return first_line + number
    return first_line


FRAME_IDS = ("__", "kriya-")  # prefixes of ids Material and Kriya's templates rely on


def sanitize_page(html: str) -> str:
    """A hand-written page (docs/) with the bodies' allow-list; its ids stay (anchors of its
    headings) unless they could replace one of the frame's."""

    def keep(tag: str, attr: str, value: str):
        return None if attr == "id" and value.startswith(FRAME_IDS) else value

    return clean(html, keep)


def clean(html: str, attribute_filter) -> str:
    """`html` through the allow-list; `attribute_filter(tag, attribute, value)` may rewrite
    or drop (None) each attribute value."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=SCHEMES,
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )


def plain_text(html: str) -> str:
    return re.sub(r"\s+", " ", nh3.clean(html, tags=set())).strip()
