"""The MkDocs plugin: MkDocs's events only. It runs the content pipeline and hands its pages
to MkDocs as generated files; every reliance on an MkDocs internal is in `internals`."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from html import escape as html_escape
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import admin, images, pipeline, preview, sitemap, urls
from ..body import sanitize_page
from ..clock import now_wib
from ..speed import LIMITS, Memo, Speed, cache
from ..speed.fast_render import item_pages
from ..speed.spill import Spill
from ..speed.workers import start_forked
from . import internals
from .config import KriyaConfig, to_settings
from .interrupt import Interruptible, Superseded

log = logging.getLogger("mkdocs.plugins.kriya")
GUIDE_PAGE = urls.GUIDE + "index.md"
GUIDE_IMAGE = re.compile(r"!\[[^\]]*\]\(([A-Za-z0-9_][A-Za-z0-9_./-]*)\)")
ASSETS = urls.KRIYA_ASSETS
CSS = ASSETS + "kriya.css"
LOGO = ASSETS + "logo.svg"
# Kriya's own files, copied from the package's assets/ folder.
OWN_ASSETS = (
    "kriya.css",
    "print.css",
    "search.js",
    "cari.js",
    "catalog.js",
    "share.js",
    "logo.svg",
)


def served_script(source: str) -> str:
    """A script of OWN_ASSETS as the site serves it: without its whole-line comments, which
    no browser needs (they are a third of search.js, gzipped, on a phone's first search).
    As written when a template literal spans lines, where a line may start with //."""
    code = [line for line in source.splitlines(keepends=True) if not line.lstrip().startswith("//")]
    if any(line.count("`") % 2 for line in code):
        return source
    return "".join(code)


# Files of the preview that every page (or the catalog's) reads while it is shown: when one
# changes, every browser reloads; otherwise only those whose page changed.
SHARED = (preview.PROBLEMS, urls.CATALOG_FILTERS, urls.EN_CATALOG_FILTERS, "assets/")


@dataclass
class Complete:
    """What the last complete preview build made, for the fast render of the next edit."""

    result: pipeline.Result
    specs: dict
    config: Any
    files: Files
    nav: Any
    env: Any


class KriyaPlugin(BasePlugin[KriyaConfig]):
    def __init__(self):
        self.serving = False
        self.dirty = False
        # scripts/build.py hands over a pipeline result it made just before running MkDocs
        # in the same process, so content is loaded, validated and rendered once per build.
        self.prepared: pipeline.Result | None = None
        self.result: pipeline.Result
        # `kriya serve` keeps this instance between rebuilds: unchanged files are not parsed,
        # validated or rendered again, and MkDocs renders only the generated pages that
        # changed since the last build (dirty).
        self.memo = Memo()
        self.served: dict[str, tuple[int, str]] = {}  # src_uri -> (fingerprint, output)
        self.serving_next: dict[str, tuple[int, str]] = {}
        self.data_written: dict[str, int] = {}  # output -> hash of what serve wrote there
        self.sitemap_known: dict[str, tuple] = {}  # serve: src_uri -> its sitemap entry
        self.pages_made: dict[str, File] = {}  # serve: generated pages of the last build
        self.pages_made_for = b""  # ... and the mkdocs.yml they were made with
        self.written: set[str] = set()  # site files this serve build changed
        self.shared_changed = False  # one of them is SHARED
        self.complete: Complete | None = None
        self.check: Callable[[], bool] | None = None  # serve: did a newer edit come?
        self.moment: datetime | None = None  # serve: "now" of the next build
        self.specs: dict = {}
        self.image_seconds = 0.0
        self.parallel = internals.ParallelRenderer(LIMITS.min_parallel_pages)
        self.nav: Any = None  # MkDocs Navigation, set in on_nav
        # scripts/build.py hands over its BuildCache: pages whose inputs did not change since
        # the last good build are linked in from it, and MkDocs (dirty) leaves them as they are
        self.kept_pages: Any = None
        self.page_digests: dict[str, str] = {}  # output path -> digest of its inputs
        self.reused: dict[str, Any] = {}  # src_uri -> sitemap address of a page linked in
        self.linked: set[str] = set()  # output paths of the pages linked in
        self.linking: Callable[[], Any] | None = None  # waits for the child linking them
        self.links_expected = 0
        # (pages, wait): the last good build's pages, linked in by a child started before the
        # content was read (`wait()` gives the paths it linked)
        self.ahead: tuple[list, Callable[[], list]] | None = None
        self.env: Any = None
        self.files: Files | None = None
        self.large: dict[str, tuple] = {}  # path -> (packed HTML, mark) of a large page

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty
        if dirty:
            internals.quiet_dirty_warning()
        if self.serving:
            internals.quiet_skip_notes()

    def _go_on(self) -> None:
        """Serve: stop this rebuild when a newer edit came."""
        if self.check is not None and self.check():
            raise Superseded

    @property
    def preview(self) -> bool:
        return self.serving and self.config.show_drafts_in_serve

    def on_config(self, config):
        self.settings = to_settings(
            self.config, config.config_file_path, config.site_name, config.site_url
        )
        prepared, self.prepared = self.prepared, None
        if prepared and not self.preview and prepared.settings == self.settings:
            self.result = prepared
        else:
            now, self.moment = self.moment or now_wib(), None
            speed = Interruptible(self.memo, self._go_on) if self.serving else Speed()
            self.result = pipeline.run(self.settings, now, preview=self.preview, speed=speed)
        if self.result.problems:
            if not self.serving:
                log.error("Konten bermasalah:\n%s", pipeline.report(self.result.problems))
                raise PluginError("Build dibatalkan: perbaiki masalah konten di atas.")
            # The preview goes on (strict mode would stop it at an error): the problems are
            # shown over every page (kriya.preview) and in the terminal.
            log.info("Konten bermasalah:\n%s", pipeline.report(self.result.problems))
        config.extra_css.insert(0, CSS)
        if not config.theme.get("logo"):
            config.theme["logo"] = LOGO
        if config.theme.get("favicon") in (None, "assets/images/favicon.png"):
            config.theme["favicon"] = LOGO
        _add_theme_dir(config)
        return config

    def on_files(self, files: Files, *, config):
        self._go_on()
        pages = self.result.pages
        self.specs = {spec.src_uri: spec for spec in pages.specs}
        taken = files.src_uris  # (src_uri of every file: a spec's path is in that form)
        for uri in self.specs:
            if uri in taken:
                raise PluginError(
                    f"docs/{uri} bertabrakan dengan halaman buatan Kriya; ganti nama file di docs/."
                )
        in_nav = set(_nav_uris(config.nav))
        if self.kept_pages is not None and not self.serving:
            self.page_digests, self.reused = self._reuse_pages(config, in_nav)
        # serve keeps the pages' File and Page objects while mkdocs.yml stays the same
        frame = internals.site_fingerprint(config)
        kept = self.pages_made if self.serving and frame == self.pages_made_for else {}
        self.pages_made, self.pages_made_for = {}, frame
        for uri in self.specs:
            if uri in self.reused:  # linked in from the BuildCache: MkDocs never sees it
                continue
            level = InclusionLevel.UNDEFINED if uri in in_nav else InclusionLevel.NOT_IN_NAV
            # The source stays empty: on_page_markdown hands MkDocs the metadata and
            # on_page_context the HTML, so nothing is serialised and parsed again.
            if uri in in_nav:  # a page in `nav:` gets its title there, from MkDocs
                files.append(File.generated(config, uri, content="", inclusion=level))
            else:
                file = self.pages_made[uri] = internals.generated_page(config, uri, kept.get(uri))
                files.append(file)
        own = resources.files("kriya").joinpath("assets")
        for name in OWN_ASSETS:
            content = own.joinpath(name).read_bytes()
            if name.endswith(".js"):
                content = served_script(content.decode("utf-8")).encode("utf-8")
            files.append(File.generated(config, ASSETS + name, content=content))
        if self.settings.admin_repo:
            self._add_editor(files, config)
        self._add_guide(files, config)
        for path, text in pages.data.items():
            files.append(File.generated(config, path, content=text))
        if self.serving:  # written whole, and only when they changed
            for file in internals.written_by_kriya(files):
                self._write(file.abs_dest_path, file.dest_uri, file.content_bytes)
        # Responsive variants and sharing images, made once and cached by content hash.
        started = time.monotonic()
        made = images.produce(pages.images, images.default_cache(self.settings.root))
        self.image_seconds = time.monotonic() - started
        for path, cached in sorted(made.items()):
            files.append(File.generated(config, path, abs_src_path=str(cached)))
        if self.serving and self.dirty:
            # while a file has problems, the last good page of its item stays
            self.serving_next, gone = internals.render_only_changes(
                files,
                config,
                self._fingerprints(config),
                self.served,
                keep_gone=bool(self.result.problems),
            )
            site = Path(config.site_dir)
            for output in gone:
                self._wrote(Path(output).relative_to(site).as_posix())
        self.files = files
        self._go_on()
        return files

    def _add_editor(self, files: Files, config) -> None:
        """The browser editor's vendored script and fonts (its page and configuration are
        generated with the other data files)."""
        packages = self.settings.root / self.config.cms_packages
        script = packages / admin.PACKAGE_SCRIPT
        if not script.is_file() and self.serving:
            # A writer's preview (`kriya serve` on a PC without npm) needs no editor.
            log.info("Editor web (/admin/) tidak ada di pratinjau: Sveltia CMS belum terpasang.")
            return
        if not script.is_file():
            raise PluginError(
                f"Editor web (/admin/) belum terpasang: {script} tidak ada. "
                "Jalankan make site (memasang Sveltia CMS dari npm)."
            )
        text, fonts = admin.vendored(script.read_text(encoding="utf-8"))
        files.append(File.generated(config, admin.SCRIPT, content=text))
        for path, source in sorted(fonts.items()):
            files.append(File.generated(config, path, abs_src_path=str(packages / source)))

    def _add_guide(self, files: Files, config) -> None:
        """PANDUAN-PENULIS.md as the page /panduan/ in the site's frame, and the images it
        shows (paths relative to the guide, e.g. panduan-gambar/x.png)."""
        guide = self.settings.root / self.config.guide
        if not self.config.guide or not guide.is_file():
            return
        text = guide.read_text(encoding="utf-8")
        level = InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, GUIDE_PAGE, content=text, inclusion=level))
        for src in sorted(set(GUIDE_IMAGE.findall(text))):
            if ".." not in src.split("/") and (guide.parent / src).is_file():
                path = str(guide.parent / src)
                files.append(File.generated(config, urls.GUIDE + src, abs_src_path=path))

    def _fingerprints(self, config) -> dict[str, int]:
        """What each generated page's output depends on, by source URI."""
        site = internals.site_fingerprint(config)
        html = self.result.pages.html
        return {uri: _fingerprint(site, spec, html[spec.path]) for uri, spec in self.specs.items()}

    def _reuse_pages(self, config, in_nav: set[str]) -> tuple[dict, dict]:
        """Link every generated page whose inputs are those of a page the BuildCache kept in,
        unless it is in `nav:` or a hand-written page names its source (it then stays a page
        MkDocs knows). Returns (output path -> digest of its inputs for every generated page,
        src_uri -> sitemap address of each page linked in)."""
        # the hand-written pages too: every page's navigation shows their titles (digested
        # once: they would be hashed again for every page)
        site = cache.page_digest(
            internals.site_fingerprint(config), repr(sorted(self.result.docs.items()))
        ).encode()
        named = "\n".join(self.result.docs.values())
        html = self.result.pages.html
        kept = self.kept_pages
        digests, reused, links = {}, {}, []
        ahead = self._linked_ahead()
        for uri, spec in self.specs.items():
            path, url = internals.generated_output(spec.path, config)
            stored = html.packed(spec.path) if isinstance(html, Spill) else html[spec.path]
            digest = cache.page_digest(*_page_inputs(site, spec, stored))
            digests[path] = digest
            if uri in in_nav or uri in named:
                continue
            source = kept.kept_path(digest)
            if source is not None and ahead.get(path) == source:
                del ahead[path]  # in place already (and found whole: see link_outputs)
            elif kept.kept_page(digest) is not None:
                links.append((source, path))
            else:
                continue
            reused[uri] = internals.canonical_url(url, config)
            self.linked.add(path)
        for path in ahead:  # linked ahead, but not this build's page there
            internals.unlink_output(path, config.site_dir)
        # linked by a child while MkDocs renders the other pages here (a folder each: 3 s
        # of file system work at 35,000 pages); waited for after the build
        if links:
            work = partial(internals.link_outputs, links, config.site_dir)
            self.linking, self.links_expected = start_forked(work), len(links)
        return digests, reused

    def _linked_ahead(self) -> dict[str, str]:
        """Site path -> kept file of the pages linked in before the build knew its pages (the
        last good build's: see commands.build.render_site)."""
        if self.ahead is None:
            return {}
        (pages, wait), self.ahead = self.ahead, None
        linked = set(wait())
        return {path: source for source, path in pages if path in linked}

    def on_page_read_source(self, *, page, config):
        return "" if page.file.src_uri in self.specs else None

    def on_page_markdown(self, markdown, *, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec:
            page.meta = internals.page_meta(spec)
            if not self.serving:  # (the preview renders few pages, each whole)
                page.meta["template"] = internals.FRAMED_TEMPLATE
        # The sharing image (og:image, 1200x630 JPEG), as a site path, for the head template.
        default = self.result.pages.images.share(None).path
        page.meta.setdefault("image", spec.image if spec else default)
        page.meta.setdefault("image_alt", spec.image_alt if spec else config.site_name)
        if spec:
            return ""  # the HTML is ready; skip Markdown parsing
        if page.file.src_uri == GUIDE_PAGE:
            page.meta["robots"] = "noindex"  # the guide is for staff, not for search engines
        if isinstance(page.meta.get("title"), str):  # Material prints it unescaped
            page.meta["title"] = html_escape(page.meta["title"])
        return markdown

    def on_page_content(self, html, *, page, config, files):
        # A generated page gets its HTML only while it is written (on_page_context to
        # on_post_page): MkDocs reads every page before it writes the first.
        if page.file.src_uri in self.specs:
            return ""
        # Hand-written pages go through the bodies' sanitiser too; the home page then gets
        # its generated lists (Kriya's own markup, made from escaped values).
        html = sanitize_page(html)
        if page.file.src_uri == "index.md":
            html += "\n" + self.result.pages.home_html
        return html

    def on_pre_build(self, *, config):
        self.sitemap_entries = []
        self.written = set()
        self.shared_changed = False

    def _wrote(self, path: str) -> None:
        """Serve: the site file `path` changed in this build."""
        self.written.add(path)
        self.shared_changed |= path.startswith(SHARED)

    def _write(self, output: str, path: str, data: bytes) -> None:
        """Serve: write a generated file unless the last build wrote the same there."""
        key = hash(data)
        if self.data_written.get(output) != key or not Path(output).exists():
            if preview.write_whole(output, data):
                self._wrote(path)
            self.data_written[output] = key

    def on_page_context(self, context, *, page, config, nav):
        """The HTML of a generated page, head metadata of the home page, and every built page
        for the sitemap."""
        spec = self.specs.get(page.file.src_uri)
        if spec and not self.parallel.skipped(page):  # not one the child renders
            page.content = self._content(spec.path)
        if page.file.src_uri == "index.md" and "kriya" not in page.meta:
            page.meta["kriya"] = self.result.home_head
        head = page.meta.get("kriya") or {}
        updated = page.meta.get("updated")
        lastmod = head.get("lastmod") or (updated.isoformat() if updated else None)
        if page.file.src_uri != GUIDE_PAGE:
            self.sitemap_entries.append((page.canonical_url or page.abs_url, lastmod))
            self.sitemap_known[page.file.src_uri] = self.sitemap_entries[-1]
        return context

    def _content(self, path: str) -> str:
        """A generated page's HTML, or for a large one a mark that on_post_page replaces."""
        html = self.result.pages.html
        if isinstance(html, Spill) and not self.serving:
            packed = html.packed(path)
            if len(packed) >= LIMITS.large_page:
                mark = internals.large_mark(packed)
                self.large[path] = (packed, mark)
                return mark
            return packed.text()
        return html[path]

    def on_post_page(self, output, *, page, config):
        if page.file.src_uri in self.specs:
            page.content = None  # written: let it go
            large = self.large.pop(self.specs[page.file.src_uri].path, None)
            if large is not None:  # written here: MkDocs skips the empty output
                packed, mark = large
                internals.write_with_content(output, packed, mark, page.file.abs_dest_path)
                return ""
        if self.serving:  # the preview shows the content's problems over the page
            script = preview.overlay(urls.relative_url(page.url, ""))
            head, body, tail = output.rpartition("</body>")
            output = head + script + body + tail if body else output + script
            # written here, whole, and only when it changed: MkDocs skips an empty page
            data = output.encode("utf-8", errors="xmlcharrefreplace")
            if preview.write_whole(page.file.abs_dest_path, data):
                self._wrote(page.file.dest_uri)
            if page.file.src_uri in self.serving_next:
                self.served[page.file.src_uri] = self.serving_next[page.file.src_uri]
            return ""
        return output

    def on_nav(self, nav, *, config, files):
        self._go_on()
        self.nav = nav
        return nav

    def on_env(self, env, *, config, files):
        self._go_on()
        self.env = env
        if self.serving:
            internals.keep_compiled(env)
        generated = set(self.specs)
        env.globals["kriya_language"] = page_language
        shared = env.globals["kriya_shared"] = internals.SharedFrame(
            generated, [p.url for p in self.nav.pages]
        )
        # (the preview renders each page whole: see on_page_markdown)
        framed = internals.FramedPages(
            env,
            shared,
            [] if self.serving else (file.url for file in files if file.src_uri in generated),
        )
        env.globals["kriya_framed"] = framed.render
        env.globals["kriya_slot"] = framed.slot
        if not self.serving:
            self.parallel.start(config, files, self.nav, env, generated - set(self.reused))
        return env

    def _linked_in(self) -> None:
        """Wait for the pages linked in from the BuildCache (all of them: a kept file gone
        since would leave its page out of the site)."""
        if self.linking is not None:
            linking, self.linking = self.linking, None
            if len(linking()) != self.links_expected:
                raise PluginError("Cache build berubah selama build; jalankan build lagi.")

    def on_build_error(self, *, error):
        self._linked_in()
        if self.parallel.wait is not None:
            try:
                self.parallel.finish()
            except PluginError:
                pass

    def on_post_build(self, *, config):
        """sitemap.xml from content dates (the theme's own sitemap template is empty)."""
        self.parallel.finish()
        self._linked_in()
        if self.serving and self.dirty:
            self.served = self.serving_next
        for uri, address in self.reused.items():  # linked in: MkDocs never saw them
            self.sitemap_entries.append((address, (self.specs[uri].head or {}).get("lastmod")))
        if self.serving and self.files is not None:  # with the pages not rendered again
            self.sitemap_entries = internals.in_site_order(self.files, self.sitemap_known)
        text = sitemap.sitemap_xml(self.sitemap_entries)
        site = Path(config.site_dir)
        if self.serving:
            problems = preview.problems_json(self.result.problems).encode("utf-8")
            self._write(str(site / preview.PROBLEMS), preview.PROBLEMS, problems)
            self._write(str(site / "sitemap.xml"), "sitemap.xml", text.encode("utf-8"))
            self._write(str(site / "sitemap.xml.gz"), "sitemap.xml.gz", sitemap.gzipped(text))
            if self.dirty:
                self.served = dict(self.serving_next)
            assert self.files is not None
            self.complete = Complete(
                self.result, self.specs, config, self.files, self.nav, self.env
            )
            return
        (site / "sitemap.xml").write_text(text, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(sitemap.gzipped(text))

    def render_first(self, changed: set[str]) -> set[str] | None:
        """Serve (the fast render): write the pages of the items in the edited content files
        `changed` (paths relative to the project) from the last complete build, before the
        rebuild that follows. Returns the site files that changed, or None when the edit
        needs the whole rebuild (see `kriya.speed.fast_render`)."""
        last = self.complete
        if last is None or not self.dirty:
            return None
        now = now_wib()
        found = item_pages(last.result, changed, now, self.preview)
        files = [last.files.get_file_from_path(spec.src_uri) for spec, _ in found or ()]
        pages = [file.page for file in files if file is not None and file.page is not None]
        if not found or len(pages) != len(found):
            return None
        self.moment = now  # the rebuild that follows builds as of the same moment
        self.result, self.specs, self.nav = last.result, last.specs, last.nav
        self.written, self.shared_changed = set(), False
        site = internals.site_fingerprint(last.config)
        for (spec, html), page in zip(found, pages):
            self.specs[spec.src_uri] = spec
            self.result.pages.html[spec.path] = html
            output = page.file.abs_dest_path
            self.serving_next[spec.src_uri] = (_fingerprint(site, spec, html), output)
        internals.render_pages(pages, last.config, last.files, last.nav, last.env)
        return self.written

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.settings.root / "content"))
        return server


