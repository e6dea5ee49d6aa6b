"""Atom and JSON Feed 1.1 for all news and for each news category: the newest FEED_ENTRIES
items, newest first, times in WIB (+07:00), absolute URLs, cover images. Only published items
reach here (the index already dropped drafts, scheduled and expired ones)."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from .formatting import iso_wib
from .model import NewsItem
from .structured_data import changed
from .urls import NEWS, absolute_url, item_path, news_category
from .urls import feed as feed_path

# Characters XML 1.0 forbids (control characters pasted from Word): a feed reader would
# reject the whole feed for one of them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
URL_ATTRIBUTE = re.compile(r'\b(href|src|srcset)="([^"]*)"')
EPOCH = "1970-01-01T07:00:00+07:00"  # `updated` of a feed with no entries yet
# Feed readers fetch a feed again and again, so it holds the newest items with their full text,
# not the archive (every item of a 10,000-article site made a 48 MB feed).
FEED_ENTRIES = 50


def absolute_links(html: str, page_url: str) -> str:
    """Body HTML with page-relative links made absolute, as feed readers need (each
    candidate of a srcset too)."""

    def absolute(match: re.Match) -> str:
        attr, value = match[1], match[2]
        if attr != "srcset":
            return f'{attr}="{urljoin(page_url, value)}"'
        candidates = (c.split() for c in value.split(",") if c.strip())
        joined = ", ".join(" ".join([urljoin(page_url, url), *rest]) for url, *rest in candidates)
        return f'{attr}="{joined}"'

    return URL_ATTRIBUTE.sub(absolute, html)


def feed_files(index, settings, bodies: dict, images: dict) -> dict[str, str]:
    """Site path -> text of every feed. `bodies`: news path -> body HTML as rendered on its
    page (needed for the items of `feed_paths`); `images`: item path -> absolute image URL."""
    files = {}
    for base, title, items in _feeds(index, settings):
        entries = [
            _entry(item, settings, bodies.get(item.path, ""), images.get(item.path))
            for item in items
        ]
        files[feed_path(base, "xml")] = atom(base, title, entries, settings)
        files[feed_path(base, "json")] = json_feed(base, title, entries, settings)
    return files


def feed_paths(index) -> set[str]:
    """The news items some feed shows (their bodies are kept for the feeds)."""
    return {item.path for _, items in _newest(index) for item in items}


def _feeds(index, settings) -> list[tuple[str, str, list[NewsItem]]]:
    """(folder, title, newest items) of the feed of all news and of each category's feed."""
    site = settings.site_name
    return [
        (NEWS, f"Berita {site}", items)
        if slug is None
        else (news_category(slug), f"Berita {settings.news_categories[slug]} — {site}", items)
        for slug, items in _newest(index)
    ]


def _newest(index) -> list[tuple[str | None, list[NewsItem]]]:
    """(category, or None for all news; its newest FEED_ENTRIES items) of every feed."""
    return [(None, index.news[:FEED_ENTRIES])] + [
        (slug, items[:FEED_ENTRIES]) for slug, items in index.news_by_category.items()
    ]


def _entry(item: NewsItem, settings, body: str, image: str | None) -> dict:
    url = absolute_url(settings.site_url, item_path(item))
    return {
        "url": url,
        "title": item.title,
        "summary": item.description,
        "html": absolute_links(body, url),
        "image": image,
        "published": iso_wib(item.date),
        "updated": iso_wib(changed(item)),
        "authors": list(item.authors) or [settings.site_name],
        "categories": [(c, settings.news_categories[c]) for c in item.categories],
        "tags": list(item.tags),
    }


def atom(base: str, title: str, entries: list[dict], settings) -> str:
    page, self_url = (
        absolute_url(settings.site_url, base),
        absolute_url(settings.site_url, feed_path(base, "xml")),
    )
    updated = max((e["updated"] for e in entries), default=EPOCH)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:media="http://search.yahoo.com/mrss/" xml:lang="id">',
        f"  <id>{escape(page)}</id>",
        f"  <title>{escape(title)}</title>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(page)}/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(settings.site_name)}</name>"
        f"<uri>{escape(absolute_url(settings.site_url, ''))}</uri></author>",
        "  <generator>Kriya</generator>",
    ]
    for e in entries:
        out += [
            "  <entry>",
            f"    <id>{escape(e['url'])}</id>",
            f'    <title type="text">{escape(e["title"])}</title>',
            f'    <link rel="alternate" type="text/html" href={quoteattr(e["url"])}/>',
            f"    <published>{e['published']}</published>",
            f"    <updated>{e['updated']}</updated>",
        ]
        out += [f"    <author><name>{escape(name)}</name></author>" for name in e["authors"]]
        out += [
            f"    <category term={quoteattr(slug)} label={quoteattr(label)}/>"
            for slug, label in e["categories"]
        ]
        out += [f"    <category term={quoteattr(tag)}/>" for tag in e["tags"]]
        if e["image"]:
            out += [
                f'    <link rel="enclosure" type="{_image_type(e["image"])}" '
                f"href={quoteattr(e['image'])}/>",
                f"    <media:thumbnail url={quoteattr(e['image'])}/>",
            ]
        out += [
            f'    <summary type="text">{escape(e["summary"])}</summary>',
            f'    <content type="html">{escape(e["html"])}</content>',
            "  </entry>",
        ]
    out.append("</feed>")
    return NOT_XML.sub("", "\n".join(out)) + "\n"


def json_feed(base: str, title: str, entries: list[dict], settings) -> str:
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": absolute_url(settings.site_url, base),
        "feed_url": absolute_url(settings.site_url, feed_path(base, "json")),
        "language": "id",
        "authors": [{"name": settings.site_name, "url": absolute_url(settings.site_url, "")}],
        "items": [],
    }
    for e in entries:
        item = {
            "id": e["url"],
            "url": e["url"],
            "title": e["title"],
            "summary": e["summary"],
            "content_html": e["html"],
            "date_published": e["published"],
            "date_modified": e["updated"],
            "authors": [{"name": name} for name in e["authors"]],
            "tags": [label for _, label in e["categories"]] + e["tags"],
        }
        if e["image"]:
            item["image"] = e["image"]
        feed["items"].append(item)
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def _image_type(url: str) -> str:
    ext = url.rsplit(".", 1)[-1].lower()
    return {"png": "image/png", "webp": "image/webp", "gif": "image/gif"}.get(ext, "image/jpeg")
