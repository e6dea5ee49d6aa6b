"""Search index of a built site: Pagefind over the published pages, then the site's own
vocabulary for the browser's spelling correction. Works on a folder of HTML, so it runs on
the staging folder before the swap into site/, and knows nothing of MkDocs.

Only elements marked `data-pagefind-body` (news articles and product pages, also the English
ones under en/catalog/) are indexed, each page in its language's index (its `<html lang>`);
drafts and future items never reach the HTML, so they cannot reach the index either.

Pages are indexed in shards of about SHARD_PAGES, each page in the shard a hash of its path
picks, so a shard keeps its pages while others come and go. Each shard's bundle is read once
for merging (search_pack.read_bundle: pages renumbered, word index decoded) together with
its pages' words for the vocabulary; that reading is what a cache keeps, under a digest of
the shard's pages, so an incremental build indexes again only the shards whose pages
changed, and of those only the changed pages when the shard's last reading is kept
(search_pack.compose: Pagefind reads each page alone), and merges the same data a full build
merges: the same bundle, byte for byte. The merged index's page lists are kept too, so that an
edit patches them rather than joining every word's pages again (search_pack.Lists).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from . import search_lists, search_morphology, search_pack
from .cache_files import CacheFolder, digest_text, link_or_copy
from .search_lists import FOLDER as LISTS
from .search_lists import FREQUENT_PAGES, LISTED_PAGES, ListedPage, top_lists, weights, write_lists
from .search_morphology import roots, settle_nasal_roots, shard_extras, split_stems
from .search_pack import (
    Bundle,
    bundle_from,
    compose,
    fragment_data,
    pack,
    read_bundle,
    serial_map,
)
from .urls import EN_CATALOG, ENGLISH, LISTINGS, SECTIONS

BUNDLE = "pagefind"  # folder of the search bundle inside the site
# Only article and product pages carry data-pagefind-body: reading the listings too would cost
# time and memory for nothing.
PAGE_FOLDERS = tuple(folder.rstrip("/") for folder in (*SECTIONS.values(), EN_CATALOG))
# Pagefind holds about 180 KB a page until it writes (measured: 553 MiB for 3,000 pages,
# 3.3 GB for 19,800), so sites are indexed in shards of about this many pages; the fewer a
# shard holds, the less a changed page costs (0.1 s a run, then 1.4 ms a page, from 1,000
# pages on as fast as in larger shards).
SHARD_PAGES = 1000
VOCABULARY = "kriya-kata"  # vocabulary shards inside the bundle: <first letter>.json
SPLIT_STEMS = "kriya-pisah"  # <Pagefind stem>.json: the pages of each root (split_stems)
DERIVED = "kriya-bentuk"  # <word>.json: the pages with a derived word itself (write_derived)
NAMED = "kriya-nama"  # <word>.json: the products named for the word, or in its category
TO_ENGLISH = "kriya-en.json"  # Indonesian word -> English words of the English pages
# Result cards in the ranked lists: the meta fields search.js shows, and an excerpt as long as
# the one it asks Pagefind for.
CARD_META = ("title", "jenis", "ringkasan", "gambar", "harga", "tanggal")
EXCERPT_WORDS = 22
_WORD = re.compile(r"[a-z0-9]+")
_ITEM = array("I").itemsize  # bytes per number in the postings kept per shard
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


CACHE_NOTE = "Sebagian cache indeks pencarian rusak; bagian itu dibuat ulang dari awal."


def index_site(
    site: Path,
    frequent_pages: int = FREQUENT_PAGES,
    share=serial_map,
    cache: Path | None = None,
    digests: Mapping[str, str] = {},
    alongside: Callable[[Callable[[], Any]], Callable[[], Any]] | None = None,
    ahead: Mapping[str, Any] = {},
) -> dict:
    """Index `site` with Pagefind, then write the vocabulary and the ranked lists
    (search_lists: of words on LISTED_PAGES pages, only the best pages from `frequent_pages`
    pages on); returns counts for the report. `share(step, function, items, chunksize)`
    maps `function` over `items`, possibly on several processes.

    `cache`: a folder of the search index's own (missing, empty, from an older build or
    damaged). Each shard's Pagefind bundle, read for merging, is kept there under a digest
    of what indexing it reads, so a shard whose pages are unchanged is not indexed again;
    only the last run's entries are kept. The bundle is the same, byte for byte, without.
    `digests`: site path -> a digest that changes whenever the page's bytes do (what the
    build made it from): a shard's key then reads none of those pages. `alongside(function)`
    starts `function` (the vocabulary and the ranked lists, while the index is written) and
    returns what waits for its result, e.g. kriya.speed.workers.start_forked. `ahead`: cache
    entries read already (`read_ahead`)."""
    alongside = alongside or _at_once
    bundle = site / BUNDLE
    _clear(bundle)
    store = CacheFolder(cache, CACHE_NOTE)
    pages = indexable_pages(site)
    if not pages:  # a new site: Pagefind refuses to make an empty index
        shutil.rmtree(bundle, ignore_errors=True)
        bundle.mkdir()
        (bundle / "pagefind.js").write_text(EMPTY_INDEX, encoding="utf-8")
        store.finish()
        return {"pages": 0, "words": 0}
    shards, last_run = indexed_shards(site, shards_of(pages), store, share, digests, ahead)
    waiting = []

    def numbered(names: dict) -> None:  # the vocabulary needs only the pages' names
        work = functools.partial(write_vocabulary_and_lists, shards, names, bundle, frequent_pages)
        waiting.append(alongside(work))

    keep = lists = None
    if store.folder:
        last, entries = _last_lists(store, ahead)
        lists = search_pack.Lists(
            store,
            last,
            {
                _address(path): digest
                for _, each in last_run["shards"]
                for path, digest in each.items()
            },
            entries,
        )
        kept = store.folder / FRAGMENT_FILES
        try:
            kept.mkdir(parents=True, exist_ok=True)
            keep = search_pack.KeptFragments(kept, set(os.listdir(kept)))
        except OSError:
            store.damaged()
    # short fragment names, small index chunks: a lighter first search
    pack([shard.bundle for shard in shards], bundle, share, numbered, keep, lists)
    if lists:
        store.write(WORD_LISTS, {"code": _code_key(), "languages": lists.kept})
    found = waiting[0]()
    if keep:
        wanted = set(keep.files.values())
        for name in keep.there - wanted:
            os.unlink(keep.folder / name)
        store.used.add(FRAGMENT_FILES)
        store.write(LAST_RUN, {**last_run, "fragments": keep.files})
    store.finish()
    return found


def kept_fragments(cache: Path | None) -> list[tuple[str, str]]:
    """(kept file, site path) of each fragment file of the last good build's bundle: most are
    the next build's too, so they can be linked into its site folder before its index is made
    (then each is checked: see search_pack.KeptFragments)."""
    if cache is None:
        return []
    data = _last_record(CacheFolder(cache, ""))
    try:
        folder = os.path.join(cache, FRAGMENT_FILES)
        return [
            (os.path.join(folder, digest), KEPT + name)
            for name, digest in data["fragments"].items()
        ]
    except (KeyError, TypeError, AttributeError):
        return []


def _last_record(store: CacheFolder) -> dict:
    """The LAST_RUN entry of `store`, {} when there is none or other code made it (it may not
    be what this code would make)."""
    data = store.read(LAST_RUN)
    try:
        return data if data["code"] == _code_key() else {}
    except (KeyError, TypeError):
        return {}


def _address(path: str) -> str:
    """The address Pagefind gives the page at site path `path`."""
    return "/" + path.removesuffix("index.html")


def _last_lists(store: CacheFolder, ahead: Mapping[str, Any]) -> tuple[dict, dict]:
    """The word index's page lists the last run kept (see search_pack.Lists): by language,
    and the entries they are in (read here if not ahead: the workers read none); ({}, {})
    when there are none or other code made them."""
    data = ahead.get(WORD_LISTS)
    if data is None:
        data = store.read(WORD_LISTS)
    try:
        if data["code"] != _code_key():
            return {}, {}
        languages = dict(data["languages"])
        names = [name for each in languages.values() for _, _, name in each["chunks"]]
    except (KeyError, TypeError, ValueError):
        return {}, {}
    entries = {name: ahead.get(name) for name in names}
    entries.update((name, store.read(name)) for name, found in entries.items() if found is None)
    return languages, {name: found for name, found in entries.items() if found is not None}


def _at_once(function: Callable[[], Any]) -> Callable[[], Any]:
    """An `alongside` of one process: `function` runs now; its result is waited for."""
    result = function()
    return lambda: result


# What a recycled site folder keeps of its search bundle (see search_pack.FRAGMENTS).
KEPT = f"{BUNDLE}/{search_pack.FRAGMENTS}/"


def _clear(bundle: Path) -> None:
    """Remove what is in `bundle` but its fragment files (see search_pack.FRAGMENTS)."""
    if bundle.is_symlink() or not bundle.is_dir():
        bundle.unlink(missing_ok=True)
        return
    for entry in bundle.iterdir():
        if entry.name == search_pack.FRAGMENTS and entry.is_dir() and not entry.is_symlink():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def indexed_shards(
    site: Path,
    shards: list[list[Path]],
    store: CacheFolder,
    share,
    digests: Mapping[str, str],
    ahead: Mapping[str, Any] = {},
) -> tuple[list, dict]:
    """Each shard of pages indexed and read for merging: from the cache when it holds the
    shard's key; else, when the cache holds the shard as the last build left it, that one
    with the pages that changed since read again by Pagefind on their own (`compose`); else
    by Pagefind on the whole shard. What is made is kept in the cache. Also what the next
    run needs to know of this one (LAST_RUN)."""
    # without a cache, no page needs to be read for a key
    pages = [_page_digests(site, shard, digests) if store.folder else {} for shard in shards]
    keys = [_digest_of(each) for each in pages] if store.folder else [""] * len(shards)
    found = [_cached_shard(store, key, ahead) for key in keys]
    last = _last_run(store, len(shards))
    jobs: list[tuple[int, list[Path], tuple | None]] = []  # (shard, pages to index, earlier)
    for n, shard in enumerate(found):
        if shard is None:
            earlier = _earlier(site, store, last, n, shards[n], pages[n], ahead)
            jobs.append((n, earlier[0] if earlier else shards[n], earlier))
    again = []  # shards whose composing failed

    def keep(n: int, shard: Shard) -> None:
        found[n] = shard
        if store.folder:
            store.write(keys[n], shard.as_data())

    def read(job: tuple, source: Path | None) -> None:
        n, _, earlier = job
        bundle = read_bundle(source, share, skip=_UNUSED) if source else None
        if earlier:
            composed = compose(earlier[1].bundle, earlier[2], bundle)
            if composed is None:
                again.append(n)
                return
            bundle = composed
        assert bundle is not None
        keep(n, shard_of_bundle(bundle, share))

    for job in jobs:
        if not job[1]:  # pages only removed: nothing to index
            read(job, None)
    indexed = [job for job in jobs if job[1]]
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site.parent) as work:
        pages_of = [job[1] for job in indexed]
        run_pagefind(site, pages_of, Path(work), lambda i, source: read(indexed[i], source))
        whole = [(n, shards[n], None) for n in again]  # composing failed: the whole shard
        pages_of = [job[1] for job in whole]
        run_pagefind(site, pages_of, Path(work) / "again", lambda i, source: read(whole[i], source))
    return found, {"code": _code_key(), "shards": [[key, each] for key, each in zip(keys, pages)]}


# The cache entry naming the shards of the last run (shard key and its pages' digests) and
# the digests of its fragment files, kept in FRAGMENT_FILES.
LAST_RUN = "terakhir"
FRAGMENT_FILES = "fragmen"
# The entry of the word index's page lists of the last run (see search_pack.Lists).
WORD_LISTS = "daftar-halaman"
# A shard of which more than this share changed is indexed again whole.
COMPOSED_SHARE = 0.25


def _last_run(store: CacheFolder, count: int) -> list | None:
    try:
        shards = _last_record(store).get("shards")
        if shards is not None and len(shards) == count:  # else the pages moved
            return [(str(key), dict(each)) for key, each in shards]
    except (KeyError, TypeError, ValueError):
        store.damaged()
    return None


def _earlier(
    site: Path,
    store: CacheFolder,
    last: list | None,
    n: int,
    pages: list[Path],
    now: dict,
    ahead: Mapping[str, Any],
) -> tuple | None:
    """(pages to index, the shard as the last run left it, addresses of its pages that are
    gone or changed) when shard `n` can be composed (see `indexed_shards`), else None."""
    if last is None:
        return None
    key, before = last[n]
    changed = [page for page in pages if before.get(page.as_posix()) != now[page.as_posix()]]
    gone = [path for path, digest in before.items() if now.get(path) != digest]
    if len(changed) > COMPOSED_SHARE * len(pages) or len(gone) > COMPOSED_SHARE * len(before):
        return None
    # Pagefind indexes only the marked part of a page when any page has one: a page without
    # would be indexed whole on its own
    if any(b"data-pagefind-body" not in (site / page).read_bytes() for page in changed):
        return None
    old = _cached_shard(store, key, ahead)
    if old is None:
        return None
    store.used.discard(key)  # not kept after this run
    addresses = {_address(path) for path in gone}
    if not addresses <= {url for part in old.bundle.parts.values() for url in part.urls}:
        return None
    return changed, old, addresses


def write_vocabulary_and_lists(
    shards: list[Shard], names: dict, bundle: Path, frequent_pages: int
) -> dict:
    """The vocabulary, word forms and ranked lists of the merged bundle: they serve the
    Indonesian search (English pages have an index of their own, Pagefind's per language,
    searched plainly). `names`: as `pack` returns them. Counts for the report."""
    pages: list[ListedPage] = []
    starts = []
    for number, shard in enumerate(shards):
        starts.append(len(pages))
        pages += [
            ListedPage(names[number, language][rank], length, card, tuple(categories))
            for language, rank, length, card, categories in shard.pages
        ]
    if not pages:
        raise SearchIndexError("Pagefind tidak menemukan halaman berita atau produk.")
    vocabulary: Counter = Counter()
    for shard in shards:
        for word, (indexes_data, _) in shard.postings.items():
            vocabulary[word] += len(indexes_data) // _ITEM
    listed = min(LISTED_PAGES, frequent_pages)
    postings: dict[str, tuple[list[int], list[int]]] = {
        word: ([], []) for word, n in vocabulary.items() if n >= listed
    }
    for start, shard in zip(starts, shards):
        for word in postings.keys() & shard.postings.keys():
            indexes, weights_of = postings[word]
            shard_pages, shard_weights = (array("I", data) for data in shard.postings[word])
            indexes += [start + i for i in shard_pages]
            weights_of += shard_weights
    lists = top_lists(pages, postings, vocabulary, listed, frequent_pages)
    word_roots = roots(vocabulary)
    pages_of = _pages_using(shards, starts, [_page_number(page.name) for page in pages])
    settled = settle_nasal_roots(word_roots, pages_of)
    word_roots.update(settled)
    split = split_stems(word_roots, settled)
    extras = shard_extras(vocabulary, word_roots, split)
    named = named_for(pages)
    for word in sorted(named):
        extras[word[0]].setdefault("h", []).append(word)
    derived = search_morphology.derived_words(vocabulary)
    for word in sorted(derived):
        extras[word[0]].setdefault("d", []).append(word)
    write_vocabulary(
        vocabulary,
        bundle / VOCABULARY,
        len(pages),
        (listed, frequent_pages) if lists else None,
        extras,
    )
    write_split_stems(split, pages_of, bundle / SPLIT_STEMS)
    write_derived(derived, pages_of, bundle / DERIVED)
    write_named(named, bundle / NAMED)
    english = search_morphology.to_english(set().union(*(shard.english for shard in shards)))
    (bundle / TO_ENGLISH).write_text(json.dumps(english, sort_keys=True), encoding="utf-8")
    write_lists(lists, bundle / LISTS)
    return {"pages": len(pages), "words": len(vocabulary)}


def _pages_using(
    shards: list[Shard], starts: list[int], numbers: list[int]
) -> Callable[[str], set[int]]:
    """word -> the numbers of the pages using it (their fragment numbers, `_page_number`;
    `numbers`: of each page of the merged list), read when asked."""

    @functools.cache
    def pages_of(word: str) -> set[int]:
        found: set[int] = set()
        for start, shard in zip(starts, shards):
            if word in shard.postings:
                found.update(numbers[start + i] for i in array("I", shard.postings[word][0]))
        return found

    return pages_of


def _pages_of_words(pages_of: Callable[[str], set[int]], words: Iterable[str]) -> set[int]:
    """The numbers of the pages using any of `words` (`pages_of`: `_pages_using`)."""
    return set().union(*(pages_of(word) for word in words))


def write_split_stems(
    split: dict[str, dict[str, list[str]]],
    pages_of: Callable[[str], set[int]],
    folder: Path,
) -> None:
    """For each stem of `split` (search_morphology.split_stems), the file {root: the pages
    with a word of that root, or of no known root, as a bitmap of page numbers in base64}.
    search.js keeps, of Pagefind's pages for a word of such a stem, those of its root.
    `pages_of(word)`: the numbers of the pages using a word (`_pages_using`)."""
    if not split:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for stem, words_by_root in sorted(split.items()):
        found = {root: _pages_of_words(pages_of, words) for root, words in words_by_root.items()}
        anywhere = found.pop("", set())
        bitmaps = {root: _bitmap(numbers | anywhere) for root, numbers in sorted(found.items())}
        (folder / f"{stem}.json").write_text(
            json.dumps(bitmaps, separators=(",", ":")), encoding="utf-8"
        )


def write_derived(
    derived: dict[str, list[str]],
    pages_of: Callable[[str], set[int]],
    folder: Path,
) -> None:
    """For each derived word (search_morphology.derived_words), the file {"p": the pages
    with the word itself (or with a particle: pewarnaannya), "q": the other pages with a
    derived word of its stem (pewarna, mewarnai), both as `_bitmap`, "s": the other site
    words of its stem}. For a query of the word, search.js ranks the "p" pages first, the
    "q" pages with them at a form's weight, and the stem's other pages ("warna") after."""
    if not derived:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for word, others in sorted(derived.items()):
        said = search_morphology.with_particles(word)
        own = _pages_of_words(pages_of, [word, *(other for other in others if other in said)])
        kin = _pages_of_words(pages_of, (other for other in others if other in derived)) - own
        body = {"p": _bitmap(own), "q": _bitmap(kin), "s": others}
        (folder / f"{word}.json").write_text(
            json.dumps(body, separators=(",", ":")), encoding="utf-8"
        )


def named_for(pages: list[ListedPage]) -> dict[str, dict[str, set[int]]]:
    """word -> {"n": the page numbers of the products whose name starts with it, "k": of the
    products in the category whose label has it}. An Indonesian name puts the head noun first:
    Kopi Bubuk Robusta is coffee, Sabun Kopi is soap; and a songket is a Tenun product though
    its page may say "tenun" once. A label word that is in another label too ("kerajinan" of
    Kerajinan Kayu and Kerajinan Kulit) names no category."""
    products = [(page, page.card["m"]) for page in pages if page.card]
    products = [(page, meta) for page, meta in products if meta.get("jenis") == "produk"]
    labels = {label for page, _ in products for label in page.categories}
    in_labels = Counter(word for label in labels for word in set(words(label)))
    found: dict[str, dict[str, set[int]]] = {}

    def add(word: str, key: str, page: ListedPage) -> None:
        if word.isascii() and word.isalnum():  # (it names a file)
            found.setdefault(word, {}).setdefault(key, set()).add(_page_number(page.name))

    for page, meta in products:
        for first in words(meta.get("title", ""))[:1]:
            add(first, "n", page)
        for label in page.categories:
            for word in words(label):
                if in_labels[word] == 1:
                    add(word, "k", page)
    return found


def write_named(named: dict[str, dict[str, set[int]]], folder: Path) -> None:
    """`named_for`'s pages of each word, {"n": bitmap, "k": bitmap} (`_bitmap`), fetched only
    for a query about that word (the vocabulary shards list the words, "h")."""
    folder.mkdir(parents=True, exist_ok=True)
    for word, kinds in named.items():
        bitmaps = {key: _bitmap(numbers) for key, numbers in sorted(kinds.items())}
        (folder / f"{word}.json").write_text(json.dumps(bitmaps), encoding="utf-8")


def _bitmap(numbers: set[int]) -> str:
    """Page numbers as bits (page n: byte n // 8, bit n % 8), trailing zero bytes left off,
    in base64; search.js's `bitmap` reads them."""
    bits = bytearray(max(numbers, default=0) // 8 + 1)
    for number in numbers:
        bits[number >> 3] |= 1 << (number & 7)
    return base64.b64encode(bytes(bits).rstrip(b"\0")).decode("ascii")


def _page_number(name: str) -> int:
    """A page's number in its language's index, from its fragment name ([language_]base 36)."""
    return int(name.rpartition("_")[2], 36)


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
    found = []
    for folder in PAGE_FOLDERS:
        try:
            entries = list(os.scandir(site / folder))  # 5x faster than glob at 20,000 pages
        except (FileNotFoundError, NotADirectoryError):
            continue
        found += [
            (folder, entry.name)
            for entry in entries
            if entry.name not in listings
            and entry.is_dir()
            and os.path.isfile(os.path.join(entry.path, "index.html"))
        ]
    return [Path(folder, name, "index.html") for folder, name in sorted(found)]


def shards_of(pages: list[Path]) -> list[list[Path]]:
    """`pages` in shards of about SHARD_PAGES, each page in the shard its path's hash picks
    (`shard_number`): a page stays in its shard while others are added, removed or renamed.
    (All move only when the number of shards changes, once every SHARD_PAGES pages more or
    fewer.) Sorted pages give sorted shards; empty shards are left out."""
    count = max(1, math.ceil(len(pages) / SHARD_PAGES))
    shards: list[list[Path]] = [[] for _ in range(count)]
    for page in pages:
        shards[shard_number(page, count)].append(page)
    return [shard for shard in shards if shard]


def shard_number(page: Path, count: int) -> int:
    """The shard of `page` among `count`: from a hash of its path, the same everywhere."""
    digest = hashlib.sha256(page.as_posix().encode()).digest()
    return int.from_bytes(digest[:8], "big") % count


def shard_key(site: Path, pages: list[Path], digests: Mapping[str, str] = {}) -> str:
    """Digest of what indexing a shard and reading it for merging depend on: its pages'
    paths and bytes (or the `digests` given for them), the Pagefind version and command, the
    code that reads the bundle and the Python and CBOR library versions it runs on."""
    return _digest_of(_page_digests(site, pages, digests))


def _page_digests(site: Path, pages: list[Path], digests: Mapping[str, str]) -> dict[str, str]:
    """Site path -> "i" and the digest given for it (of what the build made the page from),
    else "b" and the digest of its bytes."""
    found = {}
    for page in pages:
        path = page.as_posix()
        given = digests.get(path)
        found[path] = "i" + given if given else "b" + _bytes_digest(site / page)
    return found


def _digest_of(pages: dict[str, str]) -> str:
    hashed = hashlib.sha256(_code_key().encode())
    for path, digest in pages.items():
        hashed.update(len(path.encode()).to_bytes(8, "big") + path.encode() + digest.encode())
    return hashed.hexdigest()


def _bytes_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def _code_key() -> str:
    versions = []
    for package in ("pagefind", "pagefind_bin", "cbor2"):
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append("-")
    sources = [
        Path(module.__file__).read_bytes()  # type: ignore[arg-type]
        for module in (sys.modules[__name__], search_pack, search_lists, search_morphology)
    ]
    command = " ".join(pagefind_command(Path("IN"), Path("OUT"))[1:])  # not where it is
    return digest_text(*versions, sys.version, sys.byteorder, command, *sources)


def read_ahead(cache: Path) -> dict[str, Any]:
    """The cache entries of the last run's shards and page lists (whole, as stored), read
    while the site is rendered on the other core: most are this run's too (see
    `index_site`)."""
    store = CacheFolder(cache, "")  # a damaged entry is read again, and said, by index_site
    last = _last_record(store)
    try:
        keys = [str(key) for key, _ in last.get("shards", [])]
    except (TypeError, ValueError):
        return {}
    found = {key: store.read(key) for key in [*keys, WORD_LISTS]}
    found.update(_last_lists(store, found)[1])
    return {key: data for key, data in found.items() if data is not None}


def _cached_shard(store: CacheFolder, key: str, ahead: Mapping[str, Any] = {}) -> Shard | None:
    data = ahead.get(key)
    if data is not None:
        store.used.add(key)
    else:
        data = store.read(key)
    if data is None:
        return None
    try:
        return shard_from(data)
    except (KeyError, TypeError, ValueError, AttributeError):  # wrong shape: as damaged
        store.damaged()
        return None


def run_pagefind(site: Path, shards: list[list[Path]], work: Path, done) -> None:
    """Pagefind over each shard (a list of pages) in turn, each in a folder of hard links
    to its pages; `done(number, bundle)` reads each shard's bundle before it is removed.
    While Pagefind indexes one shard, the next one's links are made and the last one's
    bundle is read (Pagefind leaves part of the second core idle)."""
    sources = [work / f"halaman-{n}" for n in range(len(shards))]
    bundles = [work / f"pagefind-{n}" for n in range(len(shards))]

    def finish(number: int) -> None:
        shutil.rmtree(sources[number])
        done(number, bundles[number])
        shutil.rmtree(bundles[number])

    if shards:
        _link_shard(site, shards[0], sources[0])
    for number, (source, bundle) in enumerate(zip(sources, bundles)):
        running = subprocess.Popen(
            pagefind_command(source, bundle),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            if number + 1 < len(shards):
                _link_shard(site, shards[number + 1], sources[number + 1])
            if number > 0:
                finish(number - 1)
        finally:
            output = running.communicate()[0]
        if running.returncode != 0:
            raise SearchIndexError(output.strip())
    if shards:
        finish(len(shards) - 1)


def _link_shard(site: Path, pages: list[Path], source: Path) -> None:
    for page in pages:
        (source / page).parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(site / page, source / page)


@functools.cache
def pagefind_binary() -> str:
    """The Pagefind CLI of its PyPI package (`pagefind_bin`), started without the Python that
    `python -m pagefind` starts first: 44 ms a run, 20 runs at 10,000 + 10,000 items
    (`tools/bench/pagefind_start.py`)."""
    from pagefind_bin import get_executable

    return str(get_executable())


def pagefind_command(site: Path, output: Path) -> list[str]:
    """The Pagefind CLI indexing `site` into `output`."""
    return [
        pagefind_binary(),
        "--site",
        str(site),
        "--output-path",
        str(output),
        "--quiet",
        "--glob",
        "{" + ",".join(PAGE_FOLDERS) + "}/*/index.html",
    ]


@dataclass
class Shard:
    """One shard's Pagefind bundle read for merging, and what the vocabulary and the ranked
    lists need of its pages; plain data, kept in the cache as `as_data` gives it."""

    bundle: Bundle
    pages: list  # [language, rank, word count, card, categories] of each page the vocabulary counts
    postings: dict[str, list[bytes]]  # word -> [page indexes, weights], arrays of "I"
    english: list[str]  # the words of its English pages (not in the vocabulary)

    def as_data(self) -> dict:
        return {
            "bundle": self.bundle.as_data(),
            "pages": self.pages,
            "postings": self.postings,
            "english": self.english,
        }


def shard_from(data: dict) -> Shard:
    return Shard(
        bundle_from(data["bundle"]), list(data["pages"]), dict(data["postings"]), data["english"]
    )


def shard_of_bundle(bundle: Bundle, share=serial_map) -> Shard:
    """A bundle read for merging, with the searchable words of each indexed page (title and
    content, from its fragment: exactly what a visitor can find)."""
    pages: list = []
    found: dict[str, tuple[array, array]] = {}
    english: set[str] = set()
    for language, part in bundle.parts.items():
        read = share("fragments", _page_words, part.fragments, chunksize=100)
        for rank, (card, title, text, categories) in enumerate(read):
            if str(card["u"]).lstrip("/").startswith(ENGLISH):
                english.update(text)
                continue
            for word, weight in weights(title, text).items():
                indexes, values = found.setdefault(word, (array("I"), array("I")))
                indexes.append(len(pages))
                values.append(weight)
            pages.append([language, rank, len(text), card, categories])
    postings = {word: [a.tobytes(), b.tobytes()] for word, (a, b) in sorted(found.items())}
    return Shard(bundle, pages, postings, sorted(english))


def _page_words(fragment: bytes) -> tuple[dict, list[str], list[str], list[str]]:
    """A page's result card, the words of its title and of its title and content, and its
    category labels."""
    page = fragment_data(fragment)
    meta = page.get("meta", {})
    title, content = meta.get("title", ""), page.get("content", "")
    card = {"u": page.get("url", ""), "m": {k: meta[k] for k in CARD_META if k in meta}}
    if "ringkasan" not in meta:  # the summary is the excerpt a result shows; else the text's start
        card["x"] = " ".join(content.split()[:EXCERPT_WORDS])
    categories = list(page.get("filters", {}).get("kategori", []))
    return card, words(title), words(title + " " + content), categories


def read_fragment(path: Path) -> dict:
    return fragment_data(path.read_bytes())


class _Marks(dict):
    """For str.translate: drops combining marks (the accents NFKD splits off), keeps the
    rest; each character is looked up once."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_MARKS = _Marks()


def words(text: str) -> list[str]:
    """Lower-case words without diacritics, as the browser code splits a query."""
    plain = text.casefold()
    if not plain.isascii():  # most Indonesian text is plain ASCII: skip the slow path
        plain = unicodedata.normalize("NFKD", plain).translate(_MARKS)
    return _WORD.findall(plain)


def write_vocabulary(
    counts: Counter,
    folder: Path,
    pages: int,
    lists: tuple[int, int] | None = None,
    extras: dict[str, dict] | None = None,
) -> None:
    """One small file per first letter, loaded by the browser only when a query word needs
    correcting or a variant needs checking: {"p": pages indexed, "w": [sorted words],
    "n": [page counts]}, and when ranked lists exist, the page counts from which a word has
    one ("l") and from which it lists only its best pages ("f"; see search_lists); word forms
    and translations ("r", "a", "g", "x": `extras`, by first letter; see
    search_morphology.shard_extras), the words products are named for ("h", `named_for`) and
    the derived words with a file of their pages ("d", `write_derived`)."""
    folder.mkdir(parents=True, exist_ok=True)
    shards: dict[str, list[str]] = {}
    for word in sorted(counts):
        shards.setdefault(word[0], []).append(word)
    extras = shard_extras(counts) if extras is None else extras
    for letter in sorted(set(shards) | set(extras)):
        shard = shards.get(letter, [])
        body: dict = {"p": pages, "w": shard, "n": [counts[w] for w in shard]}
        if lists is not None:
            body["l"], body["f"] = lists
        body.update({key: value for key, value in extras.get(letter, {}).items() if value})
        (folder / f"{letter}.json").write_text(
            json.dumps(body, separators=(",", ":")), encoding="utf-8"
        )
