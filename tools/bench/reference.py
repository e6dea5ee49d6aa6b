"""The reference: the same generated content as a plain Material blog-plugin site.

News become blog posts, products plain pages; Material's lunr search is on, and an explicit
`nav:` keeps item lists out of the sidebar (without it the output grows with N squared).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

CONFIG = """site_name: Referensi Material Blog
site_url: https://referensi.example/
theme:
  name: material
  language: id
  font: false
plugins:
  - search
  - blog
nav:
  - Beranda: index.md
  - Berita: blog/index.md
"""


def split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def write_reference(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    posts = docs / "blog" / "posts"
    pages = docs / "katalog"
    for folder in (posts, pages):
        folder.mkdir(parents=True)
    shutil.copytree(source / "content" / "news" / "img", posts / "img")
    shutil.copytree(source / "content" / "products" / "img", pages / "img")
    (target / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Referensi\n\nSitus pembanding.\n", encoding="utf-8")
    (docs / "blog" / "index.md").write_text("# Berita\n", encoding="utf-8")
    for path in sorted((source / "content" / "news").glob("*.md")):
        meta, body = split(path)
        front = {
            "date": meta["date"],
            "categories": meta.get("categories", []),
            "draft": meta.get("draft", False),
            "description": meta["description"],
        }
        text = (
            f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n\n# {meta['title']}\n\n"
            f"![{meta['image_alt']}]({meta['image']})\n\n{body}"
        )
        (posts / path.name).write_text(text, encoding="utf-8")
    for path in sorted((source / "content" / "products").glob("*.md")):
        meta, body = split(path)
        image = meta["images"][0]
        rows = "\n".join(
            f"| {key} | {meta.get(key, '')} |"
            for key in ("artisan", "category", "kecamatan", "price")
        )
        text = (
            f"# {meta['title']}\n\n![{image['alt']}]({image['src']})\n\n"
            f"| | |\n|---|---|\n{rows}\n\n{body}"
        )
        (pages / path.name).write_text(text, encoding="utf-8")
