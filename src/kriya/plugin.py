"""Thin MkDocs adapter: run the content pipeline, add its pages as generated files."""

from __future__ import annotations

import logging
import os
import posixpath
import time
from importlib import resources
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from . import images, pipeline, sitemap
from .clock import now_wib
from .config import KriyaConfig, to_settings
from .formatting import asset_path
from .pages import page_meta
from .workers import can_share_work, start_forked

log = logging.getLogger("mkdocs.plugins.kriya")
CSS = "assets/kriya/kriya.css"
SCRIPTS = ("assets/kriya/search.js",)  # loaded on demand, not on every page
OWN_ASSETS = ("assets/kriya/catalog.js", "assets/kriya/share.js", "assets/kriya/logo.svg")
LOGO = "assets/kriya/logo.svg"


class KriyaPlugin(BasePlugin[KriyaConfig]):
    # A pipeline result computed by scripts/build.py just before it runs MkDocs in the same
    # process, so content is loaded, validated and rendered once per build, not twice.
    prepared: pipeline.Result | None = None

    def __init__(self):
        self.serving = False
        self.dirty = False
        # `mkdocs serve` keeps this instance between rebuilds (it has on_startup): parsed
        # files and rendered bodies are reused, and with --dirty (as `make serve` runs it)
        # MkDocs renders only the generated pages that changed since the last build.
        self.memo: dict = {}
        self.served: dict[str, tuple[int, str]] = {}  # src_uri -> (fingerprint, output)
        self.serving_next: dict[str, tuple[int, str]] = {}
        self.result = None
        self.specs = {}
        self.image_seconds = 0.0
        self.parallel = ParallelRenderer()
        self.nav = None

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty
        if dirty:  # a warning would stop the preview of a strict site; Kriya keeps it right
            logging.getLogger("mkdocs.commands.build").addFilter(_quiet_dirty)

    def on_config(self, config):
        settings = to_settings(self.config, config.config_file_path, config.site_name,
                               config.site_url)
        self.settings = settings
        preview = self.serving and self.config.show_drafts_in_serve
        prepared, KriyaPlugin.prepared = KriyaPlugin.prepared, None
        if prepared and not preview and prepared.settings == settings:
            self.result = prepared
        else:
            self.result = pipeline.run(settings, now_wib(), preview=preview,
                                       memo=self.memo if self.serving else None)
        if self.result.problems:
            log.error("Konten bermasalah:\n%s", pipeline.report(self.result.problems))
            if not self.serving:
                raise PluginError("Build dibatalkan: perbaiki masalah konten di atas.")
        config.extra_css.insert(0, CSS)
        if not config.theme.get("logo"):
            config.theme["logo"] = LOGO
        if config.theme.get("favicon") in (None, "assets/images/favicon.png"):
            config.theme["favicon"] = LOGO
        _add_theme_dir(config)
        return config

    def on_files(self, files: Files, *, config):
        pages = self.result.pages
        self.specs = {spec.src_uri: spec for spec in pages.specs}
        for uri in self.specs:
            if files.get_file_from_path(uri):
                raise PluginError(f"docs/{uri} bertabrakan dengan halaman buatan Kriya; "
                                  "ganti nama file di docs/.")
        in_nav = set(_nav_uris(config.nav))
        for uri, spec in self.specs.items():
            level = InclusionLevel.UNDEFINED if uri in in_nav else InclusionLevel.NOT_IN_NAV
            # The source stays empty: on_page_read_source and on_page_markdown hand MkDocs the
            # metadata and on_page_context the HTML, so nothing is serialised and re-parsed.
            file = File.generated(config, uri, content="", inclusion=level)
            files.append(file)
            if uri not in in_nav:  # a page in `nav:` gets its title there, from MkDocs
                GeneratedPage(None, file, config)
        for src in pages.assets:
            files.append(File.generated(config, asset_path(src),
                                        abs_src_path=str(self.settings.root / src)))
        css = resources.files("kriya").joinpath("assets/kriya.css").read_text(encoding="utf-8")
        files.append(File.generated(config, CSS, content=css))
        for script in SCRIPTS:
            source = resources.files("kriya").joinpath("assets/" + script.rsplit("/", 1)[1])
            files.append(File.generated(config, script,
                                        content=source.read_text(encoding="utf-8")))
        for asset in OWN_ASSETS:
            source = resources.files("kriya").joinpath("assets/" + asset.rsplit("/", 1)[1])
            files.append(File.generated(config, asset, content=source.read_bytes()))
        for path, text in pages.data.items():
            files.append(File.generated(config, path, content=text))
        # Responsive variants and sharing images, made once and cached by content hash.
        started = time.monotonic()
        made = images.produce(pages.images, images.default_cache(self.settings.root))
        self.image_seconds = time.monotonic() - started
        for path, cached in sorted(made.items()):
            files.append(File.generated(config, path, abs_src_path=str(cached)))
        if self.serving and self.dirty:
            self._render_only_changes(files, config)
        return files

    def _render_only_changes(self, files: Files, config) -> None:
        """Dirty serve: mark generated pages unchanged since the last build as not modified
        (MkDocs then neither reads nor renders them; their output is still in site_dir), and
        hand-written pages as modified (they show generated lists, e.g. the home page)."""
        site = Path(config.config_file_path).read_bytes()
        fingerprints = {}
        for file in files.documentation_pages():
            spec = self.specs.get(file.src_uri)
            if spec is None:
                file.is_modified = lambda: True
                continue
            fingerprint = hash((site, spec.stored.digest, repr(sorted(page_meta(spec).items())),
                                spec.image, spec.image_alt, spec.edit_path))
            fingerprints[file.src_uri] = (fingerprint, file.abs_dest_path)
            if self.served.get(file.src_uri) == fingerprints[file.src_uri] \
                    and os.path.exists(file.abs_dest_path):
                file.is_modified = lambda: False
        for uri, (_, output) in self.served.items():  # pages gone since the last build
            if uri not in fingerprints and os.path.exists(output):
                os.remove(output)
        self.served = {}  # until this build is complete (on_post_build)
        self.serving_next = fingerprints

    def on_page_read_source(self, *, page, config):
        return "" if page.file.src_uri in self.specs else None

    def on_page_markdown(self, markdown, *, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec:
            page.meta = page_meta(spec)
        # The sharing image (og:image, 1200x630 JPEG), as a site path, for the head template.
        page.meta.setdefault("image", spec.image if spec else self.result.pages.images.share(
            None).path)
        page.meta.setdefault("image_alt", spec.image_alt if spec else config.site_name)
        if spec:
            return ""  # the HTML is ready; skip Markdown parsing
        if page.file.src_uri == "index.md":
            return markdown + "\n\n" + self.result.pages.home_html
        return markdown

    def on_page_content(self, html, *, page, config, files):
        # A generated page gets its HTML only while it is written (on_page_context to
        # on_post_page): MkDocs reads every page before it writes the first.
        return "" if page.file.src_uri in self.specs else html

    def on_pre_build(self, *, config):
        self.sitemap_entries = []

    def on_page_context(self, context, *, page, config, nav):
        """The HTML of a generated page, head metadata of the home page, and every built page
        for the sitemap."""
        spec = self.specs.get(page.file.src_uri)
        if spec and page.meta.get("template") != SKIP_TEMPLATE:  # not one the child renders
            page.content = spec.html
        if page.file.src_uri == "index.md" and "kriya" not in page.meta:
            page.meta["kriya"] = self.result.pages.home_head
        head = page.meta.get("kriya") or {}
        updated = page.meta.get("updated")
        lastmod = head.get("lastmod") or (updated.isoformat() if updated else None)
        self.sitemap_entries.append((page.canonical_url or page.abs_url, lastmod))
        return context

    def on_post_page(self, output, *, page, config):
        if page.file.src_uri in self.specs:
            page.content = None  # written: let it go
        return output

    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    def on_env(self, env, *, config, files):
        generated = set(self.specs)
        env.globals["kriya_shared"] = SharedFrame(generated, [p.url for p in self.nav.pages])
        if not self.serving:
            self.parallel.start(config, files, self.nav, env, generated)
        return env

    def on_build_error(self, *, error):
        if self.parallel.wait is not None:
            try:
                self.parallel.finish()
            except PluginError:
                pass

    def on_post_build(self, *, config):
        """sitemap.xml from content dates (the theme's own sitemap template is empty)."""
        self.parallel.finish()
        if self.serving and self.dirty:
            self.served = self.serving_next
        text = sitemap.sitemap_xml(self.sitemap_entries)
        site = Path(config.site_dir)
        (site / "sitemap.xml").write_text(text, encoding="utf-8")
        (site / "sitemap.xml.gz").write_bytes(sitemap.gzipped(text))

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.settings.root / "content"))
        return server


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
    material = next((i for i, d in enumerate(dirs) if d.rstrip("/").endswith("material/templates")),
                    0)
    if ours not in dirs:
        dirs.insert(material, ours)

