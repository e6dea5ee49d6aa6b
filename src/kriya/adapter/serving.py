"""`kriya serve`: the live preview, on MkDocs's own server and build, with a faster loop.

What `mkdocs serve --dirty` did, and what changed:

- The platform's file watcher reports each saved file within milliseconds (MkDocs polled
  every watched file twice a second, then waited 0.1 s more).
- After an edit of content files, their items' pages are written first from the last
  complete build (the plugin's `render_first`, `kriya.speed.fast_render`) and the browsers
  showing them reload; then the whole site is rebuilt incrementally, and only browsers whose
  page changed reload again (every browser after any other change, or when the problems
  shown over every page changed).
- A newer edit stops a running rebuild (at its next step); the next rebuild covers both.
- Requests are answered during a rebuild too (the page's old version until its new one is
  written whole).

Watched as `mkdocs serve` watches: docs/, mkdocs.yml, what plugins add (Kriya: content/),
`watch:` entries, and the theme's custom_dir.
"""

from __future__ import annotations

import logging
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..speed.fast_render import is_content_file
from . import internals
from .interrupt import Superseded
from .plugin import KriyaPlugin

log = logging.getLogger("mkdocs.kriya.serve")
COMPLETE = "Seluruh pratinjau diperbarui"  # said when a rebuild completed (tools/bench/serve.py)


class Preview:
    """One preview session: its settings file, its site folder and the state kept between
    rebuilds (in the plugin instance, which MkDocs keeps for the whole process)."""

    def __init__(self, config_file: Path, site_dir: str, port: int):
        self.config_file = config_file
        self.root = config_file.parent.resolve()
        self.site_dir = site_dir
        self.address = f"127.0.0.1:{port}"
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=True)
        host, port = config.dev_addr
        self.mount_path = urlsplit(config.site_url or "/").path
        self.url = internals.serve_url(host, port, self.mount_path)
        self.plugin: KriyaPlugin = config.plugins["kriya"]
        self.config = config  # of the last build started
        self.fresh = True  # `config` not used for a build yet (a build changes it)
        self.pending: set[str] = set()  # changed since the last complete build
        self.server: internals.PreviewServer | None = None

    def _config(self):
        return load_config(str(self.config_file), site_dir=self.site_dir, dev_addr=self.address)

    def build(self) -> None:
        """Build the whole site (incrementally after the first time), with mkdocs.yml read
        again as `mkdocs serve` does."""
        if not self.fresh:
            self.config = self._config()
        self.fresh = False
        self.config.site_url = self.url
        build(self.config, serve_url=self.url, dirty=True)

    def rebuild(self, changes: set[str]) -> None:
        """After `changes` (paths): the edited items' pages first, then the whole site."""
        started = time.monotonic()
        self.pending |= {self._relative(path) for path in changes}
        edits = all(is_content_file(path) for path in self.pending)
        names = ", ".join(sorted(self.pending)[:3]) + (" ..." if len(self.pending) > 3 else "")
        log.info(f"Berubah: {names}")
        try:
            first = self.plugin.render_first(self.pending) if edits else None
        except Exception:  # a fault of the fast render must not hold up the rebuild
            log.exception("Halaman yang disunting tidak bisa dibuat lebih dulu.")
            first = None
        if first is not None:
            self._show(first)
            log.info(f"Halaman yang disunting diperbarui ({time.monotonic() - started:.2f} s).")
        self.plugin.check = self.server.superseded if self.server else None
        try:
            self.build()
        except Superseded:
            log.info("Ada perubahan baru; pratinjau dibangun ulang lagi.")
            return
        finally:
            self.plugin.check = None
        self.pending = set()
        self._show(self.plugin.written if edits and not self.plugin.shared_changed else None)
        log.info(f"{COMPLETE} ({time.monotonic() - started:.1f} s).")

    def _show(self, files) -> None:
        if self.server is not None:
            self.server.show(files)

    def _relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:  # outside the project (a theme folder elsewhere)
            return path

    def watch(self, server: internals.PreviewServer) -> None:
        """What `mkdocs serve` watches, and the theme's own folder of the project."""
        config = self.config
        server.watch(config.docs_dir)
        server.watch(str(self.config_file))
        config.plugins.on_serve(server, config=config, builder=self.build)
        for item in config.watch:
            server.watch(item)
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)

    def error_page(self, code: int) -> bytes | None:
        page = Path(self.site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None


def serve(config_file: Path, port: int, open_browser: bool = False) -> None:
    """Build the preview, serve it on 127.0.0.1:`port` and rebuild it after every change,
    until Ctrl+C."""
    _show_log()
    signal.signal(signal.SIGTERM, _stop)  # as Ctrl+C: the site folder is removed
    # Ctrl+C stops it even when started where SIGINT is ignored (a shell's background job),
    # where Python would leave it ignored
    signal.signal(signal.SIGINT, signal.default_int_handler)
    site_dir = tempfile.mkdtemp(prefix="kriya-pratinjau-")
    preview = None
    try:
        preview = Preview(config_file, site_dir, port)
        preview.build()
        host, port = preview.config.dev_addr
        server = internals.PreviewServer(
            preview.rebuild, host, port, site_dir, mount_path=preview.mount_path
        )
        server.error_handler = preview.error_page
        preview.server = server
        preview.watch(server)
        try:
            server.serve(open_in_browser=open_browser)
        except KeyboardInterrupt:
            log.info("Pratinjau dihentikan.")
        finally:
            server.shutdown()
    finally:
        if preview is not None:
            preview.config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


def _show_log() -> None:
    """MkDocs's messages (and Kriya's) on the terminal, as `mkdocs serve` shows them."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "name", "") == "kriya-serve" for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.name = "kriya-serve"
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
