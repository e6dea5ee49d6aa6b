"""Every reliance of Kriya on an MkDocs or Material internal, in one place.

Each workaround below is marked "Internal:" with what it relies on and why. A move to
ProperDocs (the drop-in fork of MkDocs 1.6) or to another MkDocs 1.x release means checking
this module, and only this one.
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from .. import urls
from ..model import PageSpec
from ..speed.cache import link_or_copy
from ..speed.workers import can_share_work, start_forked

HIDE = ["navigation", "toc"]  # Material: generated pages show neither sidebar
SKIP_TEMPLATE = "kriya/skip.html"  # renders to nothing, so MkDocs writes no file


def page_meta(spec: PageSpec) -> dict:
    """The page's metadata as MkDocs and Material read it from front matter."""
    # Material prints meta values unescaped, so they are escaped here.
    meta: dict[str, object] = {
        "title": html.escape(spec.title),
        "description": html.escape(spec.description),
        "hide": list(HIDE),
    }
    if spec.head:
        meta["kriya"] = spec.head  # raw values: kriya/head.html escapes them
    return meta


class GeneratedPage(Page):
    """A page whose HTML Kriya has made (the plugin hands it over in on_page_context).

    Internal: `Page.render` builds a Markdown converter with every extension even for an
    empty source (0.3 ms a page); this one skips it. And `Page.__init__` sets `file.page`,
    which is how MkDocs later finds this object for the file."""

    def render(self, config, files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


def adopt(file: File, config) -> None:
    """Make `file`'s page a GeneratedPage (Internal: relies on Page.__init__ setting
    `file.page = self`, as MkDocs 1.6 does)."""
    GeneratedPage(None, file, config)


class SharedFrame:
    """`kriya_shared(name, page, caller)`: the block's HTML, rendered by `caller` only for the
    first generated page of each folder (and page settings that change the block).

    Internal: exact because, in Material 9, for a page not in the navigation and without a
    table of contents, the blocks main.html wraps read only the page's relative links (the
    same from every page of one folder, as long as no linked page lies below the page
    itself) and its `hide` setting."""

    def __init__(self, generated: set[str], nav_urls: list[str]):
        self.generated = generated
        self.nav_urls = nav_urls  # pages the frame links to, besides assets/
        self.blocks: dict = {}

    def __call__(self, name: str, page, caller) -> str:
        if not self.shareable(page):
            return caller()
        folder = posixpath.dirname(page.url.rstrip("/"))
        language = urls.language(page.url)  # Material's strings: partials/language.html
        key = (name, folder, language, tuple(page.meta.get("hide") or ()))
        if key not in self.blocks:
            self.blocks[key] = caller()
        return self.blocks[key]

    def shareable(self, page) -> bool:
        if not isinstance(page, Page) or page.file.src_uri not in self.generated:
            return False
        url = page.url
        return (
            bool(url)
            and not page.toc
            and not url.startswith("assets/")
            and not any(target.startswith(url) for target in self.nav_urls)
        )


def render_only_changes(
    files: Files, config, fingerprints: dict, served: dict, keep_gone: bool = False
) -> dict:
    """Dirty serve: mark generated pages whose fingerprint is the one of the last build as
    not modified (MkDocs then neither reads nor renders them; their output is still in
    site_dir), and hand-written pages as modified (they show generated lists). Deletes the
    output of pages gone since, unless `keep_gone`. Returns this build's (fingerprint,
    output) by source URI.

    Internal: `File.is_modified` is what `mkdocs serve --dirty` asks of each file; it is
    replaced on the instance."""
    seen = {}
    for file in files.documentation_pages():
        fingerprint = fingerprints.get(file.src_uri)
        if fingerprint is None:
            file.is_modified = lambda: True  # type: ignore[method-assign]
            continue
        seen[file.src_uri] = (fingerprint, file.abs_dest_path)
        if served.get(file.src_uri) == seen[file.src_uri] and os.path.exists(file.abs_dest_path):
            file.is_modified = lambda: False  # type: ignore[method-assign]
    for uri, (fingerprint, output) in served.items():
        if uri in seen or not os.path.exists(output):
            continue
        if keep_gone:  # remembered, so that it goes once the problems are fixed
            seen[uri] = (fingerprint, output)
        else:
            os.remove(output)
    return seen


def generated_output(folder: str, config) -> tuple[str, str]:
    """(output path, URL) of the generated page `<folder>index.md`, as MkDocs's File gives
    them, without making a File (35,000 of them took 1.7 s).

    Internal: `File._get_dest_path` and `File._get_url` of MkDocs 1.6 for an index page."""
    path = folder + "index.html"
    return path, quote((folder or "./") if config.use_directory_urls else path)


def link_output(source: str, site_dir: str, path: str) -> None:
    """Put the kept page `source` at `path` in the site.

    Internal: the page is then left out of MkDocs's files (no Page, nothing rendered), and
    the build runs dirty so that MkDocs does not empty the site folder first."""
    target = os.path.join(site_dir, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    link_or_copy(Path(source), Path(target))


def canonical_url(url: str, config) -> str | None:
    """The address MkDocs gives a page at `url` (`Page.canonical_url`).

    Internal: `Page._set_canonical_url` of MkDocs 1.6, for pages MkDocs never sees."""
    base = config.site_url
    if not base:
        return None
    return urljoin(base if base.endswith("/") else base + "/", url)


def quiet_dirty_warning() -> None:
    """Internal: MkDocs warns that a dirty build may leave stale navigation, and a warning
    stops a strict preview. Kriya compares generated pages with the last build and always
    renders hand-written pages again, so the warning is hidden."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _not_skip_note(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("Page skipped")


class ParallelRenderer:
    """Render Kriya's generated pages on two cores during `mkdocs build`.

    MkDocs renders pages one after another. Just before it starts (the `env` event) a forked
    child renders every other generated page with MkDocs's own page builder and writes it to
    site/; the parent renders those pages with an empty template, which MkDocs skips, and
    waits for the child after the build. Output is identical, only made by two processes.

    Internal: `mkdocs.commands.build._build_page` (private) renders and writes one page; a
    page whose template renders to nothing is skipped with a 'Page skipped' note, which is
    hidden while the child works."""

    def __init__(self, min_pages: int):
        self.min_pages = min_pages
        self.wait: Callable[[], Any] | None = None  # waits for the child: start_forked

    def start(self, config, files: Files, nav, env, generated: set[str]) -> None:
        """Fork a child that renders half of the `generated` pages (by source URI)."""
        if len(generated) < self.min_pages or not can_share_work():
            return
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        ours = [f for f in doc_files if f.src_uri in generated]
        theirs = ours[1::2]
        self.wait = start_forked(lambda: _render(theirs, config, doc_files, nav, env))
        for file in theirs:
            file.page.meta["template"] = SKIP_TEMPLATE  # type: ignore[union-attr]
        logging.getLogger("mkdocs.commands.build").addFilter(_not_skip_note)

    def skipped(self, page) -> bool:
        return page.meta.get("template") == SKIP_TEMPLATE

    def finish(self) -> None:
        """Wait for the child; its failure (or any warning it logged) fails the build."""
        if self.wait is None:
            return
        wait, self.wait = self.wait, None
        logging.getLogger("mkdocs.commands.build").removeFilter(_not_skip_note)
        try:
            failed = wait()
        except RuntimeError:  # the child stopped without a result
            failed = 1
        if failed:
            raise PluginError("Sebagian halaman gagal dibuat (lihat pesan di atas).")


def _render(files, config, doc_files, nav, env) -> int:
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        for file in files:
            mkdocs_build._build_page(file.page, config, doc_files, nav, env)
    except Exception:
        return 1
    return 1 if counter.get_counts() else 0


def site_fingerprint(config) -> bytes:
    """What every page depends on besides its own content: mkdocs.yml."""
    return Path(config.config_file_path).read_bytes()


def docs_fingerprint(config) -> bytes:
    """The hand-written pages, whose titles every page's navigation shows."""
    docs = Path(config.docs_dir)
    return b"".join(
        path.relative_to(docs).as_posix().encode() + b"\0" + path.read_bytes()
        for path in sorted(docs.rglob("*.md"))
    )
