"""MkDocs adapter, part 2: Kriya's generated pages inside Material's page frame, cheaply.

Two costs of MkDocs are the same for every generated page, so they are paid once:
- `GeneratedPage` skips MkDocs's Markdown pass: the page's HTML is made already, and building a
  Markdown converter (with every extension) to convert an empty source costs 0.3 ms a page.
- `SharedFrame` renders the parts of Material's frame that depend only on where a page sits
  (navigation drawer, tabs, footer, script config, style links) once per folder, and hands the
  same HTML to the folder's other generated pages. main.html wraps those blocks in
  `{% call kriya_shared(name, page) %}`.
"""

from __future__ import annotations

import posixpath

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


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
