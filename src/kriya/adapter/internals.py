"""Every reliance of Kriya on an MkDocs or Material internal, in one place.

Each workaround below is marked "Internal:" with what it relies on and why. A move to
ProperDocs (the drop-in fork of MkDocs 1.6) or to another MkDocs 1.x release means checking
this module, and only this one.
"""

from __future__ import annotations

import copy
import html
import logging
import os
import posixpath
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .. import urls
from ..cache_files import link_or_copy
from ..model import PageSpec
from ..packed import Packed
from ..pages.render import CompiledTemplates
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


def generated_page(config, uri: str, last: File | None = None) -> File:
    """The File of a generated page outside the navigation, with a GeneratedPage; serve
    passes the one of the last build (`last`), which is kept: making them took 0.1 ms a
    page, 4 s a rebuild at 10,000 + 10,000.

    Internal: relies on Page.__init__ setting `file.page = self`, as MkDocs 1.6 does; a
    kept File forgets the `is_modified` its last build set on it (`render_only_changes`)."""
    if last is not None:
        last.__dict__.pop("is_modified", None)
        return last
    file = File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    GeneratedPage(None, file, config)
    return file


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
        language = urls.language(page.url)  # Material's strings: partials/language.html
        key = (name, folder_of(page.url), language, tuple(page.meta.get("hide") or ()))
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


def folder_of(url: str) -> str:
    """The folder a page's frame is shared in: "katalog" for "katalog/x/"."""
    return posixpath.dirname(url.rstrip("/"))


FRAMED_TEMPLATE = "kriya/framed.html"  # `{{ kriya_framed() }}`: see FramedPages
_MARK = "\ue000kriya:{}\ue001"  # (private-use characters: no text of a page holds them)
_MARKS = re.compile("\ue000kriya:([a-z_./]+)(?:<h1)?\ue001")


class FramedPages:
    """`kriya_framed()` (`render`, the template of a generated page in a `kriya build`): the page
    rendered by main.html, or, after the first pages of its folder, its own values put into
    the folder's frame: main.html rendered once with marks in their place. Rendering
    Material's base.html was three quarters of MkDocs's time for a generated page.

    Internal: exact because, in Material 9, for a generated page whose blocks SharedFrame
    shares, the frame reads of the page only its title (`page.meta.title` and `page.title`),
    description, canonical address and content, all printed as they are, and whether the
    content holds "<h1"; the template main.html names in `kriya_slot` (kriya/head.html,
    which reads more) is rendered for each page. Checked, not assumed: the first `checks`
    pages of each folder are rendered whole and compared with their filled frame, and a
    folder where one differs (say, an edit link made from each page's file) keeps rendering
    whole."""

    def __init__(self, env, shared: SharedFrame, addresses: Iterable[str], checks: int = 2):
        self.env = env
        self.shared = shared
        self.folders = Counter(map(folder_of, addresses))  # of the generated pages to render
        self.checks = checks
        self.frames: dict[tuple, list[str] | None] = {}  # None: rendered whole
        self.checked: dict[tuple, int] = {}
        self.filled = 0  # pages made from a frame
        self.making = False  # a frame is being rendered: slots give their mark

    @jinja2.pass_context
    def slot(self, context, template: str) -> str:
        """`kriya_slot(template)`: `template` rendered for the page (its mark in a frame)."""
        if self.making:
            return _MARK.format(template)
        return self.env.get_template(template).render(context.get_all())

    @jinja2.pass_context
    def render(self, context) -> str:
        page = context["page"]
        values = self._values(page)
        key = self._key(page) if values else None
        if values is None or key is None:
            return self._whole(context)
        frame = self.frames.get(key, [])  # []: none made yet
        if frame and self.checked[key] >= self.checks:
            self.filled += 1
            return self._fill(frame, values, context)
        whole = self._whole(context)
        if frame == []:  # made after a whole page: SharedFrame's blocks are this page's
            frame = self.frames[key] = self._frame(context.get_all(), page)
            self.checked[key] = 0
        if frame and self._fill(frame, values, context) == whole:
            self.checked[key] += 1
        else:
            self.frames[key] = None
        return whole

    def _whole(self, context) -> str:
        return self.env.get_template("main.html").render(context.get_all())

    def _values(self, page) -> dict | None:
        """The page's own values in the frame; None when one is empty (the frame then takes
        another branch) or the frame is not shared."""
        meta = page.meta
        values = {
            "title": meta.get("title"),
            "page_title": page.title,
            "description": meta.get("description"),
            "canonical": page.canonical_url,
            "content": page.content,
        }
        if not all(isinstance(value, str) and value for value in values.values()):
            return None
        return values if self.shared.shareable(page) else None

    def _key(self, page) -> tuple | None:
        folder = folder_of(page.url)
        if self.folders[folder] <= self.checks + 1:  # too few to gain
            return None
        hide = tuple(page.meta.get("hide") or ())
        return (folder, urls.language(page.url), hide, "<h1" in page.content)

    def _frame(self, variables: dict, page) -> list[str]:
        """main.html rendered for a copy of `page` with marks for its values: pieces of
        text with a slot's name between each two."""
        marked = copy.copy(page)
        marked.meta = {**page.meta, "title": _MARK.format("title")}
        marked.meta["description"] = _MARK.format("description")
        marked.title = _MARK.format("page_title")
        marked.canonical_url = _MARK.format("canonical")
        marked.content = _MARK.format("content<h1" if "<h1" in page.content else "content")
        self.making = True
        try:
            text = self.env.get_template("main.html").render({**variables, "page": marked})
        finally:
            self.making = False
        return _MARKS.split(text)

    def _fill(self, frame: list[str], values: dict, context) -> str:
        parts = frame[:]
        for i in range(1, len(parts), 2):
            name = parts[i]  # a value of the page's, or a slot's template
            parts[i] = values[name] if name in values else self.slot(context, name)
        return "".join(parts)


