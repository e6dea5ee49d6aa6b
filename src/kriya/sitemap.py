"""sitemap.xml from the pages that are really published, each `lastmod` taken from the
content's own date (`updated`, else `date`), never from the build clock. The gzip copy has
a fixed header time so two builds of the same content are byte-identical."""

from __future__ import annotations

import gzip
from xml.sax.saxutils import escape


def sitemap_xml(entries) -> str:
    """entries: (absolute URL, lastmod ISO text or None), in any order."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for loc, lastmod in sorted(set(entries)):
        lines.append(
            f"  <url><loc>{escape(loc)}</loc>"
            + (f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else "")
            + "</url>"
        )
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def gzipped(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
