"""Merge Pagefind's bundles into one and make it lighter for the first search, without
changing what it finds.

Pagefind keeps every page's words in memory until it writes, about 180 KB a page (3.3 GB for
20,000 pages), so search.py runs it on shards of pages and this module joins their bundles:
each is first read on its own (`read_bundle`: its pages put in order, its word index decoded
and renumbered within the shard, as plain data a cache can keep), then `pack` joins what was
read. It also rewrites what Pagefind 1.5 writes:

- the pages of all shards are numbered in order of their word count (then by shard and
  rank), and their fragments get short sequential names ("0", "1", ... "7ps") instead of
  7-character hashes, so the page list the browser downloads first compresses to about
  1.6 bytes a page at 20,000 pages (8 with Pagefind's names; 2.8 numbered shard by shard,
  as one sorted run of counts a shard).
  Each shard keeps a word's pages as numbers and the CBOR of what follows each number, so
  joining the shards renumbers and sorts the pages without decoding their positions. The
  word index (its spelling variants included), the filters and the sort lists are
  renumbered to match; the meta fields that word positions point at are merged into one
  sorted list;
- the word index is cut into smaller chunks (about CHUNK_BYTES of CBOR before compression),
  named by their content, with the same shortest-prefix boundaries Pagefind computes; with a
  cache, each chunk's page lists are kept, and the next build patches them where pages moved
  (`_Words._patched`) instead of joining the shards' pages again;
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
import os
import shutil
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from operator import and_, itemgetter, sub
from pathlib import Path
from typing import Any

import cbor2
from zlib_ng import gzip_ng

from .cache_files import CacheFolder

ENTRY = "pagefind-entry.json"
# Fragment files already in the bundle's folder (a recycled site's) are kept where their bytes
# are the same, so a small edit does not write 20,000 files; the others are written or removed.
FRAGMENTS = "fragment"
CHUNK_BYTES = 12_000  # uncompressed CBOR per index chunk (Pagefind's own are ~10x larger)
FRAGMENTS_A_JOB = 2_000  # fragment files a worker writes at once
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
    return cbor2.loads(gzip_ng.decompress(data).removeprefix(MAGIC))


def read_file(path: Path):
    """A Pagefind CBOR file (meta, index chunk, filter), decoded."""
    return _load_index(path.read_bytes())


def _hashed(folder: Path, language: str, suffix: str, value) -> str:
    """Write `value` under a name made from its content; returns the name (no suffix)."""
    raw = MAGIC + _dump(value)
    name = f"{language}_{hashlib.sha256(raw).hexdigest()[:7]}"
    (folder / f"{name}.{suffix}").write_bytes(_smallest(raw))
    return name


def _smallest(raw: bytes) -> bytes:
    """A file a search reads whole (the meta file on the first query, a filter's values):
    zlib's own level 9, 0.2 KB smaller than zlib-ng's on the meta of 20,000 pages (speed
    counts for the index chunks, see `_Words.chunk`)."""
    return gzip.compress(raw, compresslevel=9, mtime=0)


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


def _numbers(data: bytes) -> array:
    numbers = array("I")
    numbers.frombytes(data)
    return numbers


def _segment(pages: list, new: list[int]) -> tuple[bytes, bytes, bytes]:
    """A word's pages in one shard, renumbered and in order, ready to be joined with other
    shards' (`_joined_pages`): each page's number * 2, plus 1 when it has meta positions (an
    array of "I"); the CBOR of each page after its number, one after another; where each of
    those ends (an array of "I")."""
    number = 0
    for page in pages:
        number += page[0]  # Pagefind stores page numbers as gaps
        page[0] = new[number]
    if any(not 2 <= len(page) <= 3 for page in pages):
        raise ValueError("a word's page is not [page, positions, meta positions]")
    pages.sort(key=lambda page: page[0])
    keys = array("I", [page[0] * 2 + len(page) - 2 for page in pages])
    rests = [_dump(page[1:])[1:] for page in pages]  # minus the array's head (one byte)
    ends = array("I", itertools.accumulate(map(len, rests)))
    return keys.tobytes(), b"".join(rests), ends.tobytes()


def _segments(job: tuple[list[int], bytes]) -> list[tuple]:
    """The words of one index chunk: (word, pages segment, [(variant, segment)]).
    `job`: Pagefind's page number -> rank in its shard, the chunk file's bytes."""
    ranks, data = job
    return [
        (
            word[0],
            _segment(word[1], ranks),
            [
                (variant, _segment(pages, ranks))
                for variant, pages in (word[2] if len(word) > 2 else [])
            ],
        )
        for word in _load_index(data)[0]
    ]


def _page_heads(pages: int) -> list[bytes]:
    """The start of a page in a word's page list, by 2 * its gap from the previous page,
    plus 1 when it has meta positions: its array's head, then the gap."""
    return [bytes([0x82 + flag]) + _head(0, gap) for gap in range(pages + 1) for flag in (0, 1)]


def _joined_pages(
    segments: list[tuple[list[int], list[bytes]]], heads: list[bytes], starts: bool
) -> tuple[bytes, bytes, bytes]:
    """A word's pages from its shards' segments, each with its shard's map from rank * 2 +
    flag to page number * 2 + flag, in order of their page numbers: (the page number * 2 +
    flag of each entry, where each entry starts (empty unless `starts`), the entries' CBOR),
    as arrays of "I" and bytes (a `_List`)."""
    keys: list[int] = []
    rests: list[bytes] = []
    for numbers, (ranks, joined, ends_data) in segments:
        keys += map(numbers.__getitem__, _numbers(ranks))
        ends = _numbers(ends_data)
        rests += map(joined.__getitem__, map(slice, itertools.chain((0,), ends), ends))
    rest_of = dict(zip(keys, rests))
    keys.sort()
    # 2 * gap + flag: each key minus the previous one's 2 * page number
    steps = map(sub, keys, itertools.chain((0,), map(and_, keys, itertools.repeat(-2))))
    parts = [b""] * (2 * len(keys))
    parts[0::2] = map(heads.__getitem__, steps)
    parts[1::2] = map(rest_of.__getitem__, keys)
    where = array("I")
    if starts and keys:  # each entry ends where the next starts
        where.append(0)
        where.extend(list(itertools.accumulate(map(len, parts)))[1:-1:2])
    return array("I", keys).tobytes(), where.tobytes(), b"".join(parts)


@dataclass
class KeptFragments:
    """Fragment files kept by their content in `folder` (a cache's), so that the next build
    links them into its site folder ahead instead of writing 20,000 files (see
    search.kept_fragments)."""

    folder: Path
    there: set[str]  # the digests kept in `folder` already
    files: dict[str, str] = field(default_factory=dict)  # this bundle's: file name -> digest


def _keep(path: Path, kept: Path) -> None:
    """A hard link `kept` to `path` (a copy where links are not supported); one there
    already stays as it is (never written into: the site's file may be it)."""
    try:
        os.link(path, kept)
    except FileExistsError:
        pass
    except OSError:
        shutil.copyfile(path, kept)


@dataclass
class _Moves:
    """How one language's pages moved since the last build: the pages both builds have (the
    same address, made from the same inputs) keep their order, so each keeps the number it
    had plus the step of the last threshold at or below it (`thresholds`, old numbers, with
    their `steps`); `removed`: old numbers of the pages gone or changed; `arrived`: by shard,
    the ranks of the pages that are new or changed."""

    thresholds: list[int]
    steps: list[int]
    removed: list[int]
    arrived: dict[int, list[int]]


# Lists are patched while at most this many pages left or arrived (each adds a cut to every
# list); a larger change joins them anew.
MOVED_PAGES = 64
LISTS_ENTRY = "kata"  # a chunk's lists: kata-<language>-<the chunk's digest>


def _moves(before: list, now: list, where: list[tuple[int, int]]) -> _Moves | None:
    """The moves from the page ids `before` to `now` (by number: [address, digest]; no digest:
    not known to be the same), None when they are too many or the order of the pages both
    have changed. `where`: each page's (shard, rank) now."""
    number_of = {tuple(page): m for m, page in enumerate(now) if page[1] is not None}
    thresholds: list[int] = []
    steps: list[int] = []
    removed: list[int] = []
    following = -1
    for old, page in enumerate(before):
        m = number_of.pop(tuple(page), None) if page[1] is not None else None
        if m is None:
            removed.append(old)
            continue
        if m < following:
            return None
        following = m
        if not steps or m - old != steps[-1]:
            thresholds.append(old)
            steps.append(m - old)
    # the pages of `now` that no page of `before` is: new, changed or of unknown inputs
    new = sorted({*number_of.values(), *(m for m, page in enumerate(now) if page[1] is None)})
    if len(removed) + len(new) > MOVED_PAGES:
        return None
    arrived: dict[int, list[int]] = {}
    for m in new:
        shard, rank = where[m]
        arrived.setdefault(shard, []).append(rank)
    for ranks in arrived.values():
        ranks.sort()
    return _Moves(thresholds, steps, removed, arrived)


def _plus(numbers: bytes, value: int) -> bytes:
    """`numbers` (an array of "I" as bytes) with `value` added to each, all at once as one
    big integer (3x faster than number by number): no number may leave 0 .. 2**32 - 1, so
    none carries into or borrows from its neighbour."""
    if not value or not numbers:
        return numbers
    ones = int.from_bytes(array("I", [1]).tobytes() * (len(numbers) // 4), sys.byteorder)
    total = int.from_bytes(numbers, sys.byteorder) + value * ones
    return total.to_bytes(len(numbers), sys.byteorder)


@dataclass
class _Words:
    """A language's words from every shard, joined into chunk files by workers that inherit
    it (`work`), which also write the pages' fragment files meanwhile. With `lists`, each
    chunk's page lists are kept for the next build; with the last build's (`last`: [first
    word, last word, cache entry] by chunk) and the pages' `moves` since, a word's pages are
    the last build's list patched (`_patched`)."""

    numbers: list[list[int]]  # by shard: rank * 2 + flag -> page number * 2 + flag
    heads: list[bytes]  # _page_heads
    words: list[tuple[str, list, list]]  # (word, [(shard, segment)], [(variant, [...])])
    fragments: list[tuple[Path, bytes]] = field(default_factory=list)  # to write
    keep: KeptFragments | None = None
    lists: Lists | None = None
    language: str = ""
    last: list = field(default_factory=list)
    moves: _Moves | None = None

    def work(self, job: tuple[str, int, int]) -> tuple | list:
        """("fragments", start, end): write fragments[start:end], and keep them (their
        (file name, digest)); ("chunk", start, end): the chunk file of words[start:end]
        (`chunk`)."""
        kind, start, end = job
        if kind == "chunk":
            return self.chunk(start, end)
        kept = []
        for path, data in self.fragments[start:end]:
            try:
                if path.read_bytes() != data:  # linked in ahead, or of a recycled site
                    path.unlink()  # perhaps a kept file: never changed in place
                    path.write_bytes(data)
            except FileNotFoundError:
                path.write_bytes(data)
            if self.keep:
                digest = hashlib.sha256(data).hexdigest()[:32]
                if digest not in self.keep.there:
                    _keep(path, self.keep.folder / digest)
                kept.append((path.name, digest))
        return kept

    def joined(self, segments: list, last: list | None) -> tuple[bytes, bytes, bytes]:
        """A word's (or variant's) pages (see _joined_pages), from its last list if any."""
        if last is not None and self.moves is not None:
            try:
                patched = self._patched(segments, *last)
            except (IndexError, TypeError, ValueError):  # not what this code keeps
                patched = (b"", b"", b"")
            # as many entries as the shards have: else (a damaged cache) joined anew
            if len(patched[0]) == sum(len(segment[0]) for _, segment in segments):
                return patched
        with_numbers = [(self.numbers[n], segment) for n, segment in segments]
        return _joined_pages(with_numbers, self.heads, self.lists is not None)

    def _patched(
        self, segments: list, keys_data: bytes, starts_data: bytes, body: bytes
    ) -> tuple[bytes, bytes, bytes]:
        """The last list with the pages that left taken out, the runs of pages that kept
        their order renumbered (only the entry starting each run changes: its gap) and the
        pages that arrived put in."""
        moves = self.moves
        assert moves is not None
        keys, starts, count = _numbers(keys_data), _numbers(starts_data), len(keys_data) // 4
        cuts = {0, count}
        cuts.update(bisect_left(keys, 2 * old) for old in moves.thresholds)
        dropped = set()
        for old in moves.removed:
            at = bisect_left(keys, 2 * old)
            if at < count and keys[at] >> 1 == old:
                cuts.update((at, at + 1))
                dropped.add(at)
        pieces: list[tuple[int, int, int, int, bytes]] = []  # (new key, from, to, step, rest)
        bounds = sorted(cuts)
        for low, high in itertools.pairwise(bounds):
            if low not in dropped:
                step = moves.steps[bisect_right(moves.thresholds, keys[low] >> 1) - 1]
                pieces.append((keys[low] + 2 * step, low, high, step, b""))
        for shard, (ranks_data, joined, ends_data) in segments:
            arrived = moves.arrived.get(shard)
            if arrived:
                ranks, ends = _numbers(ranks_data), _numbers(ends_data)
                for rank in arrived:
                    at = bisect_left(ranks, 2 * rank)
                    if at < len(ranks) and ranks[at] >> 1 == rank:
                        rest = joined[ends[at - 1] if at else 0 : ends[at]]
                        pieces.append((self.numbers[shard][ranks[at]], -1, -1, 0, rest))
        pieces.sort(key=itemgetter(0))
        parts: list[bytes] = []
        new_keys: list[bytes] = []
        new_starts: list[bytes] = []
        position = previous = 0
        for key, low, high, step, rest in pieces:
            head = self.heads[key - (previous & -2)]
            new_starts.append(position.to_bytes(4, sys.byteorder))
            if low < 0:  # an arrived page
                new_keys.append(key.to_bytes(4, sys.byteorder))
                part = rest
                previous = key
            else:
                gap = (keys[low] >> 1) - (keys[low - 1] >> 1 if low else 0)
                skip = starts[low] + 1 + len(_head(0, gap))  # past the run's first head
                part = body[skip : starts[high] if high < count else len(body)]
                new_starts.append(
                    _plus(starts_data[4 * low + 4 : 4 * high], position + len(head) - skip)
                )
                new_keys.append(_plus(keys_data[4 * low : 4 * high], 2 * step))
                previous = keys[high - 1] + 2 * step
            parts += (head, part)
            position += len(head) + len(part)
        return b"".join(new_keys), b"".join(new_starts), b"".join(parts)

    def _last_lists(self, first: str, last: str) -> dict:
        """word -> [its pages' list, {variant: list}] of the last build, for the words from
        `first` to `last`."""
        found: dict[str, tuple] = {}
        assert self.lists is not None
        try:
            for low, high, name in self.last:
                if high >= first and low <= last:
                    found.update(
                        (word, (own, dict(variants)))
                        for word, own, variants in self.lists.ahead[name]
                    )
        except (KeyError, TypeError, ValueError):  # missing, or not what this code keeps
            return {}
        return found

    def chunk(self, start: int, end: int) -> tuple[str, bytes, str | None]:
        """The chunk file of words[start:end]: its content's digest, its bytes, and (when
        `lists`) the cache entry its words' lists are kept in for the next build."""
        words = self.words[start:end]
        last = self._last_lists(words[0][0], words[-1][0]) if self.moves else {}
        kept = []
        for word, pages, variants in words:
            own, others = last.get(word, (None, {}))
            kept.append(
                (
                    word,
                    self.joined(pages, own),
                    [(v, self.joined(segments, others.get(v))) for v, segments in variants],
                )
            )
        raw = (
            MAGIC
            + _head(4, 1)
            + _head(4, end - start)
            + b"".join(
                _head(4, 3)
                + _dump(word)
                + _head(4, len(own[0]) // 4)
                + own[2]
                + _head(4, len(variants))
                + b"".join(
                    _head(4, 2) + _dump(v) + _head(4, len(each[0]) // 4) + each[2]
                    for v, each in variants
                )
                for word, own, variants in kept
            )
        )
        # zlib-ng at 5: at 20,000 pages half the time of zlib at 5 for 2 % fewer bytes (6:
        # 1.6x the time for 1 % fewer); a search loads one or two chunks, and not for its
        # first query
        digest, entry = hashlib.sha256(raw).hexdigest(), None
        if self.lists:  # named by its content: never written over one still to be read
            entry = f"{LISTS_ENTRY}-{self.language}-{digest[:32]}"
            self.lists.store.write(entry, kept)
            if entry not in self.lists.store.used:  # not written
                entry = None
        return digest, gzip_ng.compress(raw, compresslevel=5, mtime=0), entry


def _joined_words(
    parts: list[Part],
    numbers: list[list[int]],
    pages: int,
    fragments: list[tuple[Path, bytes]],
    keep: KeptFragments | None = None,
) -> _Words:
    """Every word once, in order, with its segments from each shard."""
    by_word: dict[str, tuple[list, dict]] = {}
    for n, part in enumerate(parts):
        for word, segment, variants in part.words:
            segments, variant_segments = by_word.setdefault(word, ([], {}))
            segments.append((n, segment))
            for variant, variant_segment in variants:
                variant_segments.setdefault(variant, []).append((n, variant_segment))
    words = [
        (word, segments, sorted(variants.items()))
        for word, (segments, variants) in sorted(by_word.items())
    ]
    return _Words(numbers, _page_heads(pages), words, fragments, keep)


def _size(word: tuple[str, list, list]) -> int:
    """About the bytes of a word in its chunk: its pages' CBOR and two bytes a page."""
    _, pages, variants = word
    segments = pages + [segment for _, each in variants for segment in each]
    return sum(len(rests) + len(keys) // 2 for _, (keys, rests, _) in segments)


def _chunks(words: _Words, bundle: Path, language: str, share) -> tuple[list[list[str]], list]:
    """Write the word index in chunks of about CHUNK_BYTES; their [from, to, name] list, and
    (when `words.lists`) each one's [first word, last word, cache entry of its lists]."""
    # A search loads the one chunk whose range holds its word and matches the words starting
    # with it there, so a word and its extensions (rajin, rajinnya) stay in one chunk.
    texts = [word[0] for word in words.words]
    spans, start, size = [], 0, 0
    for position, word in enumerate(words.words):
        size += _size(word)
        following = texts[position + 1] if position + 1 < len(texts) else ""
        if size >= CHUNK_BYTES and not following.startswith(word[0]):
            spans.append(("chunk", start, position + 1))
            start, size = position + 1, 0
    if start < len(texts):
        spans.append(("chunk", start, len(texts)))
    bounds = [[texts[start], texts[end - 1]] for _, start, end in spans]
    for left, right in itertools.pairwise(bounds):
        left[1], right[0] = _prefixes(left[1], right[0])
    listed, used, lists = [], set(), []
    # joining the shards' pages is most of the work: shared between cores, with the
    # fragments' writing
    step = FRAGMENTS_A_JOB
    jobs = [("fragments", n, n + step) for n in range(0, len(words.fragments), step)]
    done = share("pack", words.work, jobs + spans)
    if words.keep:
        for kept in done[: len(jobs)]:
            words.keep.files.update(kept)
    for (low, high), (_, start, end), (digest, data, kept) in zip(bounds, spans, done[len(jobs) :]):
        name = f"{language}_{digest[:7]}"
        while name in used:  # a collision
            name = f"{language}_{digest[: len(name) - len(language)]}"
        used.add(name)
        (bundle / "index" / f"{name}.pf_index").write_bytes(data)
        listed.append([low, high, name])
        if words.lists and kept is not None:
            words.lists.store.used.add(kept)  # written by a worker
            lists.append([texts[start], texts[end - 1], kept])
    return listed, lists


def serial_map(step: str, function, items, chunksize: int = 1) -> list:
    """A `share` of one process: each item in turn (`step` names the work for a parallel
    one, see kriya.speed.Speed.share)."""
    return [function(item) for item in items]


@dataclass
class Part:
    """One language's pages in one Pagefind bundle (a shard), read for merging: its pages in
    order of their word count, then of their address (their rank in the shard), every word's
    pages by rank, each encoded but for its number (see _segment).
    Plain data, so that a cache can keep it (`as_data`, `part_from`)."""

    info: dict  # the language's entry in pagefind-entry.json
    meta: list  # Pagefind's meta file, without pages, index and filters; sort lists by rank
    counts: list[int]  # word count of each page, by rank
    urls: list[str]  # each page's address, by rank
    fragments: list[bytes]  # each page's fragment file, by rank
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
    fragments = [(source / "fragment" / f"{name}.pf_fragment").read_bytes() for name, _ in meta[1]]
    urls = [fragment_data(data)["url"] for data in fragments]
    # Pages in order of word count (the page list becomes runs of equal counts), then of
    # address: the same order whichever pages Pagefind read with them (see `compose`).
    order = sorted(range(len(meta[1])), key=lambda i: (meta[1][i][1], urls[i]))
    ranks = [0] * len(order)
    for rank, old in enumerate(order):
        ranks[old] = rank
    chunks = [(source / "index" / f"{name}.pf_index").read_bytes() for _, _, name in meta[2]]
    # Decoding and encoding the word positions is most of the work: shared between cores.
    words = share("pack", _segments, [(ranks, chunk) for chunk in chunks])
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
        urls=[urls[old] for old in order],
        fragments=[fragments[old] for old in order],
        words=[word for chunk in words for word in chunk],
        filters=filters,
    )


def fragment_data(fragment: bytes) -> dict:
    """What a fragment file holds: the page's address, text, meta fields, filters..."""
    return json.loads(gzip_ng.decompress(fragment).removeprefix(MAGIC))


def _refielded(segment: tuple[bytes, bytes, bytes], fields: list[int]) -> tuple:
    """`segment` (see _segment) with the fields of its meta positions renumbered (`fields`:
    old number -> new)."""
    return _packed(_entries(segment, None, fields, []))


def _remapped(rest: bytes, fields: list[int]) -> bytes:
    """A page's entry after its number, with meta positions, its fields renumbered."""
    locations, meta = cbor2.loads(_head(4, 2) + rest)
    return _dump([locations, [-(fields[-x - 1] + 1) if x < 0 else x for x in meta]])[1:]


class _Unlike(Exception):
    """Composing would not give what Pagefind gives (see `compose`)."""


def compose(old: Bundle, gone: set[str], new: Bundle | None) -> Bundle | None:
    """The bundle, read for merging, that Pagefind run on the pages of `old` but those at the
    addresses in `gone`, and on those of `new`, would give (Pagefind reads each page alone:
    its words, their positions, meta fields, filters and fragment depend on it only); None
    where that cannot be told for sure: then Pagefind runs on the whole shard."""
    if new is not None and new.entry.get("version") != old.entry.get("version"):
        return None
    parts = {}
    for language in sorted(set(old.parts) | set(new.parts if new else ())):
        theirs = new.parts.get(language) if new else None
        try:
            part = _composed(old.parts.get(language), gone, theirs)
        except _Unlike:
            return None
        if part is not None:
            parts[language] = part
    if not parts:
        return None
    entry = {**old.entry, "languages": {language: part.info for language, part in parts.items()}}
    return Bundle(entry, {**(new.files if new else {}), **old.files}, parts)


def _composed(mine: Part | None, gone: set[str], theirs: Part | None) -> Part | None:
    present = [(n, part) for n, part in enumerate((mine, theirs)) if part is not None]
    base = present[0][1]
    for _, part in present:
        if part.meta[0] != base.meta[0] or len(part.meta) != len(base.meta):
            raise _Unlike  # another Pagefind
        if len(part.meta) > 4 and part.meta[4]:
            raise _Unlike  # sort lists (Kriya's pages have none)
    pages = [  # (word count, address, source, rank in it): the new ranks, in order
        (count, url, n, rank)
        for n, part in present
        for rank, (count, url) in enumerate(zip(part.counts, part.urls))
        if n == 1 or url not in gone  # all of `theirs`, of `mine` those not gone
    ]
    if not pages:
        return None
    pages.sort()
    if len({page[1] for page in pages}) != len(pages):
        raise _Unlike  # a page in both
    ranks: tuple[dict[int, int], dict[int, int]] = ({}, {})
    for rank, (_, _, n, old) in enumerate(pages):
        ranks[n][old] = rank
    by_source = dict(present)
    fragments = [by_source[n].fragments[old] for _, _, n, old in pages]
    # Pagefind numbers the meta fields of a bundle in the order of their names
    names = {
        n: [set(fragment_data(data).get("meta", {})) for data in part.fragments]
        for n, part in present
    }
    fields = sorted(set().union(*(names[n][old] for _, _, n, old in pages)))
    maps: list[list[int] | None] = [None, None]
    for n, part in present:
        if _fields(part.meta) != sorted(set().union(*names[n])):
            raise _Unlike
        mapped = [fields.index(field) for field in _fields(part.meta)]
        maps[n] = None if mapped == list(range(len(mapped))) else mapped
    by_word: dict[str, tuple[list, dict[str, list]]] = {}
    for n, part in present:
        for word, segment, variants in part.words:
            own, others = by_word.setdefault(word, ([], {}))
            _entries(segment, ranks[n], maps[n], own)
            for variant, each in variants:
                _entries(each, ranks[n], maps[n], others.setdefault(variant, []))
    words = []
    for word in sorted(by_word):
        own, others = by_word[word]
        variants = [(variant, _packed(each)) for variant, each in sorted(others.items()) if each]
        if own or variants:
            words.append((word, _packed(own), variants))
    filters: dict[str, dict[str, list[int]]] = {}
    for n, part in present:
        for name, values in part.filters.items():
            for value, olds in values.items():
                kept = [ranks[n][old] for old in olds if old in ranks[n]]
                if kept:
                    filters.setdefault(name, {}).setdefault(value, []).extend(kept)
    meta = list(base.meta)
    if len(meta) > 5:
        meta[5] = fields
    info = dict(base.info)
    if "page_count" in info:
        info["page_count"] = len(pages)
    return Part(
        info=info,
        meta=meta,
        counts=[page[0] for page in pages],
        urls=[page[1] for page in pages],
        fragments=fragments,
        words=words,
        filters=filters,
    )


def _entries(
    segment: tuple, ranks: dict[int, int] | None, fields: list[int] | None, out: list
) -> list:
    """`out` with (new rank * 2 + flag, rest) of each entry of `segment` whose page is kept
    (`ranks`: old rank -> new; None: every page, as it is), meta fields renumbered by
    `fields` (None: as they are)."""
    keys, joined, ends_data = segment
    ends = _numbers(ends_data)
    for key, start, end in zip(_numbers(keys), itertools.chain((0,), ends), ends):
        rank = key >> 1 if ranks is None else ranks.get(key >> 1)
        if rank is not None:
            rest = joined[start:end]
            if fields is not None and key & 1:
                rest = _remapped(rest, fields)
            out.append((rank * 2 + (key & 1), rest))
    return out


def _packed(entries: list[tuple[int, bytes]]) -> tuple[bytes, bytes, bytes]:
    """A segment (see _segment) of (rank * 2 + flag, rest) entries."""
    entries.sort()
    rests = [rest for _, rest in entries]
    return (
        array("I", [key for key, _ in entries]).tobytes(),
        b"".join(rests),
        array("I", itertools.accumulate(map(len, rests))).tobytes(),
    )


@dataclass
class _Numbered:
    """One language's pages of every shard, numbered in order of their word count (then
    shard and rank) and named by their number."""

    numbers: list[list[int]]  # by shard: rank * 2 + flag -> page number * 2 + flag
    names: list[list[str]]  # by shard: rank -> fragment name
    pages: list[list]  # [name, word count] by page number
    fragments: list[tuple[Path, bytes]]  # (file, bytes) by page number
    where: list[tuple[int, int]]  # (shard, rank) by page number
    urls: list[str]  # address by page number


def _numbered(prefix: str, parts: list[Part], bundle: Path) -> _Numbered:
    order = sorted(
        (count, n, rank) for n, part in enumerate(parts) for rank, count in enumerate(part.counts)
    )
    numbers = [[0] * (2 * len(part.counts)) for part in parts]
    names = [[""] * len(part.counts) for part in parts]
    pages: list[list] = []
    fragments = []  # written with the index chunks
    for number, (count, n, rank) in enumerate(order):
        numbers[n][2 * rank : 2 * rank + 2] = (2 * number, 2 * number + 1)
        name = names[n][rank] = prefix + _base36(number)
        fragments.append((bundle / FRAGMENTS / f"{name}.pf_fragment", parts[n].fragments[rank]))
        pages.append([name, count])
    where = [(n, rank) for _, n, rank in order]
    return _Numbered(
        numbers, names, pages, fragments, where, [parts[n].urls[rank] for n, rank in where]
    )


@dataclass
class Lists:
    """The word index's page lists kept from one build for the next (see `_Words`), each
    chunk's in an entry of `store`: `last`, by language, as the last build kept them
    ({"ids": [address, digest] by page number, "fields": meta fields, "chunks": [first
    word, last word, entry]}); `ahead`: those entries, read; `digests`: page address -> a
    digest of what the page is made from now; `kept`: what `pack` keeps of this build, by
    language."""

    store: CacheFolder
    last: Mapping[str, Any]
    digests: Mapping[str, str]
    ahead: Mapping[str, Any] = field(default_factory=dict)
    kept: dict = field(default_factory=dict)


def _pack_language(
    language: str,
    numbered: _Numbered,
    parts: list[Part],
    bundle: Path,
    share,
    keep: KeptFragments | None,
    lists: Lists | None = None,
) -> dict:
    """Merge one language's shards into `bundle`; returns its entry in pagefind-entry.json."""
    numbers, pages, fragments = numbered.numbers, numbered.pages, numbered.fragments
    fields = sorted({field for part in parts for field in _fields(part.meta)})

    # Word index: join the shards' words, re-chunk. A shard whose meta fields have other
    # numbers in the merged list has them renumbered (rare: shards of mixed pages all use
    # every field).
    for n, part in enumerate(parts):
        field_map = [fields.index(field) for field in _fields(part.meta)]
        if field_map != list(range(len(field_map))):
            own = [
                (
                    word,
                    _refielded(segment, field_map),
                    [(v, _refielded(e, field_map)) for v, e in variants],
                )
                for word, segment, variants in part.words
            ]
            parts[n] = Part(**{**vars(part), "words": own})
    words = _joined_words(parts, numbers, len(pages), fragments, keep)
    if lists is not None:
        words.lists, words.language = lists, language
        ids = [[url, lists.digests.get(url)] for url in numbered.urls]
        last = lists.last.get(language)
        try:
            if last and last["fields"] == fields:
                words.moves = _moves(last["ids"], ids, numbered.where)
                words.last = list(last["chunks"]) if words.moves else []
        except (KeyError, TypeError, ValueError):  # not what this code keeps: joined anew
            words.moves, words.last = None, []
    index, kept = _chunks(words, bundle, language, share)
    if lists is not None:
        lists.kept[language] = {"ids": ids, "fields": fields, "chunks": kept}

    # Filters: values sorted, page numbers as sorted lists.
    filters: dict[str, dict] = {}
    for n, part in enumerate(parts):
        for name, shard_values in part.filters.items():
            values = filters.setdefault(name, {})
            for value, ranks in shard_values.items():
                values.setdefault(value, []).extend(numbers[n][2 * rank] // 2 for rank in ranks)
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
    # sort lists (page numbers in the sort's order): the first shard's, by rank, which is
    # the page number when there is one shard
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
    (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(_smallest(raw))
    return info


def pack(
    bundles: list[Bundle],
    bundle: Path,
    share=serial_map,
    numbered: Callable[[dict], object] | None = None,
    keep: KeptFragments | None = None,
    lists: Lists | None = None,
) -> dict[tuple[int, str], list]:
    """Write one bundle at `bundle` (a new folder) from `bundles`, each of different pages;
    returns the fragment names of each bundle's pages by (its place in `bundles`, language),
    by rank, and hands them to `numbered` as soon as they are known, before the index is
    written (work that needs only them can go on meanwhile). `share`: as in
    `search.index_site`. `keep`: where the fragment files are kept for the next build;
    `lists`: the word index's page lists of the last build, and what this one keeps."""
    for folder in (FRAGMENTS, "index", "filter"):  # fragments may be there already
        (bundle / folder).mkdir(parents=True, exist_ok=folder == FRAGMENTS)
    written: set[str] = set()
    for each in bundles:  # Pagefind's scripts and WebAssembly (one per language)
        for name, data in each.files.items():
            if name not in written:
                (bundle / name).write_bytes(data)
                written.add(name)
    languages = sorted({language for each in bundles for language in each.parts})
    merged = {**bundles[0].entry, "languages": {}}
    names = {}
    shards = {}  # language -> (place in `bundles` of each shard with it, its parts, numbering)
    for language in languages:
        places = [n for n, each in enumerate(bundles) if language in each.parts]
        parts = [bundles[n].parts[language] for n in places]
        prefix = "" if len(languages) == 1 else f"{language}_"
        shards[language] = places, parts, _numbered(prefix, parts, bundle)
        names.update({(n, language): shards[language][2].names[i] for i, n in enumerate(places)})
    if numbered:
        numbered(names)
    for language, (_, parts, numbering) in shards.items():
        merged["languages"][language] = _pack_language(
            language, numbering, parts, bundle, share, keep, lists
        )
    (bundle / ENTRY).write_text(
        json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    written = {f"{name}.pf_fragment" for each in names.values() for name in each}
    for entry in os.scandir(bundle / FRAGMENTS):
        if entry.name not in written:
            os.unlink(entry.path)
    return names
