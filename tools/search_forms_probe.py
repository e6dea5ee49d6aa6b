"""Derived words a site does not use: does search still reach the pages of their root?

Usage: python tools/search_forms_probe.py [--set heldout|original] [--words N] [--verbose]
  Builds the corpus (as tools/search_eval.py does), reads the roots the build found
  (the vocabulary shards' root map: root -> the site's forms of it) and makes, from every root
  of four or more letters, the derived words of PATTERNS that the site does not use (the
  nasal prefixes meN- and peN- change the root's first letter as Indonesian spelling does:
  tulis -> penulisan, batik -> pembatikan, kirim -> pengiriman; and the spoken forms people
  type: nunggu, motret, dijualin). Some are not real words; all are words a visitor could
  type. N of them (seeded sample, default 3000) are searched with
  window.kriya.search in headless Chromium. A word passes when one of its first ten results
  is a page with a form of its root (a Pagefind exact search of each form). Prints the pass
  rate per pattern; --verbose also lists the words that fail. No judged relevance: this
  measures reach, not ranking.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_eval  # a sibling tool, found through the path above

from kriya.search_morphology import NASAL_START, VOWELS


def nasal(root: str, prefix: str) -> str:
    """meN- or peN- (prefix "me" or "pe") before `root`."""
    first = root[0]
    if first in VOWELS or first in "gh":
        return f"{prefix}ng{root}"
    if first in NASAL_START:  # (the letter the nasal replaces)
        return prefix + NASAL_START[first] + root[1:]
    kept = {"b": "m", "f": "m", "c": "n", "d": "n", "j": "n", "z": "n"}
    return prefix + kept.get(first, "") + root


def spoken(root: str) -> str:
    """The spoken nasal prefix before `root` (tunggu -> nunggu, potret -> motret, cari ->
    nyari, kirim -> ngirim, anyam -> nganyam, beli -> ngebeli)."""
    first = root[0]
    if first in VOWELS:
        return "ng" + root
    replaced = {**NASAL_START, "c": "ny"}
    return replaced[first] + root[1:] if first in replaced else "nge" + root


PATTERNS = {
    "peN-an": lambda r: nasal(r, "pe") + "an",
    "peN-": lambda r: nasal(r, "pe"),
    "meN-": lambda r: nasal(r, "me"),
    "meN-kan": lambda r: nasal(r, "me") + "kan",
    "di-": lambda r: "di" + r,
    "di-kan": lambda r: f"di{r}kan",
    "ke-an": lambda r: f"ke{r}an",
    "ber-": lambda r: ("be" if r[0] == "r" else "ber") + r,
    "ter-": lambda r: "ter" + r,
    "per-an": lambda r: ("pe" if r[0] == "r" else "per") + r + "an",
    "-an": lambda r: r + "an",
    "N- spoken": spoken,
    "N-in spoken": lambda r: spoken(r) + "in",
    "di-in spoken": lambda r: f"di{r}in",
}

CHECK = """async ([word, forms]) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI));
  const expected = new Set();
  for (const form of forms) {
    const answer = await pagefind.search(`"${form}"`);
    for (const result of answer.results.slice(0, 30)) expected.add((await result.data()).url);
  }
  const found = await window.kriya.search(word, { limit: 10 });
  return found.some((result) => expected.has(result.url));
}"""


def derived_words(site: Path, count: int) -> list[tuple[str, str, list[str]]]:
    """(pattern, word, the root's forms on the site), a seeded sample of `count`."""
    vocabulary: set[str] = set()
    forms_of: dict[str, list[str]] = {}
    for shard in (site / "pagefind" / "kriya-kata").glob("*.json"):
        data = json.loads(shard.read_text(encoding="utf-8"))
        vocabulary.update(data["w"])
        forms_of.update(data.get("a", {}))
    words = []
    for root, forms in sorted(forms_of.items()):
        if len(root) >= 4 and root.isalpha():
            for name, make in PATTERNS.items():
                if (word := make(root)) not in vocabulary:
                    words.append((name, word, forms))
    random.Random(20261205).shuffle(words)
    return words[:count]


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--set", choices=["heldout", "original"], default="heldout")
    args.add_argument("--words", type=int, default=3000)
    args.add_argument("--verbose", action="store_true")
    options = args.parse_args()
    passed: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failed = []
    with tempfile.TemporaryDirectory() as folder:
        site = search_eval.build(search_eval.SETS[options.set][0], Path(folder))
        words = derived_words(site, options.words)
        with search_eval.served_page(site) as page:
            for name, word, forms in words:
                reached = page.evaluate(CHECK, [word, forms])
                passed[name][0] += reached
                passed[name][1] += 1
                if not reached:
                    failed.append(f"{name:8} {word} (forms on the site: {', '.join(forms[:4])})")
    print(f"{options.set}: {len(words)} derived words the site does not use")
    for name, (good, total) in sorted(passed.items()):
        print(f"  {name:8} {good}/{total}")
    good = sum(g for g, _ in passed.values())
    print(f"  reached the pages of their root: {good}/{len(words)}")
    if options.verbose:
        print("\n".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
