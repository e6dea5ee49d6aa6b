"""Render Kriya's generated pages on every core during `mkdocs build`.

MkDocs renders pages one after another. Just before it starts (the `env` event) a forked
child renders every other generated page with MkDocs's own page builder and writes it to
site/; the parent then renders those pages with an empty template, which MkDocs skips, and
waits for the child after the build. Output is identical, only made by two processes.
Used only for `mkdocs build` on systems with fork(); `mkdocs serve` renders as usual.
"""

from __future__ import annotations

import logging
import os

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import CountHandler

SKIP_TEMPLATE = "kriya/skip.html"  # renders to nothing, so MkDocs writes no file
MIN_PAGES = 200  # below this a fork costs more than it saves; KRIYA_SERIAL=1 turns it off


class ParallelRenderer:
    def __init__(self):
        self.child = None

    def start(self, config, files, nav, env, generated: set[str]) -> None:
        """Fork a child that renders half of the `generated` pages (by source URI)."""
        if not hasattr(os, "fork") or len(generated) < MIN_PAGES or os.environ.get("KRIYA_SERIAL"):
            return
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        ours = [f for f in doc_files if f.src_uri in generated]
        theirs = ours[1::2]
        pid = os.fork()
        if pid == 0:  # child: render, then leave without running any parent cleanup
            os._exit(_render(theirs, config, doc_files, nav, env))
        self.child = pid
        for file in theirs:
            file.page.meta["template"] = SKIP_TEMPLATE
        logging.getLogger("mkdocs.commands.build").addFilter(_quiet_skips)

    def finish(self) -> None:
        """Wait for the child; its failure (or any warning it logged) fails the build."""
        if self.child is None:
            return
        _, status = os.waitpid(self.child, 0)
        self.child = None
        logging.getLogger("mkdocs.commands.build").removeFilter(_quiet_skips)
        if os.waitstatus_to_exitcode(status) != 0:
            raise PluginError("Sebagian halaman gagal dibuat (lihat pesan di atas).")


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
