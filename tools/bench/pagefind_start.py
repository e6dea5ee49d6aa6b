"""What starting the Pagefind CLI costs, without its indexing: `--version`, run N times as
`python -m pagefind` (the package's launcher, which starts Python, then the binary) and as
the binary itself (`kriya.search.pagefind_binary`). A build runs Pagefind once per search
shard (about 1,000 pages), so 20 times at 10,000 + 10,000 items.

Usage: python tools/bench/pagefind_start.py [--runs 20]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from kriya.search import pagefind_binary


def seconds(command: list[str], runs: int) -> float:
    started = time.perf_counter()
    for _ in range(runs):
        subprocess.run([*command, "--version"], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--runs", type=int, default=20)
    runs = args.parse_args().runs
    for label, command in (
        ("python -m pagefind", [sys.executable, "-m", "pagefind"]),
        ("the binary", [pagefind_binary()]),
    ):
        took = seconds(command, runs)
        print(f"{label:<20} {runs} starts: {took:.2f} s ({took / runs * 1000:.0f} ms each)")


if __name__ == "__main__":
    main()
