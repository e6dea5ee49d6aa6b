"""Everything that exists only to make a build faster: worker processes, the spill of page
HTML to disk, the serve memo and their thresholds. Only the pipeline, the MkDocs adapter and
scripts/ import this package; the content layers get what they need handed in (a `map`, a
cache), so each step stays a plain function with the same output either way."""

from __future__ import annotations

import ctypes
import gc
import hashlib
import os
from collections.abc import Callable, Hashable, Iterable, MutableMapping
from functools import partial
from pathlib import Path
from typing import Any

from .limits import LIMITS, Limits
from .memo import Memo
from .spill import Spill
from .workers import parallel_map


class Speed:
    """How the pipeline runs its steps: a build shares them between cores (forked workers)
    and keeps page HTML on disk; `mkdocs serve` (with a `memo`) runs them here and reuses
    what unchanged inputs gave in the last run."""

    def __init__(self, memo: Memo | None = None, limits: Limits = LIMITS, lasting: bool = False):
        self.memo = memo
        self.limits = limits
        # a memo kept on disk between builds (BuildCache) knows files by their bytes
        self.lasting = lasting
        self.file_key = content_key if lasting else file_key

    def map(
        self,
        step: str,
        function: Callable,
        items: Iterable,
        *,
        key: Callable[[Any], Hashable],
        version: Any = None,
        reuse: Callable[[Any], bool] | None = None,
        chunksize: int = 1,
    ) -> list:
        """`[function(item) for item in items]`: remembered by `key` while serving, else on
        worker processes from `limits.min_tasks[step]` items on."""
        minimum = self.limits.min_tasks[step]
        if self.memo is None:
            return parallel_map(function, items, minimum=minimum, chunksize=chunksize)
        # what a lasting memo (a build) misses is shared between cores; while serving (other
        # threads run: no fork) it is made here
        run = partial(parallel_map, minimum=minimum, chunksize=chunksize) if self.lasting else None
        return self.memo.map(step, function, items, key=key, version=version, reuse=reuse, run=run)

    def share(self, step: str, function: Callable, items: Iterable, chunksize: int = 1) -> list:
        """`map` for steps nothing remembers (the search index of a build)."""
        return parallel_map(
            function, items, minimum=self.limits.min_tasks[step], chunksize=chunksize
        )

    def page_store(self) -> MutableMapping[str, str]:
        """Where page HTML waits until MkDocs writes it."""
        return {} if self.memo is not None and not self.lasting else Spill()

    @property
    def page_cache(self) -> MutableMapping | None:
        return self.memo.pages if self.memo is not None else None


def fewer_collections(limits: Limits = LIMITS) -> None:
    """Python's cyclic garbage collector runs less often in this process and those it forks
    from now on (see Limits.gc_young)."""
    gc.set_threshold(limits.gc_young, *gc.get_threshold()[1:])


def give_back_memory() -> None:
    """Return the memory of freed objects to the system, where the C library can (glibc's
    `malloc_trim`). Freed memory otherwise stays with the process, which then holds the
    peak of everything it ever held at once."""
    gc.collect()  # (objects in reference cycles are freed only by a collection)
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (Windows: no CDLL(None))
        return
    trim(0)


def file_key(file: tuple[Path, str, str]) -> tuple:
    """A content file as the serve memo knows it: changed when its size or time changes."""
    path, rel, collection = file
    stat = os.stat(path)
    return (rel, collection, stat.st_mtime_ns, stat.st_size)


def content_key(file: tuple[Path, str, str]) -> tuple:
    """A content file as a lasting memo knows it: by its bytes (a CI checkout gives every
    file a new time)."""
    path, rel, collection = file
    return (rel, collection, hashlib.blake2b(path.read_bytes(), digest_size=16).digest())


__all__ = [
    "LIMITS",
    "Limits",
    "Memo",
    "Speed",
    "content_key",
    "fewer_collections",
    "file_key",
    "give_back_memory",
]
