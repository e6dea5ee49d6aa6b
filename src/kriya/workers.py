"""Work shared between the cores: forked worker processes where the system can fork."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


@contextlib.contextmanager
def worker_pool(tasks: int, setup=None, arguments=(), minimum: int = 8):
    """`run(function, items, chunksize=1)` -> results in order: on forked worker processes
    (each first calls `setup(*arguments)`) when there are several cores and at least
    `minimum` tasks, else here."""
    cores = os.cpu_count() or 1
    if cores > 1 and tasks >= minimum and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(cores, 4), mp_context=context, initializer=setup,
                                 initargs=arguments) as executor:
            yield lambda function, items, chunksize=1: list(
                executor.map(function, items, chunksize=chunksize))
    else:
        if setup:
            setup(*arguments)
        yield lambda function, items, chunksize=1: [function(item) for item in items]
