"""What `mkdocs serve` keeps between rebuilds, so that an edit redoes only what it changed.

A `Memo` remembers, step by step, the result each input gave in the last run, by a key that
names everything the result depends on; a run keeps only the entries it used, so the memo
never grows beyond one site's worth. The results themselves are kept by a `store` (in memory,
or in a file for a BuildCache: see speed.values).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Hashable, Iterable, Iterator, MutableMapping
from typing import Any

from ..packed import Packed
from .values import Damaged, InFile, InMemory


class Memo:
    def __init__(self, store: InMemory | InFile | None = None) -> None:
        self.store = store or InMemory()
        self._steps: dict[str, tuple[Any, dict]] = {}  # step -> (version, key -> place)
        # page HTML by what it depends on (pages.render); packed when kept on disk
        self.pages = Generations(self.store)

    def saved(self) -> tuple:
        """What a BuildCache pickles after `turn()`: the keys and places (the values are in
        their file)."""
        return self._steps, self.pages.saved()

    @staticmethod
    def places(saved: tuple) -> list:
        """The places of every value a `saved()` memo uses."""
        steps, pages = saved
        return [place for _, kept in steps.values() for place in kept.values()] + list(
            pages.values()
        )

    @classmethod
    def restored(cls, saved: tuple, store: InFile) -> Memo:
        memo = cls(store)
        memo._steps, pages = saved
        memo.pages.restore(pages)
        return memo

    def map(
        self,
        step: str,
        function: Callable,
        items: Iterable,
        *,
        key: Callable[[Any], Hashable],
        version: Any = None,
        reuse: Callable[[Any], bool] | None = None,
        run: Callable[[Callable, list], list] | None = None,
    ) -> list:
        """`[function(item) for item in items]`, reusing the last run's result for an item
        with the same `key` (while `reuse(result)` holds) when `version` is unchanged;
        `run(function, items)` makes the others (by default one after another)."""
        last_version, last = self._steps.get(step, (None, {}))
        if last_version != version:
            last = {}
        names = []
        results: dict[Hashable, Any] = {}
        kept: dict[Hashable, Any] = {}  # name -> place
        missing: dict[Hashable, Any] = {}
        with _values_read(self.store.on_disk and bool(last)):
            for item in items:
                name = key(item)
                names.append(name)
                if name in results or name in missing:
                    continue
                if name in last:
                    try:
                        result, place = self.store.take(last[name])
                    except Damaged:
                        pass
                    else:
                        if reuse is None or reuse(result):
                            results[name], kept[name] = result, place
                            continue
                missing[name] = item
        made = (run or _one_by_one)(function, list(missing.values()))
        for name, result in zip(missing, made):
            results[name], kept[name] = result, self.store.put(result)
        self._steps[step] = (version, kept)
        return [results[name] for name in names]

    def turn(self) -> None:
        """A run is over: forget what it did not use."""
        self.pages.turn()
        self.store.turn()


@contextlib.contextmanager
def _values_read(from_disk: bool):
    """While a build reads its memo's values back from disk (`from_disk`), the cyclic garbage
    collector waits, and what was read is frozen (see gc.freeze). The values are plain data
    that lives to the end of the build, so collecting would only examine it (20,000 items,
    their files and their bodies are a million objects); a reference cycle frozen with them
    is let go when the build's process ends. The preview's memo (in memory) is left alone."""
    if not from_disk or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _one_by_one(function: Callable, items: list) -> list:
    return [function(item) for item in items]


class Generations(MutableMapping):
    """A cache that keeps what the current run read or wrote, and forgets the rest at
    `turn()`. One whose values are on disk (a BuildCache's) keeps text compressed (`Packed`)."""

    def __init__(self, store: InMemory | InFile) -> None:
        self._last: dict = {}  # key -> place in the store
        self._next: dict = {}
        self._written: tuple = (None, None)  # (key, value) set last: read back at once
        self.store = store
        self.on_disk = store.on_disk  # its keys too: see pages.render's Renderer._key

    def saved(self) -> dict:
        """After `turn()`: the keys and places of the run that ended."""
        return self._last

    def restore(self, places: dict) -> None:
        self._last, self._next = places, {}

    def __getitem__(self, key):
        if self._written[0] is key:
            return self._written[1]
        if key in self._next:
            return self.store.read(self._next[key])
        try:
            value, self._next[key] = self.store.take(self._last[key])  # kept for the next run
        except Damaged:
            raise KeyError(key) from None
        return value

    def __contains__(self, key) -> bool:
        return key in self._next or key in self._last

    def __setitem__(self, key, value) -> None:
        if self.on_disk and type(value) is str:
            value = Packed.of(value)
        self._next[key] = self.store.put(value)
        self._written = (key, value)

    def __delitem__(self, key) -> None:
        self._next.pop(key, None)
        self._last.pop(key, None)
        if self._written[0] is key:
            self._written = (None, None)

    def __iter__(self) -> Iterator:
        return iter({**self._last, **self._next})

    def __len__(self) -> int:
        return len({**self._last, **self._next})

    def turn(self) -> None:
        self._last, self._next = self._next, {}
        self._written = (None, None)
