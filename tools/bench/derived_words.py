"""Benchmark (not a test): the build's cost of the derived-word files (search.write_derived)
on a real vocabulary at a large site's size.

The generated sites of `make bench` have few derived words, so this takes the vocabulary of
the held-out search corpus (tests/fixtures/search-heldout, written by hand) and spreads each
word over as large a share of PAGES pages as it has of the corpus's documents.

Usage: python tools/bench/derived_words.py [--pages 20000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from kriya import search, search_morphology

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "search-heldout" / "content"


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--pages", type=int, default=20000)
    total = args.parse_args().pages
    documents = sorted(CORPUS.rglob("*.md"))
    share: dict[str, int] = {}
    for document in documents:
        for word in set(search.words(document.read_text(encoding="utf-8"))):
            share[word] = share.get(word, 0) + 1
    chance = random.Random(1)
    on = {
        word: set(chance.sample(range(total), max(1, round(n / len(documents) * total))))
        for word, n in sorted(share.items())
    }
    started = time.perf_counter()
    derived = search_morphology.derived_words(share)
    found = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        search.write_derived(derived, lambda word: on.get(word, set()), Path(folder))
        written = time.perf_counter()
        size = sum(path.stat().st_size for path in Path(folder).iterdir())
    print(
        f"{len(share)} words, {len(derived)} derived, {total} pages: derived_words "
        f"{found - started:.2f} s, write_derived {written - found:.2f} s, "
        f"{size / 1024:.0f} KB in {len(derived)} files"
    )


if __name__ == "__main__":
    main()
