"""Search index of a built site: Pagefind over the published pages, then the site's own
vocabulary for the browser's spelling correction. Works on a folder of HTML, so it runs on
the staging folder before the swap into site/, and knows nothing of MkDocs.

Only elements marked `data-pagefind-body` (news articles and product pages, also the English
ones under en/catalog/) are indexed, each page in its language's index (its `<html lang>`);
drafts and future items never reach the HTML, so they cannot reach the index either.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from .search_lists import FOLDER as LISTS
from .search_lists import FREQUENT_PAGES, LISTED_PAGES, IndexedPage, top_lists, write_lists
from .search_morphology import shard_extras
from .search_pack import pack, serial_map
from .urls import EN_CATALOG, ENGLISH, LISTINGS, SECTIONS

BUNDLE = "pagefind"  # folder of the search bundle inside the site
# Only article and product pages carry data-pagefind-body: reading the listings too would cost
# time and memory for nothing.
PAGE_FOLDERS = tuple(folder.rstrip("/") for folder in (*SECTIONS.values(), EN_CATALOG))
# Pagefind holds about 180 KB a page until it writes (measured: 553 MiB for 3,000 pages,
# 3.3 GB for 19,800), so larger sites are indexed in shards of at most this many pages.
SHARD_PAGES = 3000
VOCABULARY = "kriya-kata"  # vocabulary shards inside the bundle: <first letter>.json
_FRAGMENT_MAGIC = b"pagefind_dcd"
# Result cards in the ranked lists: the meta fields search.js shows, and an excerpt as long as
# the one it asks Pagefind for.
CARD_META = ("title", "jenis", "ringkasan", "gambar", "harga", "tanggal")
EXCERPT_WORDS = 22
_WORD = re.compile(r"[a-z0-9]+")
# Pagefind's UI kits; Kriya has its own search interface, so they are not published.
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",
)


class SearchIndexError(RuntimeError):
    pass


def index_site(site: Path, frequent_pages: int = FREQUENT_PAGES, share=serial_map) -> dict:
    """Index `site` with Pagefind, then write the vocabulary and the ranked lists
    (search_lists: of words on LISTED_PAGES pages, only the best pages from `frequent_pages`
    pages on); returns counts for the report. `share(step, function, items, chunksize)`
    maps `function` over `items`, possibly on several processes."""
    bundle = site / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    if not indexable_pages(site):  # a new site: Pagefind refuses to make an empty index
        bundle.mkdir()
        (bundle / "pagefind.js").write_text(EMPTY_INDEX, encoding="utf-8")
        return {"pages": 0, "words": 0}
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site.parent) as work:
        # short fragment names, small index chunks: a lighter first search
        pack(run_pagefind(site, Path(work)), bundle, share)
    for name in _UNUSED:
        (bundle / name).unlink(missing_ok=True)
    # The vocabulary, word forms and ranked lists serve the Indonesian search: English pages
    # have an index of their own (Pagefind's per language), searched plainly.
    pages = [page for page in indexed_pages(bundle, share) if not _english(page)]
    if not pages:
        raise SearchIndexError("Pagefind tidak menemukan halaman berita atau produk.")
    vocabulary = count_words(page.text for page in pages)
    listed = min(LISTED_PAGES, frequent_pages)
    lists = top_lists(pages, vocabulary, listed, frequent_pages)
    write_vocabulary(
        vocabulary, bundle / VOCABULARY, len(pages), (listed, frequent_pages) if lists else None
    )
    write_lists(lists, bundle / LISTS)
    return {"pages": len(pages), "words": len(vocabulary)}


# What search.js imports as Pagefind on a site with nothing published yet: every search
# finds nothing (a missing file would look like a network failure).
EMPTY_INDEX = """// Kriya: nothing is published yet, so there is no search index.
export async function options() {}
export async function init() {}
export async function search() { return { results: [] }; }
export async function filters() { return {}; }
"""


def indexable_pages(site: Path) -> list[Path]:
    """The article and product pages of a built site (relative paths, sorted): not the
    listing folders beside them (katalog/cetak/, the print catalog, is one)."""
    listings = {folder for folders in LISTINGS.values() for folder in folders}
    return sorted(
        p.relative_to(site)
        for folder in PAGE_FOLDERS
        for p in site.glob(f"{folder}/*/index.html")
        if p.parent.name not in listings
    )


def run_pagefind(site: Path, work: Path) -> list[Path]:
    """Pagefind's bundles of the site's article and product pages, one per shard of at most
    SHARD_PAGES pages, one after the other; a shard is a folder of hard links to its pages.
    While Pagefind indexes one shard, the next shard's links are made and the last one's
    removed (Pagefind leaves part of the second core idle)."""
    pages = indexable_pages(site)
    count = max(1, math.ceil(len(pages) / SHARD_PAGES))
    size = math.ceil(len(pages) / count)
    sources = [site] if count == 1 else [work / f"halaman-{n}" for n in range(count)]
    bundles = [work / f"pagefind-{n}" for n in range(count)]
    if count > 1:
        _link_shard(site, pages[:size], sources[0])
    for number, (source, bundle) in enumerate(zip(sources, bundles)):
        running = subprocess.Popen(
            pagefind_command(source, bundle),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            if number + 1 < count:
                _link_shard(
                    site, pages[(number + 1) * size : (number + 2) * size], sources[number + 1]
                )
            if number > 0:
                shutil.rmtree(sources[number - 1])
        finally:
            output = running.communicate()[0]
        if running.returncode != 0:
            raise SearchIndexError(output.strip())
    if count > 1:
        shutil.rmtree(sources[-1])
    return bundles


def _link_shard(site: Path, pages: list[Path], source: Path) -> None:
    for page in pages:
        (source / page).parent.mkdir(parents=True, exist_ok=True)
        _link(site / page, source / page)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)


def pagefind_command(site: Path, output: Path) -> list[str]:
    """The Pagefind CLI (from its PyPI package) indexing `site` into `output`."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--quiet",
        "--glob",
        "{" + ",".join(PAGE_FOLDERS) + "}/*/index.html",
    ]