# Generated pages inside Material's frame, cheaply. Two costs of MkDocs are the same for every
# generated page, so they are paid once:
# - `GeneratedPage` skips MkDocs's Markdown pass: the page's HTML is made already, and building
#   a Markdown converter (with every extension) to convert an empty source costs 0.3 ms a page.
# - `SharedFrame` renders the parts of Material's frame that depend only on where a page sits
#   (navigation drawer, tabs, footer, script config, style links) once per folder, and hands
#   the same HTML to the folder's other generated pages. main.html wraps those blocks in
#   `{% call kriya_shared(name, page) %}`.

class GeneratedPage(Page):
    """A page whose HTML Kriya has made (the plugin hands it over in on_page_context)."""

    def render(self, config, files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class SharedFrame:
    """`kriya_shared(name, page, caller)`: the block's HTML, rendered by `caller` only for the
    first generated page of each folder (and page settings that change the block).

    Exact because, for a page not in the navigation and without a table of contents, these
    blocks read only the page's relative links (the same from every page of one folder, as
    long as no linked page lies below the page itself) and its `hide` setting."""

    def __init__(self, generated: set[str], nav_urls: list[str]):
        self.generated = generated
        self.nav_urls = nav_urls  # pages the frame links to, besides assets/
        self.blocks: dict = {}

    def __call__(self, name: str, page, caller) -> str:
        if not self._shareable(page):
            return caller()
        folder = posixpath.dirname(page.url.rstrip("/"))
        key = (name, folder, tuple(page.meta.get("hide") or ()))
        if key not in self.blocks:
            self.blocks[key] = caller()
        return self.blocks[key]

    def _shareable(self, page) -> bool:
        if not isinstance(page, Page) or page.file.src_uri not in self.generated:
            return False
        url = page.url
        return bool(url) and not page.toc and not url.startswith("assets/") \
            and not any(target.startswith(url) for target in self.nav_urls)


# Parallel rendering of generated pages.
# Render Kriya's generated pages on every core during `mkdocs build`.
#
# MkDocs renders pages one after another. Just before it starts (the `env` event) a forked
# child renders every other generated page with MkDocs's own page builder and writes it to
# site/; the parent then renders those pages with an empty template, which MkDocs skips, and
# waits for the child after the build. Output is identical, only made by two processes.
# Used only for `mkdocs build`, and only while the build process is small
# (workers.can_share_work); `mkdocs serve` renders as usual. At 20,000 items the child's copy
# of memory came to +265 MiB, more than half of the build's memory, for 40 s saved.

SKIP_TEMPLATE = "kriya/skip.html"  # renders to nothing, so MkDocs writes no file
MIN_PAGES = 200  # below this a fork costs more than it saves; KRIYA_SERIAL=1 turns it off


class ParallelRenderer:
    def __init__(self):
        self.wait = None  # waits for the child: workers.start_forked

    def start(self, config, files, nav, env, generated: set[str]) -> None:
        """Fork a child that renders half of the `generated` pages (by source URI)."""
        if len(generated) < MIN_PAGES or not can_share_work():
            return
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        ours = [f for f in doc_files if f.src_uri in generated]
        theirs = ours[1::2]
        self.wait = start_forked(lambda: _render(theirs, config, doc_files, nav, env))
        for file in theirs:
            file.page.meta["template"] = SKIP_TEMPLATE
        logging.getLogger("mkdocs.commands.build").addFilter(_quiet_skips)

    def finish(self) -> None:
        """Wait for the child; its failure (or any warning it logged) fails the build."""
        if self.wait is None:
            return
        wait, self.wait = self.wait, None
        logging.getLogger("mkdocs.commands.build").removeFilter(_quiet_skips)
        try:
            failed = wait()
        except RuntimeError:  # the child stopped without a result
            failed = 1
        if failed:
            raise PluginError("Sebagian halaman gagal dibuat (lihat pesan di atas).")


def _quiet_dirty(record: logging.LogRecord) -> bool:
    """Hide MkDocs's warning that a dirty build may leave stale navigation: generated pages
    are compared with the last build (KriyaPlugin._render_only_changes) and hand-written
    pages are always rendered again."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _quiet_skips(record: logging.LogRecord) -> bool:
    """Hide MkDocs's 'Page skipped' notes for the pages the child renders."""
    return not record.getMessage().startswith("Page skipped")


def _render(files, config, doc_files, nav, env) -> int:
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        for file in files:
            mkdocs_build._build_page(file.page, config, doc_files, nav, env)
    except Exception:  # noqa: BLE001 - reported by MkDocs's own logging already
        return 1
    return 1 if counter.get_counts() else 0
