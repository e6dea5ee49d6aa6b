"""How far the judges of the held-out search set agree, and where Kriya stands among them.

Usage: python tools/judge_agreement.py [--kriya] [--half dev]
  Three judgements of the same queries, in tests/fixtures/search-heldout/:
  A  queries.yaml and queries-extra.yaml: the first, on which the targets are measured;
  B  second-judge.yaml: a second judge's, written apart from A;
  C  third-judge.yaml: the pages A or B found relevant, pooled and graded again by readers who
     were not told which judge had named them (an adjudication).
  For each set (dev half, test half, extra queries) and each pair of judges it prints "X on Y":
  X's relevant pages ranked by X's grade, scored against Y's grades (nDCG@10 / Recall@10, as
  tools/search_eval.py scores a search): what a search that ranked exactly as one careful
  reader judged would score against another. Pages one judge grades alike are in no order:
  the scores are averaged over SHUFFLES seeded random orders (so the figures repeat).
  --kriya   also build the held-out site and score Kriya's search against each judge, and "B,
            then Kriya" against A: B's relevant pages first, then Kriya's other results
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
JUDGES = {"B": "second-judge.yaml", "C": "third-judge.yaml"}  # and A, the judged set itself
SHUFFLES = 200


def _read(name: str) -> list[dict]:
    return yaml.safe_load((HELDOUT / name).read_text(encoding="utf-8"))


def judged() -> list[dict]:
    """The held-out queries, each with `set` and every judge's grades (`A`, `B`, `C`)."""
    items = [{**q, "set": q["half"]} for q in _read(search_eval.SETS["heldout"][1])]
    items += [{**q, "set": "extra"} for q in _read(search_eval.SETS["extra"][1])]
    others = {
        judge: {(q["set"], q["query"]): q["relevant"] for q in _read(name)}
        for judge, name in JUDGES.items()
    }
    return [
        {
            "query": q["query"],
            "set": q["set"],
            "A": q["relevant"],
            **{judge: grades[q["set"], q["query"]] for judge, grades in others.items()},
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
    print("nDCG@10 / Recall@10 of one judge's ranking (X) against another's grades (Y): X on Y")
    judges = ["A", *JUDGES]
    for name in SETS:
        chosen = [q for q in items if q["set"] == name]
        cells = []
        for x in judges:
            for y in judges:
                if x != y:
                    on = [expected(lambda rng, g=q[x]: by_grade(g, rng), q[y]) for q in chosen]
                    cells.append(f"{x} on {y} {mean_pair(on)}")
        overlap = statistics.mean(jaccard(q["A"], q["B"]) for q in chosen)
        print(f"  {name:<5} n={len(chosen):<3} " + "  ".join(cells))
        print(f"        relevant pages A and B have in common (Jaccard): {overlap:.3f}")


def with_kriya(items: list[dict], half: str | None) -> None:
    chosen = [q for q in items if not half or q["set"] in (half, "extra")]
    with tempfile.TemporaryDirectory() as folder:
        site = search_eval.build(HELDOUT, Path(folder))
        rankings = search_eval.run_queries(site, chosen, plain=False)
    print("Kriya's search against each judge, and B's pages first, then Kriya's, against A")
    for name in SETS:
        rows = [(q, r) for q, r in zip(chosen, rankings, strict=True) if q["set"] == name]
        if not rows:
            continue

        def b_then(rng, q, ranked):
            first = by_grade(q["B"], rng)
            return first + [page for page in ranked if page not in first]

        combined = [expected(lambda rng, q=q, r=r: b_then(rng, q, r), q["A"]) for q, r in rows]
        cells = [f"Kriya on {j} {mean_pair(scored(r, q[j]) for q, r in rows)}" for j in "ABC"]
        print(f"  {name:<5} n={len(rows):<3} " + "  ".join(cells), end="")
        print(f"  B then Kriya on A {mean_pair(combined)}")


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
