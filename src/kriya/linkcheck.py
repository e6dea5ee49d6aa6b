"""Broken internal links and images in a built site/ folder, found by reading every HTML
file with html.parser. External links are not fetched; links to the site's own address
(site_url) are checked like relative ones.

Usage: python -m kriya.linkcheck SITE_DIR [SITE_URL]   (exit 1 when something is broken)
"""

from __future__ import annotations

import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs that name another file of the site
CHECKED = {("a", "href"), ("img", "src"), ("link", "href"), ("script", "src"),
           ("source", "src"), ("img", "srcset"), ("source", "srcset"), ("video", "poster")}
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "sms:")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if (tag, name) in CHECKED and value:
                urls = ([part.strip().split()[0] for part in value.split(",") if part.strip()]
                        if name == "srcset" else [value])
                self.found.extend((self.getpos()[0], url) for url in urls)


def check_site(site: Path, site_url: str = "") -> list[str]:
    """Every broken internal link as 'page.html:line: url', sorted."""
    base = urlsplit(site_url)
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    broken = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for line, url in parser.found:
            target = _target(rel, url, base, base_path)
            if target is not None and not _exists(site, target):
                broken.append(f"{rel}:{line}: {url}")
    return broken


def _target(page: str, url: str, base, base_path: str) -> str | None:
    """Site-relative path a link points to, or None when it leaves the site."""
    if url.startswith("#") or url.lower().startswith(SKIPPED_SCHEMES):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if not base.netloc or (parts.netloc, parts.scheme) != (base.netloc, base.scheme):
            return None  # another site: not checked here
        path = parts.path
    elif parts.path.startswith("/"):
        path = parts.path
    else:
        if not parts.path:
            return None  # only a query or fragment: the page itself
        return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) \
            + ("/" if parts.path.endswith("/") else "")
    if not path.startswith(base_path) and path + "/" != base_path:
        return "../" + path  # above the site's sub-path: cannot exist in site/
    return unquote(path[len(base_path):]) or "./"


def _exists(site: Path, target: str) -> bool:
    if target.startswith("../") or target == "..":
        return False
    path = site / target
    if target.endswith("/") or path.is_dir():
        return (path / "index.html").is_file()
    return path.is_file()


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    broken = check_site(Path(argv[0]), argv[1] if len(argv) > 1 else "")
    for line in broken:
        print(line)
    if broken:
        print(f"{len(broken)} tautan atau gambar internal rusak.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
