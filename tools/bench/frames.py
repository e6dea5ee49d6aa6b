"""Full builds (`scripts/build.py --no-cache`) with generated pages filled into their
folder's frame (kriya.adapter.internals.FramedPages, as Kriya builds) and with main.html
rendered for every page, taking turns: each build's phase line and seconds, then whether the
two sites are the same byte for byte.

Run it on a project made by `tools/bench/generate.py` (or `tools/bench/run.py`), e.g.
    python tools/bench/frames.py /tmp/kriya-bench/kriya-10000 [--rounds 2]
Sites are built into --work and deleted at the end."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1]
sys.path.append(str(TOOLS))
from measure import timed_build
from same_output import NOW, compare_folders, files_of

SCRIPT = TOOLS.parent / "scripts" / "build.py"

# the build of scripts/build.py, with or without frames (the plain path: MkDocs renders
# main.html for every generated page)
BUILD = """
import os, runpy, sys
mode, root, site, script = sys.argv[1:]
sys.path.insert(0, os.path.dirname(script))  # (scripts/_common.py)
if mode == "whole":
    from kriya.adapter import internals
    internals.FRAMED_TEMPLATE = "main.html"
sys.argv = [script, "--root", root, "--site-dir", site, "--no-cache"]
runpy.run_path(script, run_name="__main__")
"""


def build(mode: str, root: Path, site: Path) -> str:
    command = [sys.executable, "-c", BUILD, mode, str(root), str(site), str(SCRIPT)]
    seconds, phases = timed_build(command, {"KRIYA_NOW": NOW})
    return f"| {mode} | {seconds:.1f} | {phases} |"


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("root", type=Path)
    args.add_argument("--rounds", type=int, default=2)
    args.add_argument("--work", type=Path, default=Path("/tmp/kriya-frames"))
    args = args.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print("| pages | seconds | phases |")
    print("|---|---|---|")
    sites = []
    try:
        for number in range(args.rounds):
            for mode in ("whole", "framed"):
                site = args.work / f"{mode}-{number}"
                shutil.rmtree(site, ignore_errors=True)
                print(build(mode, args.root.resolve(), site), flush=True)
                sites.append(site)
        first = files_of(sites[0])
        differing = [compare_folders(first, files_of(site)) for site in sites[1:]]
        print("same bytes:", not any(differing))
    finally:
        for site in sites:
            shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
