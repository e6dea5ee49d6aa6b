"""How long `make serve` takes to show an edit on a large site.

Starts `mkdocs serve` the way `make serve` does on a generated project (tools/bench, cached in
the work folder), waits for the first build, then appends a sentence to one article several
times and polls the article's preview URL until the sentence appears. Prints the first build
and each edit's time to the visible change. The article is restored afterwards.

Usage: python tools/bench/serve.py [--size 1000] [--edits 3] [--full] [--work /tmp/kriya-bench]
  --full  without --dirty: MkDocs renders every page on every rebuild (for comparison)
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from run import NOW, prepare

SERVE = ["-m", "mkdocs", "serve", "--dirty"]  # as in the Makefile's `serve` target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, text: str | None, timeout: float) -> float:
    """Seconds until `url` answers (and contains `text`, if given)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                if text is None or text in answer.read().decode("utf-8"):
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"timed out after {timeout:.0f} s waiting for {url}")


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--size", type=int, default=1000)
    args.add_argument("--edits", type=int, default=3)
    args.add_argument("--work", type=Path, default=Path("/tmp/kriya-bench"))
    args.add_argument("--full", action="store_true")
    args = args.parse_args()
    source, _ = prepare(args.work, args.size)
    article = sorted((source / "content" / "news").glob("*.md"))[-1]
    slug = article.stem.split("-", 3)[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    url = f"{base}berita/{slug}/"
    original = article.read_bytes()
    command = [part for part in SERVE if not (args.full and part == "--dirty")]
    server = subprocess.Popen(
        [sys.executable, *command, "-a", f"127.0.0.1:{port}"],
        cwd=source,
        env={**os.environ, **NOW},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        first = wait_for(url, None, timeout=3600)
        mode = "full rebuilds" if args.full else "--dirty"
        print(f"N={args.size} ({mode}): first build served after {first:.1f} s ({url})")
        times = []
        for edit in range(1, args.edits + 1):
            time.sleep(2)  # let the watcher settle
            marker = f"Kalimat uji suntingan nomor {edit} {time.time_ns()}."
            article.write_bytes(original + f"\n\n{marker}\n".encode())
            seconds = wait_for(url, marker, timeout=3600)
            times.append(seconds)
            print(f"  edit {edit}: change visible after {seconds:.1f} s")
        times.sort()
        print(f"Edit to preview, median of {len(times)}: {times[len(times) // 2]:.1f} s")
    finally:
        article.write_bytes(original)
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