def _english(page: IndexedPage) -> bool:
    return str((page.card or {}).get("u", "")).lstrip("/").startswith(ENGLISH)


def indexed_pages(bundle: Path, share=serial_map) -> list[IndexedPage]:
    """The searchable words of every indexed page (title and content), read back from
    Pagefind's compressed fragments: exactly what a visitor can find."""
    paths = sorted((bundle / "fragment").glob("*.pf_fragment"))
    return share("fragments", _indexed_page, paths, chunksize=100)


def _indexed_page(path: Path) -> IndexedPage:
    fragment = read_fragment(path)
    meta = fragment.get("meta", {})
    title, content = meta.get("title", ""), fragment.get("content", "")
    card = {"u": fragment.get("url", ""), "m": {k: meta[k] for k in CARD_META if k in meta}}
    if "ringkasan" not in meta:  # the summary is the excerpt a result shows; else the text's start
        card["x"] = " ".join(content.split()[:EXCERPT_WORDS])
    return IndexedPage(path.stem, words(title), words(title + " " + content), card)


def read_fragment(path: Path) -> dict:
    data = gzip.decompress(path.read_bytes())
    return json.loads(data.removeprefix(_FRAGMENT_MAGIC))


def words(text: str) -> list[str]:
    """Lower-case words without diacritics, as the browser code splits a query."""
    plain = text.casefold()
    if not plain.isascii():  # most Indonesian text is plain ASCII: skip the slow path
        plain = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _WORD.findall(plain)


def count_words(pages_words) -> Counter:
    """Word -> number of pages using it; words shorter than three letters are left out.
    Words are counted in sorted order, so the counter's order (which the word forms written
    beside the vocabulary follow) does not depend on the order of a set."""
    counts: Counter = Counter()
    for page_words in pages_words:
        counts.update(sorted({w for w in page_words if len(w) >= 3}))
    return counts


def write_vocabulary(
    counts: Counter, folder: Path, pages: int, lists: tuple[int, int] | None = None
) -> None:
    """One small file per first letter, loaded by the browser only when a query word needs
    correcting or a variant needs checking: {"p": pages indexed, "w": [sorted words],
    "n": [page counts]}, and when ranked lists exist, the page counts from which a word has
    one ("l") and from which it lists only its best pages ("f"; see search_lists); word forms
    and translations ("r", "a", "g"; see search_morphology)."""
    folder.mkdir(parents=True, exist_ok=True)
    shards: dict[str, list[str]] = {}
    for word in sorted(counts):
        shards.setdefault(word[0], []).append(word)
    extras = shard_extras(counts)
    for letter in sorted(set(shards) | set(extras)):
        shard = shards.get(letter, [])
        body: dict = {"p": pages, "w": shard, "n": [counts[w] for w in shard]}
        if lists is not None:
            body["l"], body["f"] = lists
        body.update({key: value for key, value in extras.get(letter, {}).items() if value})
        (folder / f"{letter}.json").write_text(
            json.dumps(body, separators=(",", ":")), encoding="utf-8"
        )
