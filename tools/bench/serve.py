"""How long the live preview (`make serve`) takes to show an edit.

Starts the preview with the command the Makefile's `serve` target runs (`kriya serve`, in
the project's folder, on a free port), waits for the first build, then appends a sentence
to the newest article several times. Each time it measures, from the write:

- until the article's preview URL serves the sentence (what the writer waits for), and
- until the preview says the whole site is rebuilt (listings, feeds, every other page),

and waits for the latter before the next edit. Prints each edit and the medians. The
article is restored afterwards.

Usage: python tools/bench/serve.py (--sample | --size N) [--edits 5] [--work /tmp/kriya-bench]
  --sample  the repository's own project (content/), editing one of its real articles
  --size N  a generated project of N news + N products (tools/bench, cached in --work)
"""

from __future__ import annotations

import argparse
import os
import queue
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from run import NOW, prepare

from kriya.adapter.serving import COMPLETE

KRIYA = Path(sys.executable).parent / "kriya"  # the Makefile: $(VENV)/bin/kriya serve
POLL = 0.01  # seconds between two requests for the page


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serves(url: str, text: str | None) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return text is None or text in answer.read().decode("utf-8")
    except OSError:
        return False


def wait_for(url: str, text: str | None, timeout: float, server: subprocess.Popen) -> float:
    """Seconds until `url` answers (and contains `text`, if given)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if serves(url, text):
            return time.monotonic() - started
        if server.poll() is not None:
            raise SystemExit(f"the preview stopped (exit {server.returncode})")
        time.sleep(POLL)
    raise SystemExit(f"timed out after {timeout:.0f} s waiting for {url}")


def said(lines: queue.Queue, text: str, timeout: float) -> None:
    """Wait until the preview writes a line containing `text`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if text in lines.get(timeout=max(0.0, deadline - time.monotonic())):
                return
        except queue.Empty:
            break
    raise SystemExit(f"the preview did not say '{text}' within {timeout:.0f} s")


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    which = args.add_mutually_exclusive_group(required=True)
    which.add_argument("--sample", action="store_true")
    which.add_argument("--size", type=int)
    args.add_argument("--edits", type=int, default=5)
    args.add_argument("--work", type=Path, default=Path("/tmp/kriya-bench"))
    args = args.parse_args()
    project = ROOT if args.sample else prepare(args.work, args.size)[0]
    article = sorted((project / "content" / "news").glob("*.md"))[-1]
    slug = article.stem.split("-", 3)[-1]
    port = free_port()
    url = f"http://127.0.0.1:{port}/berita/{slug}/"
    original = article.read_bytes()
    server = subprocess.Popen(
        [str(KRIYA), "serve", "--port", str(port)],
        cwd=project,
        env={**os.environ, **NOW},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(s) for s in server.stderr], daemon=True).start()
    name = "the sample project" if args.sample else f"N={args.size}"
    try:
        first = wait_for(url, None, timeout=3600, server=server)
        print(f"{name}: first build served after {first:.1f} s ({url})", flush=True)
        shown, complete = [], []
        for edit in range(1, args.edits + 1):
            time.sleep(1)
            while not lines.empty():
                lines.get()
            marker = f"Kalimat uji suntingan nomor {edit} {time.time_ns()}."
            written = time.monotonic()
            article.write_bytes(original + f"\n\n{marker}\n".encode())
            shown.append(wait_for(url, marker, timeout=3600, server=server))
            said(lines, COMPLETE, timeout=3600)
            complete.append(time.monotonic() - written)
            print(
                f"  edit {edit}: page shows it after {shown[-1]:.3f} s, "
                f"whole site rebuilt after {complete[-1]:.1f} s",
                flush=True,
            )
        print(
            f"Edit to preview, median of {len(shown)}: {statistics.median(shown):.3f} s "
            f"(whole site: {statistics.median(complete):.1f} s)"
        )
    finally:
        article.write_bytes(original)
        server.terminate()  # the preview removes its site folder
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
