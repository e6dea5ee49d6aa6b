"""The content step of a build (pipeline.run) with CPython's garbage collector thresholds and
with Kriya's (kriya.speed.Limits.gc_young), each in a new process, taking turns: wall and
CPU seconds, peak memory and full collections.

Run it after a build of the project with its build cache (the content of a one-file edit is
what is timed; an edit is made and undone here), e.g. after `tools/bench/run.py` at 10,000:
    python tools/bench/gc_threshold.py /tmp/kriya-bench/kriya-10000 [--rounds 3]
The cache is used as a build uses it but never committed: the next build truncates what
this appended to its values."""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def child(mode: str, root: Path) -> None:
    from kriya import pipeline
    from kriya.adapter.config import load_settings
    from kriya.clock import now_wib
    from kriya.speed import Speed, fewer_collections
    from kriya.speed.cache import BuildCache, default_folder, engine_key

    cache = BuildCache(default_folder(root), engine_key(root))
    if not cache.valid:
        raise SystemExit("No build cache of this Kriya for this project: build it first.")
    if mode == "kriya":
        fewer_collections()
    settings = load_settings(root / "mkdocs.yml")
    started, cpu = time.perf_counter(), time.process_time()
    pipeline.run(settings, now_wib(), speed=Speed(cache.memo(), lasting=True))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(
        f"| {mode} | {time.perf_counter() - started:.2f} | {time.process_time() - cpu:.2f} | "
        f"{peak} | {gc.get_stats()[2]['collections']} |",
        flush=True,
    )


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("root", type=Path)
    args.add_argument("--rounds", type=int, default=3)
    args.add_argument("--child")
    args = args.parse_args()
    if args.child:
        return child(args.child, args.root)
    article = sorted((args.root / "content" / "news").glob("*.md"))[0]
    original = article.read_bytes()
    print("| GC thresholds | wall s | CPU s | peak MiB (RSS) | full collections |")
    print("|---|---|---|---|---|")
    try:
        article.write_bytes(original + b"\nSatu kalimat baru untuk mengukur build bertahap.\n")
        for _ in range(args.rounds):
            for mode in ("cpython", "kriya"):
                command = [sys.executable, __file__, str(args.root), "--child", mode]
                env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
                if subprocess.run(command, env=env).returncode:
                    raise SystemExit(1)
    finally:
        article.write_bytes(original)


if __name__ == "__main__":
    main()
