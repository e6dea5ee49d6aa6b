"""Integrity of the held-out search evaluation set (tests/fixtures/search-heldout).

Checks the set itself, not search quality: every judged page exists, every query is usable, and
the dev/test split is the seeded one and covers every kind in both halves.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "search-heldout"
KINDS = {"turunan", "ulang", "inggris", "harga", "campuran", "salah-ketik", "gaul", "kata", "frasa"}


def pages() -> set[str]:
    """Page paths of the corpus: katalog/<file stem>, berita/<file stem without the date>."""
    products = {f"katalog/{p.stem}" for p in (HELDOUT / "content" / "products").glob("*.md")}
    news = {f"berita/{p.stem[11:]}" for p in (HELDOUT / "content" / "news").glob("*.md")}
    return products | news


@pytest.fixture(scope="module")
def queries() -> list[dict]:
    return yaml.safe_load((HELDOUT / "queries.yaml").read_text(encoding="utf-8"))


def test_corpus_has_enough_documents():
    news = list((HELDOUT / "content" / "news").glob("*.md"))
    products = list((HELDOUT / "content" / "products").glob("*.md"))
    assert len(news) + len(products) >= 150
    assert len(news) >= 60 and len(products) >= 60
    assert all(len(p.stem) > 11 and p.stem[10] == "-" for p in news), "news files are dated"
    assert len(pages()) == len(news) + len(products), "two files give the same page path"


def test_enough_queries_and_unique(queries):
    assert len(queries) >= 150
    texts = [q["query"] for q in queries]
    assert len(texts) == len(set(texts)), "a query is listed twice"


def test_every_query_is_well_formed(queries):
    for q in queries:
        assert set(q) == {"query", "kind", "half", "relevant"}, q
        assert isinstance(q["query"], str) and q["query"].strip(), q
        assert q["kind"] in KINDS, q
        assert q["half"] in {"dev", "test"}, q
        assert set(q["relevant"].values()) <= {1, 2}, q
        assert 2 in q["relevant"].values(), f"no grade-2 page: {q['query']!r}"


def test_every_judged_path_exists(queries):
    known = pages()
    missing = {(q["query"], path) for q in queries for path in q["relevant"] if path not in known}
    assert not missing


def test_every_kind_in_both_halves(queries):
    counts = Counter((q["kind"], q["half"]) for q in queries)
    for kind in KINDS:
        assert counts[kind, "dev"] >= 5 and counts[kind, "test"] >= 5, kind
        assert abs(counts[kind, "dev"] - counts[kind, "test"]) <= 1, kind


def test_split_is_the_seeded_one():
    result = subprocess.run(
        [sys.executable, str(HELDOUT / "split.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_extra_queries_are_dev_only_and_judged_pages_exist(queries):
    """queries-extra.yaml: more tuning queries over the same corpus, never the test half's."""
    extra = yaml.safe_load((HELDOUT / "queries-extra.yaml").read_text(encoding="utf-8"))
    known, listed = pages(), {q["query"] for q in queries}
    for q in extra:
        assert set(q) == {"query", "kind", "half", "relevant"} and q["half"] == "dev", q
        assert q["kind"] in KINDS and q["query"] not in listed, q
        assert 2 in q["relevant"].values() and set(q["relevant"]) <= known, q
    assert len({q["query"] for q in extra}) == len(extra)


@pytest.mark.parametrize("name", ["second-judge.yaml", "third-judge.yaml"])
def test_the_other_judgements_cover_every_query_once(queries, name):
    """The judgements tools/judge_agreement.py compares: every held-out and extra query once,
    with its set, kind and grades of pages that exist."""
    extra = yaml.safe_load((HELDOUT / "queries-extra.yaml").read_text(encoding="utf-8"))
    second = yaml.safe_load((HELDOUT / name).read_text(encoding="utf-8"))
    first = [(q["half"], q["query"], q["kind"]) for q in queries]
    first += [("extra", q["query"], q["kind"]) for q in extra]
    assert sorted((q["set"], q["query"], q["kind"]) for q in second) == sorted(first)
    known = pages()
    for q in second:
        assert set(q) == {"query", "kind", "set", "relevant"}, q
        assert set(q["relevant"].values()) <= {1, 2} and set(q["relevant"]) <= known, q


def test_judge_agreement_scores_one_judge_against_the_other():
    """The same grades agree fully whatever the order of tied pages; disjoint ones not at all;
    a judge who finds half the pages has half the recall."""
    sys.path.insert(0, str(HELDOUT.parents[2] / "tools"))
    import judge_agreement as agree

    a = {"katalog/a": 2, "katalog/b": 1, "katalog/c": 1}
    assert agree.expected(lambda rng: agree.by_grade(a, rng), a) == (1.0, 1.0)
    assert agree.expected(lambda rng: agree.by_grade({"katalog/x": 2}, rng), a) == (0.0, 0.0)
    ndcg, recall = agree.expected(lambda rng: agree.by_grade({"katalog/b": 2}, rng), a)
    assert recall == pytest.approx(1 / 3) and 0 < ndcg < 1
    assert agree.jaccard(a, {"katalog/a": 1}) == pytest.approx(1 / 3)
