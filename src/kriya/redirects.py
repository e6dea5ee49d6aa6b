"""Old URLs kept alive: `aliases:` in front matter become small redirect pages.

A redirect page carries a canonical link (search engines move the old URL's standing to the
new page) and a meta refresh (browsers follow it). An alias may never take the place of a
real page; such collisions are validation problems, named with file and line.
"""

from __future__ import annotations

import html
import posixpath

from .model import Problem
from .urls import item_path, relative_url


def redirect_files(items, site_url: str, taken: set[str]) -> tuple[dict[str, str], list[Problem]]:
    """(site file path -> HTML) for the aliases of published items. `taken` holds every page
    path the build makes; an alias landing on one is reported rather than written."""
    files, problems = {}, []
    for item in items:
        target = item_path(item)
        for alias in item.aliases:
            if alias in taken:
                problems.append(
                    Problem(
                        item.path,
                        0,
                        "aliases",
                        f"alamat lama /{alias} bertabrakan dengan halaman "
                        "situs; hapus dari aliases.",
                    )
                )
                continue
            file = alias if alias.endswith((".html", ".htm")) else alias + "index.html"
            folder = posixpath.dirname(file)
            href = relative_url(folder + "/" if folder else "", target)
            canonical = (site_url.rstrip("/") + "/" + target) if site_url else href
            files[file] = redirect_page(item.title, href, canonical)
    return files, problems


def redirect_page(title: str, href: str, canonical: str) -> str:
    title, href, canonical = (html.escape(v, quote=True) for v in (title, href, canonical))
    return (
        "<!doctype html>\n"
        '<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Dipindahkan: {title}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        "</head>\n"
        '<body data-pagefind-ignore="all">\n'
        f'<p>Halaman ini sudah dipindahkan ke <a href="{href}">{title}</a>.</p>\n'
        "</body>\n</html>\n"
    )
