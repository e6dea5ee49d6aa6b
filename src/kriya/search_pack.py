"""Merge Pagefind's bundles into one and make it lighter for the first search, without
changing what it finds.

Pagefind keeps every page's words in memory until it writes, about 180 KB a page (3.3 GB for
20,000 pages), so search.py runs it on shards of pages and this module joins their bundles:
each is first read on its own (`read_bundle`: its pages put in order, its word index decoded
and renumbered within the shard, as plain data a cache can keep), then `pack` joins what was
read. It also rewrites what Pagefind 1.5 writes:

- pages are renumbered shard by shard, each shard's pages in order of their word count, and
  their fragments get short sequential names ("0", "1", ... "7ps") instead of 7-character
  hashes, so the page list the browser downloads first compresses to about 1.5 bytes a page
  (8 before). A shard's pages keep one block of numbers, so a word's pages from several shards
  are joined, not re-sorted, and only the first of them in each shard is renumbered then.
  The word index (its spelling variants included), the filters and the sort lists are
  renumbered to match; the meta fields that word positions point at are merged into one
  sorted list;
- the word index is cut into smaller chunks (CHUNK_BYTES of CBOR before compression), named
  by their content, with the same shortest-prefix boundaries Pagefind computes;
- filter values are sorted (Pagefind writes them in hash-map order), so the same site gives
  the same bundle byte for byte;
- Pagefind's scripts and WebAssembly come from every shard (the first shard may have no page
  in a language another one has).

Pagefind's browser code reads everything by name from the metadata, so nothing else changes:
the same pages, words, word positions and filter values, in a smaller bundle.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
from dataclasses import dataclass
from pathlib import Path

import cbor2

ENTRY = "pagefind-entry.json"
CHUNK_BYTES = 12_000  # uncompressed CBOR per index chunk (Pagefind's own are ~10x larger)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
MAGIC = b"pagefind_dcd"  # every Pagefind file starts with it, before the CBOR or JSON


def _base36(number: int) -> str:
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = _DIGITS[digit] + text
        if not number:
            return text


def _dump(value) -> bytes:
    """CBOR as Pagefind writes it: cbor2 keeps map order and gives the same bytes (checked on
    every CBOR file of real Pagefind 1.5.2 bundles)."""
    return cbor2.dumps(value)


def _head(major: int, value: int) -> bytes:
    """The CBOR head of an item of `major` type and length `value` (4: an array), for arrays
    joined here from parts encoded apart."""
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("number too large")


def _load_index(data: bytes):
    """The word index chunk in `data` (a .pf_index file)."""
    return cbor2.loads(gzip.decompress(data).removeprefix(MAGIC))


def read_file(path: Path):
    """A Pagefind CBOR file (meta, index chunk, filter), decoded."""
    return _load_index(path.read_bytes())


def _hashed(folder: Path, language: str, suffix: str, value) -> str:
    """Write `value` under a name made from its content; returns the name (no suffix)."""
    raw = MAGIC + _dump(value)
    name = f"{language}_{hashlib.sha256(raw).hexdigest()[:7]}"
    (folder / f"{name}.{suffix}").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return name


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """Pagefind's chunk boundaries: the shortest prefixes that still tell a from b."""
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return a[: common + 1], b[: common + 1]


def _fields(meta: list) -> list[str]:
    """The meta fields (title, image, ...) that word positions in meta data point at."""
    return meta[5] if len(meta) > 5 else []


def _segment(pages: list, new: list[int], fields: list[int] | None) -> tuple:
    """A word's pages in one shard, renumbered: (how many, first page, the first page's
    positions, the CBOR of the following pages as gaps, last page). `fields`: new number of
    each meta field, None when they keep theirs."""
    if not pages:
        return (0, 0, [], b"", 0)
    number = 0
    for page in pages:
        number += page[0]  # Pagefind stores page numbers as gaps
        page[0] = new[number]
        if fields and len(page) > 2 and page[2]:  # meta positions: -(field + 1), positions
            page[2] = [-(fields[-x - 1] + 1) if x < 0 else x for x in page[2]]
    pages.sort(key=lambda page: page[0])
    first, previous = pages[0][0], pages[0][0]
    for page in pages[1:]:
        page[0], previous = page[0] - previous, page[0]
    tail = _dump(pages[1:])[len(_head(4, len(pages) - 1)) :]  # one encoding, minus its header
    return (len(pages), first, pages[0][1:], tail, previous)