def render_only_changes(
    files: Files, config, fingerprints: dict, served: dict, keep_gone: bool = False
) -> tuple[dict, list[str]]:
    """Dirty serve: mark generated pages whose fingerprint is the one of the last build as
    not modified (MkDocs then neither reads nor renders them; their output is still in
    site_dir), and hand-written pages as modified (they show generated lists). Deletes the
    output of pages gone since (and forgets them in `served`), unless `keep_gone`. Returns
    this build's (fingerprint, output) by source URI, and the outputs deleted.

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
    gone = []
    for uri, (fingerprint, output) in list(served.items()):
        if uri in seen or not os.path.exists(output):
            continue
        if keep_gone:  # remembered, so that it goes once the problems are fixed
            seen[uri] = (fingerprint, output)
        else:
            os.remove(output)
            del served[uri]
            gone.append(output)
    return seen, gone


def written_by_kriya(files: Files) -> list[File]:
    """Serve: the generated files (not pages) made from content Kriya holds in memory; the
    plugin writes them itself (whole, and only when they changed), so MkDocs does not.

    Internal: `File.is_modified`, replaced on the instance, decides whether
    `Files.copy_static_files(dirty=True)` writes a file; it says True for every file with
    content."""
    found = []
    for file in files:
        if file.abs_src_path is None and not file.is_documentation_page():
            file.is_modified = lambda: False  # type: ignore[method-assign]
            found.append(file)
    return found


def generated_output(folder: str, config) -> tuple[str, str]:
    """(output path, URL) of the generated page `<folder>index.md`, as MkDocs's File gives
    them, without making a File (35,000 of them took 1.7 s).

    Internal: `File._get_dest_path` and `File._get_url` of MkDocs 1.6 for an index page."""
    path = folder + "index.html"
    url = (folder or "./") if config.use_directory_urls else path
    return path, url if _UNQUOTED.match(url) else quote(url)


_UNQUOTED = re.compile(r"[A-Za-z0-9_./~-]*\Z")  # what `quote` leaves as it is


def link_outputs(
    pages: list[tuple[str, str]],
    site_dir: str,
    recycled: bool = False,
    keeping: tuple[str, ...] = (),
    whole: Callable[[str], bool] = lambda source: True,
) -> list[str]:
    """Put each kept page `source` at its `path` in the site (its folder is new: one per
    page), for each (source, path) of `pages`; returns the paths linked (a source that is gone
    or not `whole` is left out). `recycled`: the site folder is an earlier build's; every
    file in it that is not one of `pages` already, nor under a folder named in `keeping`
    (whose writer compares what it finds), is removed first.

    Internal: the pages are then left out of MkDocs's files (no Page, nothing rendered), and
    the build runs dirty so that MkDocs does not empty the site folder first (nor while it
    writes its own pages, so this may run alongside)."""
    linked, there = [], set()
    if recycled:
        there = _kept_files(pages, site_dir, keeping, whole)
        linked = [path for _, path in pages if path in there]
    for source, path in pages:
        if path in there or not whole(source):
            continue
        target = os.path.join(site_dir, path)
        folder = os.path.dirname(target)
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        try:
            link_or_copy(source, target)
        except FileNotFoundError:
            continue
        linked.append(path)
    return linked


def _kept_files(
    pages: list[tuple[str, str]], site_dir: str, keeping: tuple[str, ...], whole: Callable
) -> set[str]:
    """Remove every file of an earlier build's site folder but those that are the page
    files of `pages` at their place already (the same file, not a copy), which it returns,
    and those under `keeping`; then the folders left empty (the build makes those it needs,
    as in a new folder). The others stay: most are needed again (making 35,000 folders anew
    on every build was the costliest file work of a small edit)."""
    found = []  # (folder, its folders, its files as pages name them), parents first
    for folder, folders, names in os.walk(site_dir):
        start = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        found.append(
            (folder, folders, [name if start == "." else f"{start}/{name}" for name in names])
        )
    files = {path for _, _, paths in found for path in paths}
    kept = set()
    for source, path in pages:
        if path in files and whole(source):
            try:
                if os.path.samefile(source, os.path.join(site_dir, path)):
                    kept.add(path)
            except OSError:  # the kept file is gone
                pass
    staying = {path for path in files if path in kept or path.startswith(keeping)}
    for path in files - staying:
        os.unlink(os.path.join(site_dir, path))
    emptied: set[str] = set()
    for folder, folders, paths in reversed(found):  # children first
        if (
            folder != site_dir
            and staying.isdisjoint(paths)
            and emptied.issuperset(os.path.join(folder, name) for name in folders)
        ):
            os.rmdir(folder)
            emptied.add(folder)
    return kept


def unlink_output(path: str, site_dir: str) -> None:
    """Take a page linked in by `link_outputs` out of the site again (and its folder, when
    that is left empty), before MkDocs writes anything: MkDocs would write into the kept
    file itself."""
    target = os.path.join(site_dir, path)
    os.unlink(target)
    folder = os.path.dirname(target)
    if os.path.normpath(folder) != os.path.normpath(site_dir):
        try:
            os.rmdir(folder)
        except OSError:  # not empty
            pass


def large_mark(packed: Packed) -> str:
    """What the theme gets as the content of a page whose HTML is large: a mark replaced by
    the HTML as the page is written, saying whether the HTML has an <h1> (Material's content
    template adds the page title as one when it has not: the only look it takes inside)."""
    return "<!--kriya: isi halaman besar-->" + ("<!--<h1-->" if _has_h1(packed) else "")


def _has_h1(packed: Packed) -> bool:
    seen = b""  # the last two bytes before this piece: "<h1" may straddle two
    for piece in packed.pieces():
        seen += piece
        if b"<h1" in seen:
            return True
        seen = seen[-2:]
    return False


def write_with_content(output: str, packed: Packed, mark: str, path: str) -> None:
    """Write a page rendered with `mark` as its content with the packed HTML in its place,
    unpacked in pieces: the bytes MkDocs would write for the page with that HTML.

    Internal: `mkdocs.commands.build._build_page` writes `output.encode("utf-8",
    errors="xmlcharrefreplace")` (packed HTML is UTF-8 already) after making the folder."""
    head, found, tail = output.partition(mark)
    if not found or mark in tail:
        raise PluginError(f"{path}: isi halaman tidak ditemukan tepat sekali di templat")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as file:
        file.write(head.encode("utf-8", errors="xmlcharrefreplace"))
        file.writelines(packed.pieces())
        file.write(tail.encode("utf-8", errors="xmlcharrefreplace"))


def canonical_url(url: str, config) -> str | None:
    """The address MkDocs gives a page at `url` (`Page.canonical_url`).

    Internal: `Page._set_canonical_url` of MkDocs 1.6, for pages MkDocs never sees; a plain
    relative `url` under a plain base is joined by hand (urljoin took 1.5 s for 35,000)."""
    base = config.site_url
    if not base:
        return None
    base = base if base.endswith("/") else base + "/"
    plain = not url.startswith(("/", ".")) and "://" not in url and not set("?#;") & set(base)
    return base + url if plain and "/." not in url else urljoin(base, url)


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


def in_site_order(files: Files, by_page: dict) -> list:
    """The values of `by_page` (by source URI) for the pages a serve build includes, in
    the order MkDocs renders them."""
    pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    return [by_page[file.src_uri] for file in pages if file.src_uri in by_page]


def render_pages(pages: list[Page], config, files: Files, nav, env) -> None:
    """Read and write `pages` again as a serve build does, with the build's own `config`,
    `files`, `nav` and `env` (the preview's fast render, after the build completed).

    Internal: `mkdocs.commands.build._populate_page` and `_build_page` (private) run the page
    events and render one page; a serve build hands `_build_page` the pages included in
    serve."""
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for page in pages:
        mkdocs_build._populate_page(page, config, files)
        mkdocs_build._build_page(page, config, doc_files, nav, env)


def quiet_skip_notes() -> None:
    """Serve writes pages itself and hands MkDocs empty output, which it notes as skipped."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_skip_note)


_THEME_CODE: dict[tuple, CompiledTemplates] = {}


def keep_compiled(env) -> None:
    """Let the theme's environment of this build reuse templates compiled by earlier ones.

    Internal: MkDocs's `Theme.get_env` makes a new Jinja environment per build; its
    `bytecode_cache` is read whenever a template is loaded, so setting it before the first
    page is rendered (the `env` event) is enough. Compiled code depends on the environment's
    options, which are the cache's key."""
    options = (
        tuple(sorted(env.extensions)),
        env.block_start_string,
        env.variable_start_string,
        env.comment_start_string,
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.newline_sequence,
        env.optimized,
        repr(env.autoescape),
        env.undefined,
    )
    env.bytecode_cache = _THEME_CODE.setdefault(options, CompiledTemplates())


def serve_url(host: str, port: int, mount_path: str) -> str:
    """The preview's address, as `mkdocs serve` makes it from `dev_addr` and `site_url`."""
    mount = ("/" + mount_path.lstrip("/")).rstrip("/") + "/"
    return f"http://{host}:{port}{mount}"


# Events that change a file (not opening or reading one, which inotify reports too).
CHANGES = {"created", "modified", "deleted", "moved", "closed"}


def ignored(path: str) -> bool:
    """Files editors keep beside the one being edited (hidden, backups, Vim's test file)."""
    name = os.path.basename(path)
    return name.startswith((".", "#")) or name.endswith("~") or name == "4913"


class PreviewServer(LiveReloadServer):
    """The server of `mkdocs serve` (HTTP, live reload), with Kriya's rebuild loop:

    - changes are reported by the platform's file watcher (inotify, FSEvents, Windows'
      ReadDirectoryChangesW), not found by reading every file's time twice a second, and
      handed to `rebuild(paths)` once no further change came for `QUIET` seconds;
    - every request is answered at once, also during a rebuild: pages are replaced whole
      (`kriya.preview.write_whole`), so a reader gets a page's old or new version;
    - `show(files)` reloads the browsers showing one of `files` (site paths), or all of
      them: a browser whose page did not change is not reloaded.

    Internal: relies on LiveReloadServer's attributes `observer`, `_watched_paths`,
    `_watch_refs`, `_rebuild_cond`, `_shutdown`, `_epoch_cond`, `_visible_epoch` and
    `_wanted_epoch` (requests wait while the two epochs differ: here they never do), on
    `_build_loop` (run by `serve()` once the server listens), `_serve_request` (one request;
    a page's script polls /livereload/<epoch>/<id> and reloads when the answer is newer than
    the epoch it was served with) and `poll_response_timeout`."""

    QUIET = 0.05

    def __init__(self, rebuild: Callable[[set[str]], None], host, port, root, mount_path="/"):
        super().__init__(lambda: None, host, port, root, mount_path)
        self.observer = Observer()  # type: ignore[assignment]  # the platform's own watcher
        self.build_delay = self.QUIET
        self.rebuild = rebuild
        self.changes: set[str] = set()
        self._changed_at: dict[str, int] = {}  # site file -> epoch of its last change
        self._all_at = self._visible_epoch  # epoch of the last change every page shows

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Watch a folder (recursively) or one file (in its folder, which editors that save
        by renaming need)."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1
        folder, only = (path, None) if os.path.isdir(path) else (os.path.dirname(path), path)
        handler = _Changes(self, only)
        recursive = recursive and only is None
        self._watch_refs[path] = self.observer.schedule(handler, folder, recursive=recursive)

    def changed(self, paths: set[str]) -> None:
        with self._rebuild_cond:
            self.changes |= paths
            self._rebuild_cond.notify_all()

    def superseded(self) -> bool:
        """Whether a change came since the running rebuild started."""
        return bool(self.changes)

    def _build_loop(self) -> None:
        while True:
            with self._rebuild_cond:
                while not self._rebuild_cond.wait_for(
                    lambda: self.changes or self._shutdown, timeout=self.shutdown_delay
                ):
                    pass  # a timeout now and then lets Windows deliver Ctrl+C
                while not self._shutdown and self._rebuild_cond.wait(timeout=self.build_delay):
                    pass  # until no change came for build_delay seconds
                if self._shutdown:
                    break
                changes, self.changes = self.changes, set()
            try:
                self.rebuild(changes)
            except Exception as error:
                if isinstance(error, MkDocsException):  # mkdocs.yml, docs/: said, no traceback
                    print(error.format_message(), file=sys.stderr)
                else:
                    traceback.print_exc()
                logging.getLogger("mkdocs.livereload").error(
                    "Pratinjau gagal dibangun ulang (lihat pesan di atas); simpan lagi "
                    "setelah memperbaikinya."
                )

    def show(self, files: Iterable[str] | None) -> None:
        """Reload the browsers that show one of `files` (site paths such as
        "berita/x/index.html"), or every browser (None)."""
        with self._epoch_cond:
            epoch = max(round(time.monotonic() * 1000), self._visible_epoch + 1)
            if files is None:
                self._all_at = epoch
            else:
                self._changed_at.update(dict.fromkeys(files, epoch))
            self._wanted_epoch = self._visible_epoch = epoch
            self._epoch_cond.notify_all()

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        poll = re.fullmatch(r"/livereload/([0-9]+)/[0-9]+", path)
        if not poll:
            return super()._serve_request(environ, start_response)
        epoch = int(poll[1])
        page = self._page_file(environ.get("HTTP_REFERER"))

        def newer() -> bool:
            if page is None:
                return self._visible_epoch > epoch
            return max(self._all_at, self._changed_at.get(page, 0)) > epoch

        start_response("200 OK", [("Content-Type", "text/plain")])
        with self._epoch_cond:
            self._epoch_cond.wait_for(newer, timeout=self.poll_response_timeout)
            return [b"%d" % (self._visible_epoch if newer() else epoch)]

    def _page_file(self, referer: str | None) -> str | None:
        """The site file of the page a poll comes from (its Referer), e.g. "x/index.html"."""
        path = unquote(urlsplit(referer or "").path)
        if not referer or not path.startswith(self.mount_path):
            return None
        relative = path[len(self.mount_path) :]
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        return posixpath.normpath(relative)


class _Changes(FileSystemEventHandler):
    """Hands the paths an event changed to the server (`only`: the one file watched)."""

    def __init__(self, server: PreviewServer, only: str | None):
        self.server = server
        self.only = only

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES or (
            event.is_directory and event.event_type == "modified"
        ):
            return
        paths = {os.fsdecode(p) for p in (event.src_path, event.dest_path) if p}
        paths = {p for p in paths if not ignored(p) and self.only in (None, p)}
        if paths:
            self.server.changed(paths)