def _page_inputs(site: bytes, spec, html) -> tuple:
    """What a generated page's output depends on: `site` (mkdocs.yml, in a build also the
    hand-written pages), its HTML and its metadata."""
    meta = repr(sorted(internals.page_meta(spec).items()))
    return (site, html, meta, spec.image, spec.image_alt, spec.edit_path)


def _fingerprint(site: bytes, spec, html: str) -> int:
    """Serve: a page's inputs as a hash (the preview's HTML stays in memory)."""
    return hash(_page_inputs(site, spec, html))


def page_language(page) -> str:
    """The language of a page of the frame (theme templates): "en" under /en/, else "id"."""
    url = getattr(page, "url", None)
    return urls.language(url) if isinstance(url, str) else "id"


def _nav_uris(nav):
    """Every file path named in the `nav:` setting."""
    items = nav.values() if isinstance(nav, dict) else nav or []
    for item in items:
        if isinstance(item, str):
            yield item
        else:
            yield from _nav_uris(item)


def _add_theme_dir(config) -> None:
    """Kriya's templates (404 page, head tags) go before Material's, after any custom_dir."""
    ours = str(resources.files("kriya").joinpath("theme"))
    dirs = config.theme.dirs
    material = next(
        (i for i, d in enumerate(dirs) if d.rstrip("/").endswith("material/templates")), 0
    )
    if ours not in dirs:
        dirs.insert(material, ours)
