"""Wall time and peak memory of a command: the summed PSS (proportional set size) of its
whole process tree, sampled every INTERVAL seconds. PSS rather than RSS, because Kriya forks
workers that share their parent's pages copy-on-write: RSS would count those pages once per
process.

Reading PSS is not free: the kernel walks each process's page tables while holding its memory
lock. Sampled every 50 ms, that took 5 s of CPU during a 1,000-item build (28 s instead of
21 s on two cores), and a build in several processes paid more than one in a single process.
Every 200 ms it costs a quarter of that; the peaks of both builds last seconds."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

INTERVAL = 0.2


def _children(pid: int, parents: dict[int, list[int]]) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(parents.get(current, []))
    return found


def _tree_pss(pid: int, marker: str | None = None) -> tuple[int, bool]:
    """PSS of the process tree of `pid`, and whether a process of it has `marker` in its
    command line."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents.setdefault(int(fields[1]), []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    total, marked = 0, False
    for child in _children(pid, parents):
        try:
            if marker and not marked:
                marked = marker.encode() in Path(f"/proc/{child}/cmdline").read_bytes()
            for line in Path(f"/proc/{child}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
                    break
        except OSError:
            continue
    return total, marked


def run_measured(
    command: list[str], env: dict | None = None, cwd: Path | None = None, marker: str | None = None
):
    """Return (seconds, peak_bytes, returncode, output, peak_after): peak_after is the peak
    from the moment a process with `marker` in its command line first ran (0 if none did),
    and peak_bytes the peak before it (the whole run without a marker)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            env={**os.environ, **(env or {})},
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        peak = after = 0
        seen = False
        while process.poll() is None:
            pss, marked = _tree_pss(process.pid, marker)
            seen = seen or marked
            if seen:
                after = max(after, pss)
            else:
                peak = max(peak, pss)
            try:
                process.wait(INTERVAL)  # returns as soon as the command ends
            except subprocess.TimeoutExpired:
                pass
        seconds = time.monotonic() - started
        log.seek(0)
        return seconds, peak, process.returncode, log.read(), after


def timed_build(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds a Kriya build (`command`, run with `env` added) took, and its phase line
    without "Waktu: "; exits with the end of the build's output when it fails."""
    started = time.perf_counter()
    done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stdout[-2000:] + done.stderr[-2000:])
    phases = next(line for line in done.stdout.splitlines() if line.startswith("Waktu:"))
    return time.perf_counter() - started, phases.removeprefix("Waktu: ")
