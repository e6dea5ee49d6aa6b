"""Make Pagefind's bundle smaller for the first search, without changing what it finds.

Pagefind 1.5 names every page's fragment after a 7-character hash and lists all of them in
its metadata file, which the browser downloads before the first search: about 8 bytes per
page after compression, 80 KB for 10,000 pages. Its word index comes in chunks of about
50 KB, and a search downloads one chunk per query word. This module rewrites the bundle:

- pages are renumbered in order of their word count and their fragments renamed to short
  sequential names ("0", "1", ... "7ps"), so the page list compresses to about 1.5 bytes a
  page; the word index, the filters and the sort lists are renumbered to match;
- the word index is cut into smaller chunks (CHUNK_BYTES of CBOR before compression), named
  by their content, with the same shortest-prefix boundaries Pagefind computes.

Pagefind's browser code reads everything by name from the metadata, so nothing else changes:
the same pages, words, word positions and filter values, in a smaller and still byte-for-byte
reproducible bundle. Run after `search_order.sort_filters`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

from .search_order import MAGIC, _head, _read, cbor_dump
from .workers import worker_pool

CHUNK_BYTES = 12_000  # uncompressed CBOR per index chunk (Pagefind's own are ~10x larger)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(number: int) -> str:
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = _DIGITS[digit] + text
        if not number:
            return text


def _dump(value) -> bytes:
    """CBOR of the word index's nested lists of integers (cbor2's C encoder gives the same
    bytes as search_order.cbor_dump, much faster)."""
    return cbor2.dumps(value)


def _load_index(data: bytes):
    """The word index chunk in `data` (gzip and Pagefind's magic prefix optional)."""
    raw = gzip.decompress(data).removeprefix(MAGIC) if data[:2] == b"\x1f\x8b" else data
    return cbor2.loads(raw)


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
    return a[:common + 1], b[:common + 1]


_new_number: dict[int, int] = {}  # old page number -> new, in a worker process


def _renumber_setup(new_number: dict[int, int]) -> None:
    global _new_number
    _new_number = new_number


def _renumbered(path: Path) -> list[tuple[str, bytes]]:
    """The words of one Pagefind index chunk with their pages renumbered: (word, CBOR)."""
    out = []
    for word in _load_index(path.read_bytes())[0]:
        number, renumbered = 0, []
        for page in word[1]:
            number += page[0]
            renumbered.append([_new_number[number], *page[1:]])
        renumbered.sort(key=lambda page: page[0])
        previous = 0
        for page in renumbered:
            page[0], previous = page[0] - previous, page[0]
        out.append((word[0], _dump([word[0], renumbered, *word[2:]])))
    return out


def _write_chunk(job: tuple[Path, bytes]) -> None:
    # level 6: 5x faster than 9 for 3 % more bytes, on tens of MB of index at 10,000 pages
    path, raw = job
    path.write_bytes(gzip.compress(raw, compresslevel=6, mtime=0))


def pack(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    single = len(entry["languages"]) == 1
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        pages, chunks, filters = meta[1], meta[2], meta[3]

        # Pages in order of word count: the page list becomes runs of equal counts.
        order = sorted(range(len(pages)), key=lambda i: (pages[i][1], i))
        new_number = {old: new for new, old in enumerate(order)}
        prefix = "" if single else f"{language}_"
        fragments = bundle / "fragment"
        moved = []
        for new, old in enumerate(order):
            name = prefix + _base36(new)
            source = fragments / f"{pages[old][0]}.pf_fragment"
            temporary = fragments / f"{name}.pf_fragment.tmp"
            source.rename(temporary)
            moved.append(temporary)
        for temporary in moved:
            temporary.rename(temporary.with_suffix(""))
        meta[1] = [[prefix + _base36(new), pages[old][1]] for new, old in enumerate(order)]

        # Word index: renumber every word's pages (stored as gaps), then re-chunk. Decoding
        # and encoding the word positions is most of the work: it is shared between cores.
        paths = [bundle / "index" / f"{name}.pf_index" for _, _, name in chunks]
        with worker_pool(len(paths), _renumber_setup, (new_number,)) as run:
            words = [word for encoded in run(_renumbered, paths) for word in encoded]
        for path in paths:
            path.unlink()
        # A search loads the one chunk whose range holds its word and matches the words
        # starting with it there, so a word and its extensions (rajin, rajinnya) stay in
        # one chunk.
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
        for left, right in zip(bounds, bounds[1:]):
            left[1], right[0] = _prefixes(left[1], right[0])
        meta[2], writes, used = [], [], set()
        for (low, high), group in zip(bounds, groups):
            raw = MAGIC + _head(4, 1) + _head(4, len(group)) + b"".join(e for _, e in group)
            digest = hashlib.sha256(raw).hexdigest()
            name = f"{language}_{digest[:7]}"
            while name in used:  # a collision
                name = f"{language}_{digest[:len(name) - len(language)]}"
            used.add(name)
            writes.append((bundle / "index" / f"{name}.pf_index", raw))
            meta[2].append([low, high, name])
        with worker_pool(len(writes)) as run:
            run(_write_chunk, writes, chunksize=16)

        # Filters: page numbers as sorted lists.
        renamed = []
        for name, old in filters:
            path = bundle / "filter" / f"{old}.pf_filter"
            filter_name, values = _read(path)
            values = [[value, sorted(new_number[p] for p in numbers)]
                      for value, numbers in values]
            path.unlink()
            renamed.append([name, _hashed(bundle / "filter", language, "pf_filter",
                                          [filter_name, values])])
        meta[3] = renamed
        # Sort lists: page numbers in the sort's order.
        if len(meta) > 4:
            meta[4] = [[name, [new_number[p] for p in numbers]] for name, numbers in meta[4]]

        meta_path.unlink()
        raw = MAGIC + cbor_dump(meta)
        info["hash"] = f"{language}_{hashlib.sha256(raw).hexdigest()[:len(info['hash']) - len(language) - 1]}"
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(
            gzip.compress(raw, compresslevel=9, mtime=0))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
