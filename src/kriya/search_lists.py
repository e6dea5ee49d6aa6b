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
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, ge, mul, truediv
from pathlib import Path

from .search_morphology import MIN_LENGTH

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
class ListedPage:
    name: str  # fragment name in the Pagefind bundle (Pagefind's page id)
    length: int  # words in its title and content
    card: dict | None = None  # what a result shows: {"u": url, "m": meta, "x"?: excerpt}
    categories: tuple[str, ...] = ()  # a product's category labels (Pagefind's "kategori")


def weights(title: list[str], text: list[str]) -> Counter:
    """Word -> its weight on a page: how often the text (title and content) uses it, a title
    word counting TITLE_WEIGHT times (Pagefind weighs <h1> words up the same way); words
    shorter than MIN_LENGTH are left out, as from the vocabulary."""
    found = Counter(word for word in text if len(word) >= MIN_LENGTH)
    for word in title:
        if word in found:
            found[word] += TITLE_WEIGHT - 1  # already counted once in the text
    return found


def top_lists(
    pages: list[ListedPage],
    postings: Mapping[str, tuple[list[int], list[int]]],
    counts: Mapping[str, int],
    listed_pages: int,
    frequent_pages: int = FREQUENT_PAGES,
) -> dict:
    """word -> {"n", "p", "s", "c"} for every word on at least `listed_pages` pages: all its
    pages while it is on fewer than `frequent_pages`, else the best TOP_PAGES; cards for the
    first TOP_PAGES. `postings`: word -> (indexes in `pages`, weights) of the pages using
    it, for at least those words; `counts`: word -> pages using it."""
    frequent = sorted(word for word, n in counts.items() if n >= listed_pages)
    if not frequent or not pages:
        return {}
    total = len(pages)
    average = sum(page.length for page in pages) / total or 1.0
    norms = [K1 * (1 - B + B * page.length / average) for page in pages]
    names = [page.name for page in pages]
    cards = {page.name: page.card for page in pages}
    lists = {}
    for word in frequent:
        n = counts[word]
        idf = math.log(1 + (total - n + 0.5) / (n + 0.5))
        found, tfs = postings.get(word, ([], []))
        # BM25: scale * tf / (tf + norm) for each page, in C loops (2.8 million scores at
        # 20,000 pages), with the page's name to order equal scores
        scale = PAGEFIND_SCALE * idf * (K1 + 1)
        scores = map(
            truediv, map(mul, tfs, repeat(scale)), map(add, tfs, map(norms.__getitem__, found))
        )
        if n < frequent_pages:
            ranked = sorted(zip(scores, map(names.__getitem__, found)), reverse=True)
        else:
            ranked = _best(list(scores), found, names)
        lists[word] = {
            "n": n,
            "p": [name for _, name in ranked],
            "s": [round(score, 4) for score, _ in ranked],
            "c": [cards[name] for _, name in ranked[:TOP_PAGES]],
        }
    return lists


def _best(scores: list[float], found: list[int], names: list[str]) -> list[tuple[float, str]]:
    """The TOP_PAGES best (score, name) of the pages `found` (indexes in `names`), best
    first, as heapq.nlargest gives them: sorted from the pages scoring at least the
    TOP_PAGES-th best score. That score comes from the scores alone (nlargest of bare floats
    was 5x faster than sorting 20,000 of them, and 0.3 s faster at 20,000 pages than
    nlargest of (score, name) pairs)."""
    if len(scores) > TOP_PAGES:
        best = list(map(ge, scores, repeat(heapq.nlargest(TOP_PAGES, scores)[-1])))
        scores, found = list(compress(scores, best)), list(compress(found, best))
    return sorted(zip(scores, map(names.__getitem__, found)), reverse=True)[:TOP_PAGES]


def write_lists(lists: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for word, body in lists.items():
        (folder / f"{word}.json").write_text(
            json.dumps(body, separators=(",", ":")), encoding="utf-8"
        )
