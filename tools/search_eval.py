"""Measure search quality: judged Indonesian queries run through window.kriya.search in
headless Chromium, scored with nDCG@10, Recall@10 and MRR.

Usage: python tools/search_eval.py [--compare] [--lists] [--verbose]
  --compare  also score stock Pagefind (all words required, no Indonesian layer)
  --lists    also score a build where every word on 3 or more pages has a ranked list
             (src/kriya/search_lists.py; on a real site only words on 100+ pages have one)
  --verbose  print every query's score and its misses
Builds tests/fixtures/search-site (44 documents) with scripts/build.py into a temporary
folder; judgments: tests/fixtures/search-site/search-queries.yaml. Exit 1 below the targets.
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
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "search-site"
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
    relevant = {url for url, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:K])) / len(relevant)


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for i, url in enumerate(ranked):
        if grades.get(url, 0) > 0:
            return 1 / (i + 1)
    return 0.0


def build(folder: Path, frequent: int | None = None) -> Path:
    source = folder / "src"
    shutil.copytree(CORPUS, source)
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


def run_queries(site: Path, queries: list[dict], plain: bool) -> list[list[str]]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from serve import serve_folder

    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base)
        rankings = []
        for item in queries:
            results = page.evaluate(
                "([q, o]) => window.kriya.search(q, o)",
                [item["query"], {"limit": K, "plain": plain}],
            )
            rankings.append([r["url"].strip("/") for r in results])
        browser.close()
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


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--compare", action="store_true")
    args.add_argument("--lists", action="store_true")
    args.add_argument("--verbose", action="store_true")
    args = args.parse_args()
    queries = yaml.safe_load((CORPUS / "search-queries.yaml").read_text(encoding="utf-8"))
    documents = len(list((CORPUS / "content").rglob("*.md")))
    print(f"Corpus: {documents} documents, {len(queries)} judged queries")
    with tempfile.TemporaryDirectory() as folder:
        site = build(Path(folder))
        if args.compare:
            score(
                queries,
                run_queries(site, queries, plain=True),
                args.verbose,
                "Stock Pagefind (all words required)",
            )
        overall = score(
            queries,
            run_queries(site, queries, plain=False),
            args.verbose,
            "Kriya search (window.kriya.search)",
        )
    runs = [overall]
    if args.lists:
        with tempfile.TemporaryDirectory() as folder:
            site = build(Path(folder), frequent=LISTED_FROM)
            runs.append(
                score(
                    queries,
                    run_queries(site, queries, plain=False),
                    args.verbose,
                    f"Kriya search, ranked lists for words on {LISTED_FROM}+ pages",
                )
            )
    failed = [
        f"{name} {run[name]:.3f} < {target}"
        for run in runs
        for name, target in TARGETS.items()
        if run[name] < target
    ]
    if failed:
        print("Below target: " + "; ".join(failed))
        return 1
    print("Targets met: " + ", ".join(f"{name} >= {t}" for name, t in TARGETS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
