"""How far two judges of the held-out search set agree, and where Kriya stands between them.

Usage: python tools/judge_agreement.py [--kriya] [--half dev]
  The first judgement is tests/fixtures/search-heldout/queries.yaml and queries-extra.yaml
  (A: the one the targets are measured on); the second, written apart from it, is
  second-judge.yaml (B). For each set (dev half, test half, extra queries) it prints:
  - B's relevant pages ranked by B's grade, scored against A's grades (nDCG@10, Recall@10,
    as tools/search_eval.py scores a search), and A's against B's: a search that ranked
    exactly as one careful reader judged would score this against the other;
  - the overlap (Jaccard) of the two judges' relevant pages.
  Pages one judge grades alike are in no order: the scores are averaged over SHUFFLES random
  orders (seeded, so the figures repeat).
  --kriya   also build the held-out site and score Kriya's search against A and against B,
            and "B, then Kriya": B's relevant pages first, then Kriya's other results (what
            a search that read like B, with Kriya's results after, would score against A)
  --half dev  with --kriya, run only the dev half and the extra queries (for tuning)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search_eval  # a sibling tool, found through the path above

HELDOUT = search_eval.SETS["heldout"][0]
SETS = ("dev", "test", "extra")
SHUFFLES = 200


def judged() -> list[dict]:
    """The held-out queries, each with `set`, A's grades (`a`) and B's (`b`)."""
    first = yaml.safe_load((HELDOUT / "queries.yaml").read_text(encoding="utf-8"))
    extra = yaml.safe_load((HELDOUT / "queries-extra.yaml").read_text(encoding="utf-8"))
    second = yaml.safe_load((HELDOUT / "second-judge.yaml").read_text(encoding="utf-8"))
    by_query = {(q["set"], q["query"]): q["relevant"] for q in second}
    items = [{**q, "set": q["half"]} for q in first] + [{**q, "set": "extra"} for q in extra]
    return [
        {
            "query": q["query"],
            "kind": q["kind"],
            "set": q["set"],
            "a": q["relevant"],
            "b": by_query[q["set"], q["query"]],
        }
        for q in items
    ]


def by_grade(grades: dict[str, int], rng: random.Random) -> list[str]:
    """The graded pages, best grade first, those of one grade in a random order."""
    pages = [page for page, grade in grades.items() if grade > 0]
    rng.shuffle(pages)
    return sorted(pages, key=lambda page: -grades[page])


def scored(ranked: list[str], grades: dict[str, int]) -> tuple[float, float]:
    return search_eval.ndcg(ranked, grades), search_eval.recall(ranked, grades)


def expected(make_ranking, grades: dict[str, int]) -> tuple[float, float]:
    """Mean (nDCG@10, Recall@10) over SHUFFLES seeded tie orders of `make_ranking(rng)`."""
    rng = random.Random(20261205)
    runs = [scored(make_ranking(rng), grades) for _ in range(SHUFFLES)]
    return statistics.mean(r[0] for r in runs), statistics.mean(r[1] for r in runs)


def jaccard(a: dict[str, int], b: dict[str, int]) -> float:
    first, second = set(a), set(b)
    return len(first & second) / len(first | second) if first | second else 1.0


def mean_pair(pairs) -> str:
    pairs = list(pairs)
    return (
        f"{statistics.mean(p[0] for p in pairs):.3f} / {statistics.mean(p[1] for p in pairs):.3f}"
    )


def agreement(items: list[dict]) -> None:
    print("nDCG@10 / Recall@10 of one judge's ranking against the other's grades")
    for name in SETS:
        chosen = [q for q in items if q["set"] == name]
        b_on_a = [expected(lambda rng, q=q: by_grade(q["b"], rng), q["a"]) for q in chosen]
        a_on_b = [expected(lambda rng, q=q: by_grade(q["a"], rng), q["b"]) for q in chosen]
        overlap = statistics.mean(jaccard(q["a"], q["b"]) for q in chosen)
        print(
            f"  {name:<5} n={len(chosen):<3} B on A: {mean_pair(b_on_a)}   "
            f"A on B: {mean_pair(a_on_b)}   relevant pages in common (Jaccard): {overlap:.3f}"
        )


def with_kriya(items: list[dict], half: str | None) -> None:
    chosen = [q for q in items if not half or q["set"] in (half, "extra")]
    with tempfile.TemporaryDirectory() as folder:
        site = search_eval.build(HELDOUT, Path(folder))
        rankings = search_eval.run_queries(site, chosen, plain=False)
    print("Kriya's search: against A, against B, and B's pages first, then Kriya's, against A")
    for name in SETS:
        rows = [(q, r) for q, r in zip(chosen, rankings, strict=True) if q["set"] == name]
        if not rows:
            continue
        against_a = [scored(r, q["a"]) for q, r in rows]
        against_b = [scored(r, q["b"]) for q, r in rows]

        def b_then(rng, q, ranked):
            first = by_grade(q["b"], rng)
            return first + [page for page in ranked if page not in first]

        combined = [expected(lambda rng, q=q, r=r: b_then(rng, q, r), q["a"]) for q, r in rows]
        print(
            f"  {name:<5} n={len(rows):<3} Kriya on A: {mean_pair(against_a)}   "
            f"Kriya on B: {mean_pair(against_b)}   B then Kriya on A: {mean_pair(combined)}"
        )


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--kriya", action="store_true")
    args.add_argument("--half", choices=["dev"])
    options = args.parse_args()
    items = judged()
    agreement(items)
    if options.kriya:
        with_kriya(items, options.half)
    return 0


if __name__ == "__main__":
    sys.exit(main())