def _segments(job: tuple[list[int], list[int] | None, bytes]) -> list[tuple]:
    """The words of one index chunk: (word, pages segment, [(variant, segment)]).
    `job`: Pagefind's page number -> rank in its shard, meta field -> new number (None: they
    keep theirs), the chunk file's bytes."""
    ranks, fields, data = job
    return [
        (
            word[0],
            _segment(word[1], ranks, fields),
            [
                (variant, _segment(pages, ranks, fields))
                for variant, pages in (word[2] if len(word) > 2 else [])
            ],
        )
        for word in _load_index(data)[0]
    ]


def _joined_pages(segments: list[tuple[int, list]]) -> bytes:
    """CBOR of a word's pages from its shards' (first page number, segment), in shard order."""
    count, parts, previous = 0, [], 0
    for start, (size, first, rest, tail, last) in segments:
        if size:
            parts.append(_dump([start + first - previous, *rest]) + tail)
            count, previous = count + size, start + last
    return _head(4, count) + b"".join(parts)


def _joined_words(shards: list[tuple[int, list]]) -> list[tuple[str, bytes]]:
    """Every word once, in order, as (word, CBOR of [word, pages, variants]), from each
    shard's (first page number, words)."""
    by_word: dict[str, tuple[list, dict]] = {}
    for start, words in shards:
        for word, segment, variants in words:
            segments, variant_segments = by_word.setdefault(word, ([], {}))
            segments.append((start, segment))
            for variant, variant_segment in variants:
                variant_segments.setdefault(variant, []).append((start, variant_segment))
    words = []
    for word in sorted(by_word):
        segments, variants = by_word[word]
        encoded = (
            _head(4, 3)
            + _dump(word)
            + _joined_pages(segments)
            + _head(4, len(variants))
            + b"".join(
                _head(4, 2) + _dump(variant) + _joined_pages(variants[variant])
                for variant in sorted(variants)
            )
        )
        words.append((word, encoded))
    return words


def _write_chunk(job: tuple[Path, bytes]) -> None:
    # level 6: 5x faster than 9 for 3 % more bytes, on tens of MB of index at 10,000 pages
    path, raw = job
    path.write_bytes(gzip.compress(raw, compresslevel=6, mtime=0))


def _chunks(words: list[tuple[str, bytes]], bundle: Path, language: str, share) -> list[list[str]]:
    """Write the word index in chunks of about CHUNK_BYTES; their [from, to, name] list."""
    # A search loads the one chunk whose range holds its word and matches the words starting
    # with it there, so a word and its extensions (rajin, rajinnya) stay in one chunk.
    groups, group, size = [], [], 0
    for position, (text, encoded) in enumerate(words):
        group.append((text, encoded))
        size += len(encoded)
        following = words[position + 1][0] if position + 1 < len(words) else ""
        if size >= CHUNK_BYTES and not following.startswith(text):
            groups.append(group)
            group, size = [], 0
    if group:
        groups.append(group)
    bounds = [[g[0][0], g[-1][0]] for g in groups]
    for left, right in itertools.pairwise(bounds):
        left[1], right[0] = _prefixes(left[1], right[0])
    listed, writes, used = [], [], set()
    for (low, high), group in zip(bounds, groups):
        raw = MAGIC + _head(4, 1) + _head(4, len(group)) + b"".join(e for _, e in group)
        digest = hashlib.sha256(raw).hexdigest()
        name = f"{language}_{digest[:7]}"
        while name in used:  # a collision
            name = f"{language}_{digest[: len(name) - len(language)]}"
        used.add(name)
        writes.append((bundle / "index" / f"{name}.pf_index", raw))
        listed.append([low, high, name])
    share("pack", _write_chunk, writes, chunksize=16)
    return listed


