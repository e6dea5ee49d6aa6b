"""Best pages of the site's most frequent words, ranked at build time.

In the browser a Pagefind search costs about 50 µs per matching page (it returns every match
with all its word positions), so a word found on 9,000 of 10,000 pages takes half a second,
and showing each result costs a fetch of its fragment (several milliseconds each).
For every word on at least LISTED_PAGES pages this module writes the word's pages, best first,
scored with BM25 like Pagefind scores them, to `kriya-sering/<word>.json`:
{"n": pages using the word, "p": [fragment names], "s": [scores], "c": [result cards of the
first TOP_PAGES]}; a word on fewer than FREQUENT_PAGES pages has all its pages listed, a more
frequent one its best TOP_PAGES (those are what a query with it shows first). With no filter
chosen, search.js reads the lists instead of asking Pagefind, and shows results from their cards
without fetching each page's fragment.
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

LISTED_PAGES = 100  # a word on this many pages gets a list
FREQUENT_PAGES = 500  # about 25 ms of Pagefind work: from here on, only the best pages
TOP_PAGES = 100  # five pages of results on /cari/
FOLDER = "kriya-sering"
# BM25 as Pagefind applies it: term saturation, page-length normalisation; a word in the
# title counts like TITLE_WEIGHT words of text (Pagefind weighs <h1> words up the same way).
K1, B = 1.2, 0.75
TITLE_WEIGHT = 5
# Pagefind's scores for the same pages are about this many times larger (its word weights
# differ); measured on the 10,000-item bench site for eight words (median ratios 4.3-5.4).
# Scaling keeps a listed word's weight next to Pagefind-scored words in one query.
PAGEFIND_SCALE = 5.0


@dataclass
class IndexedPage:
    name: str  # fragment name in the Pagefind bundle (Pagefind's page id)
    title: list[str]
    text: list[str]  # every word of the title and the content
    card: dict | None = None  # what a result shows: {"u": url, "m": meta, "x"?: excerpt}


def top_lists(
    pages: list[IndexedPage],
    counts: Counter,
    listed_pages: int,
    frequent_pages: int = FREQUENT_PAGES,
) -> dict:
    """word -> {"n", "p", "s", "c"} for every word on at least `listed_pages` pages: all its
    pages while it is on fewer than `frequent_pages`, else the best TOP_PAGES; cards for the
    first TOP_PAGES."""
    frequent = {word for word, n in counts.items() if n >= listed_pages}
    size = {w: counts[w] if counts[w] < frequent_pages else TOP_PAGES for w in frequent}
    if not frequent or not pages:
        return {}
    total = len(pages)
    average = sum(len(page.text) for page in pages) / total or 1.0
    idf = {w: math.log(1 + (total - counts[w] + 0.5) / (counts[w] + 0.5)) for w in frequent}
    best: dict[str, list] = {word: [] for word in frequent}
    cards = {page.name: page.card for page in pages}
    for page in pages:
        found = Counter(w for w in page.text if w in frequent)
        for word in page.title:
            if word in found:
                found[word] += TITLE_WEIGHT - 1  # already counted once in the text
        norm = K1 * (1 - B + B * len(page.text) / average)
        for word, tf in found.items():
            item = (PAGEFIND_SCALE * idf[word] * tf * (K1 + 1) / (tf + norm), page.name)
            heap = best[word]
            if len(heap) < size[word]:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
    lists = {}
    for word, heap in best.items():
        ranked = sorted(heap, reverse=True)  # ties: the order the heap keeps them in
        names = [name for _, name in ranked]
        lists[word] = {
            "n": counts[word],
            "p": names,
            "s": [round(score, 4) for score, _ in ranked],
            "c": [cards[name] for name in names[:TOP_PAGES]],
        }
    return lists


def write_lists(lists: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for word, body in lists.items():
        (folder / f"{word}.json").write_text(
            json.dumps(body, separators=(",", ":")), encoding="utf-8"
        )
