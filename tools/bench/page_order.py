"""Benchmark (not a test): how big the page list of a built site's search bundle would be in
an order that an edit keeps, against the word-count order the merge uses.

The page list (Pagefind's meta file) is what every first search downloads. Kriya numbers the
pages in order of their word count, so the list compresses to runs of equal counts; but a
page whose count changes moves, and renumbers every page between (see README, #18). Here the
same pages are numbered by shard and address instead (which no edit changes), with their
word counts exact or rounded to a few levels (each level a constant factor apart).

Usage: python tools/bench/page_order.py SITE_FOLDER
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from pathlib import Path

from kriya import search
from kriya.search_pack import MAGIC, _base36, _dump, fragment_data, read_file


def size(meta: list, pages: list) -> int:
    """Bytes of the gzip-compressed meta file with `pages` as its page list."""
    changed = list(meta)
    changed[1] = pages
    return len(gzip.compress(MAGIC + _dump(changed), compresslevel=9, mtime=0))


def rounded(count: int, factor: float) -> int:
    if count < 2:
        return count
    return round(factor ** round(math.log(count) / math.log(factor)))


def main() -> None:
    bundle = Path(sys.argv[1]) / search.BUNDLE
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    language = sorted(entry["languages"])[0]
    meta = read_file(bundle / f"pagefind.{entry['languages'][language]['hash']}.pf_meta")
    pages = meta[1]
    urls = [
        fragment_data((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())["url"]
        for name, _ in pages
    ]
    paths = [Path(url.strip("/"), "index.html") for url in urls]
    shards = math.ceil(len(pages) / search.SHARD_PAGES)
    kept = sorted(range(len(pages)), key=lambda i: (search.shard_number(paths[i], shards), urls[i]))
    names = [_base36(n) for n in range(len(pages))]
    print(f"{len(pages)} pages ({language}), {shards} shards")
    print(f"  word-count order (as built): {size(meta, pages) / 1024:.1f} KB")
    counts = [pages[i][1] for i in kept]

    def listed(values: list[int]) -> str:
        return f"{size(meta, [[name, value] for name, value in zip(names, values)]) / 1024:.1f} KB"

    print(f"  shard and address order, exact counts: {listed(counts)}")
    for factor in (1.02, 1.05, 1.1, 1.2, 1.3, 2.0):
        levels = [rounded(count, factor) for count in counts]
        print(f"  ... counts rounded to powers of {factor} ({len(set(levels))}): {listed(levels)}")


if __name__ == "__main__":
    main()