def serial_map(step: str, function, items, chunksize: int = 1) -> list:
    """A `share` of one process: each item in turn (`step` names the work for a parallel
    one, see kriya.speed.Speed.share)."""
    return [function(item) for item in items]


@dataclass
class Part:
    """One language's pages in one Pagefind bundle (a shard), read for merging: its pages in
    order of their word count (their rank in the shard), every word's pages numbered by rank.
    Plain data, so that a cache can keep it (`as_data`, `part_from`)."""

    info: dict  # the language's entry in pagefind-entry.json
    meta: list  # Pagefind's meta file, without pages, index and filters; sort lists by rank
    counts: list[int]  # word count of each page, by rank
    fragments: list[bytes]  # each page's fragment file, by rank
    ranks: list[int]  # Pagefind's page number -> rank
    chunks: list[bytes]  # Pagefind's index chunk files, to renumber meta fields if needed
    words: list  # (word, segment, variants) of every chunk (see _segments), own meta fields
    filters: dict[str, dict[str, list[int]]]  # filter -> value -> ranks


@dataclass
class Bundle:
    """A Pagefind bundle read for merging (`read_bundle`)."""

    entry: dict  # pagefind-entry.json
    files: dict[str, bytes]  # Pagefind's scripts and WebAssembly
    parts: dict[str, Part]  # by language

    def as_data(self) -> dict:
        return {
            "entry": self.entry,
            "files": self.files,
            "parts": {language: vars(part) for language, part in self.parts.items()},
        }


def bundle_from(data: dict) -> Bundle:
    """The Bundle that `as_data` gave `data` (KeyError or TypeError when it is not one)."""
    parts = {language: Part(**fields) for language, fields in data["parts"].items()}
    return Bundle(dict(data["entry"]), dict(data["files"]), parts)


def read_bundle(source: Path, share=serial_map, skip: tuple[str, ...] = ()) -> Bundle:
    """The Pagefind bundle at `source`, read for `pack`; files named in `skip` are left out."""
    entry = json.loads((source / ENTRY).read_text(encoding="utf-8"))
    files = {
        path.name: path.read_bytes()
        for path in sorted(source.iterdir())
        if path.is_file()
        and path.suffix != ".pf_meta"
        and path.name != ENTRY
        and path.name not in skip
    }
    parts = {
        language: _read_part(source, info, share)
        for language, info in sorted(entry["languages"].items())
    }
    return Bundle(entry, files, parts)


def _read_part(source: Path, info: dict, share) -> Part:
    meta = read_file(source / f"pagefind.{info['hash']}.pf_meta")
    # Pages in order of word count: the page list becomes runs of equal counts.
    order = sorted(range(len(meta[1])), key=lambda i: (meta[1][i][1], i))
    ranks = [0] * len(order)
    for rank, old in enumerate(order):
        ranks[old] = rank
    chunks = [(source / "index" / f"{name}.pf_index").read_bytes() for _, _, name in meta[2]]
    # Decoding and encoding the word positions is most of the work: shared between cores.
    words = share("pack", _segments, [(ranks, None, chunk) for chunk in chunks])
    filters: dict[str, dict[str, list[int]]] = {}
    for name, file in meta[3]:
        values = filters.setdefault(name, {})
        for value, olds in read_file(source / "filter" / f"{file}.pf_filter")[1]:
            values.setdefault(value, []).extend(ranks[p] for p in olds)
    rest = list(meta)
    rest[1:4] = [[], [], []]
    if len(rest) > 4:  # Pagefind 1.5: version, pages, index, filters, sorts, fields
        rest[4] = [[name, [ranks[p] for p in olds]] for name, olds in meta[4]]
    return Part(
        info=info,
        meta=rest,
        counts=[meta[1][old][1] for old in order],
        fragments=[
            (source / "fragment" / f"{meta[1][old][0]}.pf_fragment").read_bytes() for old in order
        ],
        ranks=ranks,
        chunks=chunks,
        words=[word for chunk in words for word in chunk],
        filters=filters,
    )


