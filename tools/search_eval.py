"""Measure search quality: judged Indonesian queries run through window.kriya.search in
headless Chromium, scored with nDCG@10, Recall@10 and MRR.

Usage: python tools/search_eval.py [--set original|heldout|extra|all] [--half dev] [--compare]
                                   [--lists] [--verbose]
  --set      original: tests/fixtures/search-site (44 documents, 55 queries, the set the
             search layer was first tuned on); heldout: tests/fixtures/search-heldout (written
             independently, before any results; every query is in the "dev" or the "test"
             half, split once at random); extra: 49 more dev-half queries over the
             held-out corpus (queries-extra.yaml), for tuning only. Default: all.
  --half dev score only the held-out set's dev half (and the original set): the test half's
             queries are not even run, so tuning never sees them. Use this while working;
             run without it once, at the end, to report the test half.
  --compare  also score stock Pagefind (all words required, no Indonesian layer)
  --lists    also score the original set with a ranked list for every word on 3 or more
             pages (src/kriya/search_lists.py; on a real site only words on 100+ pages)
  --verbose  print every query's score and its misses
Tune only on the dev half; the targets are checked on the original set and the test half.
Each corpus is built with scripts/build.py into a temporary folder. Exit 1 below a target.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SETS = {
    "original": (FIXTURES / "search-site", "search-queries.yaml"),
    "heldout": (FIXTURES / "search-heldout", "queries.yaml"),
    # more dev-half queries over the held-out corpus, written later (tuning only)
    "extra": (FIXTURES / "search-heldout", "queries-extra.yaml"),
}
TARGETS = {"nDCG@10": 0.95, "Recall@10": 0.95}
CHROMIUM = os.environ.get("KRIYA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
K = 10
LISTED_FROM = 3  # --lists: words on this many pages get ranked lists


def ndcg(ranked: list[str], grades: dict[str, int]) -> float:
    gain = sum((2 ** grades.get(url, 0) - 1) / math.log2(i + 2) for i, url in enumerate(ranked[:K]))
    ideal = sorted(grades.values(), reverse=True)[:K]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return gain / best if best else 0.0


def recall(ranked: list[str], grades: dict[str, int]) -> float:
    """Relevant pages in the top K over the relevant pages that fit there: a query with more
    than K relevant pages (a sixth of the held-out set) can still reach 1."""
    relevant = {url for url, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:K])) / min(len(relevant), K)


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for i, url in enumerate(ranked):
        if grades.get(url, 0) > 0:
            return 1 / (i + 1)
    return 0.0


def build(corpus: Path, folder: Path, frequent: int | None = None) -> Path:
    source = folder / "src"
    shutil.copytree(corpus, source)
    env = {**os.environ, "KRIYA_NOW": "2026-11-20T12:00:00+07:00"}
    if frequent:
        env["KRIYA_SEARCH_FREQUENT"] = str(frequent)
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(source)],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
    return source / "site"


@contextmanager
def served_page(site: Path):
    """A headless Chromium page open on the built `site`, served on loopback."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from serve import serve_folder

    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base)
        yield page
        browser.close()


def run_queries(site: Path, queries: list[dict], plain: bool) -> list[list[str]]:
    rankings = []
    with served_page(site) as page:
        for item in queries:
            results = page.evaluate(
                "([q, o]) => window.kriya.search(q, o)",
                [item["query"], {"limit": K, "plain": plain}],
            )
            rankings.append([r["url"].strip("/") for r in results])
    return rankings


def score(queries, rankings, verbose: bool, label: str) -> dict:
    totals = defaultdict(float)
    by_kind = defaultdict(lambda: defaultdict(float))
    for item, ranked in zip(queries, rankings):
        grades = item["relevant"]
        row = {
            "nDCG@10": ndcg(ranked, grades),
            "Recall@10": recall(ranked, grades),
            "MRR": reciprocal_rank(ranked, grades),
        }
        for name, value in row.items():
            totals[name] += value
            by_kind[item["kind"]][name] += value
        by_kind[item["kind"]]["n"] += 1
        if verbose:
            missed = [u for u, g in grades.items() if g > 0 and u not in ranked[:K]]
            print(
                f"  {row['nDCG@10']:.3f} {row['Recall@10']:.2f} {row['MRR']:.2f}  "
                f"{item['query']!r}" + (f"  missed: {missed}" if missed else "")
            )
    n = len(queries)
    overall = {name: value / n for name, value in totals.items()}
    print(f"\n{label}: {n} queries")
    for kind, sums in by_kind.items():
        count = int(sums["n"])
        print(
            f"  {kind:<16} n={count:<3} nDCG@10={sums['nDCG@10'] / count:.3f}  "
            f"Recall@10={sums['Recall@10'] / count:.3f}  MRR={sums['MRR'] / count:.3f}"
        )
    print("  " + "  ".join(f"{name}={value:.3f}" for name, value in overall.items()))
    return overall


def evaluate(
    name: str, compare: bool, lists: bool, verbose: bool, half: str | None = None
) -> list[tuple[str, dict]]:
    """(label, scores) of the runs that count for the targets; with `half`, only the queries
    of that half (and those of a set without halves) are run."""
    corpus, judged = SETS[name]
    queries = yaml.safe_load((corpus / judged).read_text(encoding="utf-8"))
    if half:
        queries = [q for q in queries if q.get("half", half) == half]
    documents = len(list((corpus / "content").rglob("*.md")))
    print(f"\n=== {name}: {documents} documents, {len(queries)} judged queries")
    halves = sorted({q["half"] for q in queries if "half" in q})
    parts = [(f"{name} {h} half", [q for q in queries if q.get("half") == h]) for h in halves]
    parts = parts or [(name, queries)]
    counted = []
    with tempfile.TemporaryDirectory() as folder:
        site = build(corpus, Path(folder))
        for plain in (True, False) if compare else (False,):
            label = "Stock Pagefind" if plain else "Kriya search"
            rankings = dict(
                zip(map(id, queries), run_queries(site, queries, plain=plain), strict=True)
            )
            for part, chosen in parts:
                scores = score(
                    chosen, [rankings[id(q)] for q in chosen], verbose, f"{label}, {part}"
                )
                if not plain and (half or not part.endswith("dev half")):
                    counted.append((part, scores))
    if lists:
        with tempfile.TemporaryDirectory() as folder:
            site = build(corpus, Path(folder), frequent=LISTED_FROM)
            label = f"Kriya search with ranked lists for words on {LISTED_FROM}+ pages, {name}"
            counted.append(
                (label, score(queries, run_queries(site, queries, False), verbose, label))
            )
    return counted


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--set", choices=[*SETS, "all"], default="all")
    args.add_argument("--half", choices=["dev"])
    args.add_argument("--compare", action="store_true")
    args.add_argument("--lists", action="store_true")
    args.add_argument("--verbose", action="store_true")
    args = args.parse_args()
    counted = []
    for name in SETS if args.set == "all" else [args.set]:
        lists = args.lists and name == "original"
        counted += evaluate(name, args.compare, lists, args.verbose, args.half)
    failed = [
        f"{label}: {metric} {scores[metric]:.3f} < {target}"
        for label, scores in counted
        for metric, target in TARGETS.items()
        if scores[metric] < target
    ]
    print()
    if failed:
        print("Below target:\n  " + "\n  ".join(failed))
        return 1
    print(
        "Targets met ("
        + ", ".join(label for label, _ in counted)
        + "): "
        + ", ".join(f"{metric} >= {t}" for metric, t in TARGETS.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
