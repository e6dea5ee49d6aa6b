"""Work shared between the cores: forked worker processes where the system can fork."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .limits import LIMITS


def forks_allowed() -> bool:
    """The system can fork, has more than one core, and KRIYA_SERIAL is unset."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and not os.environ.get("KRIYA_SERIAL")


def can_share_work(max_mib: float = LIMITS.max_shared_mib) -> bool:
    """True where a forked child can take part of the work: forks are allowed and this
    process holds at most `max_mib`."""
    return forks_allowed() and resident_mib() <= max_mib


def resident_mib() -> float:
    """Memory this process holds now (0 where /proc is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def parallel_map(function: Callable, items: Iterable, *, minimum: int, chunksize: int = 1) -> list:
    """`[function(item) for item in items]`, on forked worker processes when there are at
    least `minimum` items and forks are allowed. `function` may be any callable (a closure,
    a bound method): the workers inherit it through the fork, only items and results are
    pickled."""
    items = list(items)
    if len(items) < minimum or not forks_allowed():
        return [function(item) for item in items]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        min(os.cpu_count() or 1, 4), mp_context=context, initializer=_hold, initargs=(function,)
    ) as executor:
        return list(executor.map(_call_held, items, chunksize=chunksize))


_held: list[Callable] = []  # in a worker process only: the function it applies


def _hold(function: Callable) -> None:
    _held.append(function)


def _call_held(item: Any) -> Any:
    return _held[0](item)


def start_forked(function: Callable[[], Any]) -> Callable[[], Any]:
    """Run `function()` in a forked child process and return `wait()`, which returns its
    result (pickled through a pipe) once the child is done. Where the system cannot fork,
    `function` runs here, at once."""
    if not hasattr(os, "fork"):
        result = function()
        return lambda: result
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # child: run, send the outcome, leave without running any parent cleanup
        os.close(read_end)
        code = 1
        try:
            try:
                outcome = (True, function())
            except Exception as error:  # raised again in the parent, with the child's trace
                error.add_note("".join(traceback.format_exc()))
                outcome = (False, error)
            with os.fdopen(write_end, "wb") as pipe:
                try:
                    data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # an exception that cannot be pickled
                    data = pickle.dumps((False, RuntimeError(traceback.format_exc())))
                pipe.write(data)
            code = 0
        except KeyboardInterrupt:  # Ctrl-C reaches the parent too, which reports it
            pass
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(write_end)

    def wait():
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            raise RuntimeError("proses anak berhenti tanpa hasil")
        finished, value = pickle.loads(data)
        if not finished:
            raise value
        return value

    return wait