def _pack_language(
    language: str, prefix: str, parts: list[Part], bundle: Path, share
) -> tuple[dict, list[list[str]]]:
    """Merge one language's shards into `bundle`: its entry in pagefind-entry.json, and the
    fragment names of each shard's pages (by rank)."""
    # Pages: shard by shard, each in its rank order, named by their new number.
    pages: list[list] = []
    starts: list[int] = []
    names: list[list[str]] = []
    for part in parts:
        starts.append(len(pages))
        names.append([])
        for fragment, count in zip(part.fragments, part.counts):
            name = prefix + _base36(len(pages))
            (bundle / "fragment" / f"{name}.pf_fragment").write_bytes(fragment)
            names[-1].append(name)
            pages.append([name, count])
    fields = sorted({field for part in parts for field in _fields(part.meta)})

    # Word index: join the shards' renumbered words, re-chunk. A shard whose meta fields
    # have other numbers in the merged list is renumbered again (rare: shards of mixed pages
    # all use every field).
    words = []
    for start, part in zip(starts, parts):
        field_map = [fields.index(field) for field in _fields(part.meta)]
        if field_map == list(range(len(field_map))):
            words.append((start, part.words))
        else:
            jobs = [(part.ranks, field_map, chunk) for chunk in part.chunks]
            words.append((start, [w for chunk in share("pack", _segments, jobs) for w in chunk]))
    index = _chunks(_joined_words(words), bundle, language, share)

    # Filters: values sorted, page numbers as sorted lists.
    filters: dict[str, dict] = {}
    for start, part in zip(starts, parts):
        for name, shard_values in part.filters.items():
            values = filters.setdefault(name, {})
            for value, ranks in shard_values.items():
                values.setdefault(value, []).extend(start + rank for rank in ranks)
    filter_files = [
        [
            name,
            _hashed(
                bundle / "filter",
                language,
                "pf_filter",
                [name, [[value, sorted(values[value])] for value in sorted(values)]],
            ),
        ]
        for name, values in sorted(filters.items())
    ]

    merged = list(parts[0].meta)
    merged[1:4] = [pages, index, filter_files]
    # sort lists (page numbers in the sort's order): the first shard's, by rank
    if len(merged) > 4 and len(parts) > 1 and any(part.meta[4] for part in parts):
        raise ValueError("data-pagefind-sort cannot be merged across shards")
    if len(merged) > 5:
        merged[5] = fields
    raw = MAGIC + _dump(merged)
    info = dict(parts[0].info)
    digits = len(info["hash"]) - len(language) - 1
    info["hash"] = f"{language}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    if "page_count" in info:
        info["page_count"] = len(pages)
    (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(
        gzip.compress(raw, compresslevel=9, mtime=0)
    )
    return info, names


def pack(bundles: list[Bundle], bundle: Path, share=serial_map) -> dict[tuple[int, str], list]:
    """Write one bundle at `bundle` (a new folder) from `bundles`, each of different pages;
    returns the fragment names of each bundle's pages by (its place in `bundles`, language),
    by rank. `share`: as in `search.index_site`."""
    for folder in ("fragment", "index", "filter"):
        (bundle / folder).mkdir(parents=True)
    written: set[str] = set()
    for each in bundles:  # Pagefind's scripts and WebAssembly (one per language)
        for name, data in each.files.items():
            if name not in written:
                (bundle / name).write_bytes(data)
                written.add(name)
    languages = sorted({language for each in bundles for language in each.parts})
    merged = {**bundles[0].entry, "languages": {}}
    names = {}
    for language in languages:
        numbers = [n for n, each in enumerate(bundles) if language in each.parts]
        parts = [bundles[n].parts[language] for n in numbers]
        prefix = "" if len(languages) == 1 else f"{language}_"
        info, part_names = _pack_language(language, prefix, parts, bundle, share)
        merged["languages"][language] = info
        names.update({(n, language): part_names[i] for i, n in enumerate(numbers)})
    (bundle / ENTRY).write_text(
        json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return names
