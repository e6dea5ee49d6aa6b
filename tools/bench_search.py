"""Benchmark (not a test): search on a generated site of 10,000 items (5,000 news, 5,000
products), served on loopback with gzip like a real static host, in headless Chromium.

Prints the bytes transferred (compressed) and the time of the first query (nothing of the
search loaded before it), the times of later queries, and the size of the search index.
Targets: first query <= 150 KB and <= 300 ms, later queries <= 50 ms.

Usage: python tools/bench_search.py [--items 10000] [--work /tmp/kriya-search-bench]
                                    [--first QUERY]
The generated project and its build are cached in the work folder. --first: the first query
(default "anyaman pandan"; a query about one thing, "keripik", also fetches the products
named for it).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools" / "bench"))
sys.path.insert(0, str(ROOT / "tests"))
from generate import generate
from serve import serve_folder

CHROMIUM = os.environ.get("KRIYA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FIRST = "anyaman pandan"
LATER = [
    "batik tulis",
    "keripik",
    "kerajnan kayu",
    "tenun",
    "kopi tiris",
    "pengrajin",
    "sambal",
    "menenun",
    "gerabah dringu",
    "umkm",
]


@contextlib.contextmanager
def serve(folder: Path):
    """The folder gzip-compressed on loopback, like a static host (tests/serve.py)."""
    with serve_folder(folder, compress=True) as base:
        yield base


def build(work: Path, items: int) -> Path:
    source = work / f"site-{items}"
    if not (source / "mkdocs.yml").exists():
        generate(source, items // 2, items - items // 2, seed=1)
    site = source / "site"
    if not (site / "pagefind" / "pagefind-entry.json").exists():
        env = {**os.environ, "KRIYA_NOW": "2026-11-20T12:00:00+07:00", "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build.py"), "--root", str(source)],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            sys.exit(done.stdout[-3000:] + done.stderr[-3000:])
        print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "")
    return site


def measure(site: Path, first_query: str = FIRST) -> None:
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))  # noqa: PLW0108
        page.goto(base + "katalog/")
        page.wait_for_load_state("networkidle")
        before = len(responses)
        searched = [r.url for r in responses if "pagefind" in r.url or "search.js" in r.url]
        first = page.evaluate(
            """async (q) => { const t = performance.now();
            const r = await window.kriya.search(q); return [performance.now() - t, r.length]; }""",
            first_query,
        )
        page.wait_for_timeout(300)
        fetched = responses[before:]
        rows = []
        for request in fetched:
            sizes = request.sizes()
            rows.append(
                (
                    sizes["responseBodySize"] + sizes["responseHeadersSize"],
                    request.url.removeprefix(base),
                )
            )
        later = []
        for query in LATER:
            later.append(
                page.evaluate(
                    """async (q) => { const t = performance.now();
                await window.kriya.search(q); return performance.now() - t; }""",
                    query,
                )
            )
        browser.close()
    print(f"\nBefore the first search: {len(searched)} search requests {searched}")
    print(
        f"First query {first_query!r}: {first[0]:.0f} ms, {first[1]} results, "
        f"{sum(r[0] for r in rows) / 1024:.1f} KB transferred in {len(rows)} requests:"
    )
    for size, url in sorted(rows, reverse=True):
        print(f"  {size / 1024:7.1f} KB  {url}")
    print(
        f"Later queries ({len(later)}): median {statistics.median(later):.0f} ms, "
        f"max {max(later):.0f} ms  " + ", ".join(f"{q}={t:.0f}" for q, t in zip(LATER, later))
    )


def index_size(site: Path) -> None:
    bundle = site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    by_folder: dict[str, list[int]] = {}
    for path in files:
        key = path.parent.name if path.parent != bundle else "(top)"
        by_folder.setdefault(key, []).append(path.stat().st_size)
    print(
        f"\nSearch bundle: {sum(sum(v) for v in by_folder.values()) / 1024 / 1024:.1f} MB "
        f"in {len(files)} files"
    )
    for key, sizes in sorted(by_folder.items()):
        print(f"  {key:<12} {len(sizes):6} files  {sum(sizes) / 1024:9.1f} KB")


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--items", type=int, default=10000)
    args.add_argument("--work", type=Path, default=Path("/tmp/kriya-search-bench"))
    args.add_argument("--first", default=FIRST)
    args = args.parse_args()
    site = build(args.work, args.items)
    index_size(site)
    measure(site, args.first)


if __name__ == "__main__":
    main()
