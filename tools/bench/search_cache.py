"""The search index and the link check of `kriya build` with and without their caches (#18).

On a built site of N news + N products, runs both the way `kriya build` does (the link check
in a forked child while this process indexes), three times: without cache (a full build),
with an empty cache (the first build that keeps one), then after one article is edited, with
the cache the second run left (a CI build after a one-file commit). Prints the wall time of
each and of each part, and how many shards Pagefind indexed. With --verify it indexes and
checks the edited site once more without cache and compares: the bundle byte for byte, the
list of broken links.

Usage: python tools/bench/search_cache.py [--size N] [--site BUILT_SITE] [--verify]
The built site is --site, or WORK/site-N (tools/bench/run.py leaves it), or is built here
from WORK/kriya-N (generated when missing). The site is copied first: nothing of it changes.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import Trash, build_kriya, prepare

from kriya import linkcheck, search
from kriya.speed import Speed
from kriya.speed.workers import start_forked

SITE_URL = "https://skala.example/"  # the generated projects' site_url


def built_site(args) -> Path:
    if args.site:
        return args.site
    site = args.work / f"site-{args.size}"
    if not (site / "index.html").exists():
        source, _ = prepare(args.work, args.size)
        build_kriya(source, site)
    return site


def copy_site(site: Path, target: Path) -> None:
    """`site` without its search bundle (index_site makes it)."""
    shutil.copytree(
        site, target, ignore=lambda folder, _: ["pagefind"] if Path(folder) == site else []
    )


def edit_one_article(site: Path) -> Path:
    """One article's text changed, written as a new file (as a build writes it)."""
    articles = sorted((site / "berita").glob("*/index.html"))
    page = articles[len(articles) // 2]
    html = page.read_text(encoding="utf-8")
    assert "</p>" in html, page
    page.unlink()
    page.write_text(html.replace("</p>", " Kalimat suntingan untuk uji cache.</p>", 1), "utf-8")
    return page


PHASES = ("indexable_pages", "_page_digests", "_cached_shard", "run_pagefind", "pack", "top_lists")
PHASES += ("write_vocabulary", "write_lists")


def time_phases(seconds: dict[str, float]) -> None:
    """Add the seconds spent in each of search's PHASES to `seconds`."""

    def timed(name, function):
        def run(*args, **kwargs):
            mark = time.monotonic()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0) + time.monotonic() - mark

        return run

    for name in PHASES:
        setattr(search, name, timed(name, getattr(search, name)))


def both(site: Path, trash: Trash, cache: Path | None, runs: list, phases: dict) -> dict:
    """Index and check `site` as kriya build does; seconds of each part and of both."""
    trash.clear(site / search.BUNDLE)
    before = sum(runs)
    phases.clear()
    cpu = cpu_seconds()
    started = time.monotonic()

    def check():
        mark = time.monotonic()
        broken = linkcheck.check_site(site, SITE_URL, cache and cache / "tautan")
        return broken, time.monotonic() - mark

    checked = start_forked(check)
    search.index_site(site, search.FREQUENT_PAGES, Speed().share, cache and cache / "pencarian")
    indexed = time.monotonic() - started
    broken, link_seconds = checked()
    return {
        "both": time.monotonic() - started,
        "cpu": cpu_seconds() - cpu,
        "search": indexed,
        "links": link_seconds,
        "shards": sum(runs) - before,
        "broken": broken,
        "phases": ", ".join(
            f"{name.strip('_')} {phases[name]:.1f}" for name in PHASES if name in phases
        ),
    }


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Pagefind, workers, the forked
    link check): less sensitive than wall time to other work on a shared machine."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bundle_bytes(site: Path) -> dict[str, bytes]:
    bundle = site / search.BUNDLE
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10000, help="N news + N products")
    parser.add_argument("--site", type=Path, help="a built site (default: WORK/site-N)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kriya-bench"))
    parser.add_argument("--verify", action="store_true", help="compare with a run without cache")
    args = parser.parse_args()
    source = built_site(args)
    trash = Trash(args.work / f"search-cache-{args.size}")
    site, cache = trash.folder.parent / "site", trash.folder.parent / "cache"
    trash.clear(site)
    trash.clear(cache)
    copy_site(source, site)
    pages = len(search.indexable_pages(site))
    print(f"{pages} pages to index, {len(search.shards_of(search.indexable_pages(site)))} shards")

    runs: list[int] = []
    pagefind = search.run_pagefind
    search.run_pagefind = lambda site, shards, *rest: (
        runs.append(len(shards)) or pagefind(site, shards, *rest)
    )
    phases: dict[str, float] = {}
    time_phases(phases)
    rows = [("without cache", both(site, trash, None, runs, phases))]
    rows.append(("empty cache", both(site, trash, cache, runs, phases)))
    edited = edit_one_article(site)
    rows.append(
        (f"one article edited ({edited.parent.name})", both(site, trash, cache, runs, phases))
    )

    print(
        "\n| run | search + link check s | search s | link check s | CPU s (all processes) "
        "| shards indexed |"
    )
    print("|---|---|---|---|---|---|")
    for label, row in rows:
        print(
            f"| {label} | {row['both']:.1f} | {row['search']:.1f} | {row['links']:.1f} "
            f"| {row['cpu']:.1f} | {row['shards']} |"
        )
    print("\nSearch phases (s):")
    for label, row in rows:
        print(f"- {label}: {row['phases']}")
    full, edit = rows[0][1], rows[2][1]
    print(
        f"\nAfter one edit: {100 * edit['both'] / full['both']:.1f} % of the run without cache "
        f"(CPU: {100 * edit['cpu'] / full['cpu']:.1f} %)."
    )

    if args.verify:
        cached = bundle_bytes(site)
        fresh = both(site, trash, None, runs, phases)
        same = bundle_bytes(site) == cached and fresh["broken"] == rows[2][1]["broken"]
        print("Same bundle and broken links as without cache:", "yes" if same else "NO")
        if not same:
            raise SystemExit(1)
    trash.empty()


if __name__ == "__main__":
    main()
