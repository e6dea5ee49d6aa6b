"""Work shared between the cores: forked worker processes where the system can fork."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# A fork is only worth it while this process is small: after a fork every memory page either
# process writes to is held twice, and CPython writes to most of them (reference counts,
# reused free blocks). At 20,000 items a forked renderer's copy came to +265 MiB.
MAX_SHARED_MIB = 256


@contextlib.contextmanager
def worker_pool(tasks: int, setup=None, arguments=(), minimum: int = 8):
    """`run(function, items, chunksize=1)` -> results in order: on forked worker processes
    (each first calls `setup(*arguments)`) when there are several cores and at least
    `minimum` tasks, else here (also when KRIYA_SERIAL is set)."""
    if tasks >= minimum and _forks_allowed():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(os.cpu_count(), 4), mp_context=context, initializer=setup,
                                 initargs=arguments) as executor:
            yield lambda function, items, chunksize=1: list(
                executor.map(function, items, chunksize=chunksize))
    else:
        if setup:
            setup(*arguments)
        yield lambda function, items, chunksize=1: [function(item) for item in items]


def can_share_work(max_mib: float = MAX_SHARED_MIB) -> bool:
    """True where a forked child can take part of the work: the system can fork, has more
    than one core, KRIYA_SERIAL is unset, and this process holds at most `max_mib`."""
    return _forks_allowed() and resident_mib() <= max_mib


def _forks_allowed() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 \
        and not os.environ.get("KRIYA_SERIAL")


def resident_mib() -> float:
    """Memory this process holds now (0 where /proc is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def start_forked(function):
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
    if pid == 0:  # child: run, send the result, leave without running any parent cleanup
        os.close(read_end)
        code = 1
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(function(), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        except BaseException:  # noqa: BLE001 - reported like any internal error
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
        return pickle.loads(data)

    return wait
