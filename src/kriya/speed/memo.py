"""What `mkdocs serve` keeps between rebuilds, so that an edit redoes only what it changed.

A `Memo` remembers, step by step, the result each input gave in the last run, by a key that
names everything the result depends on; a run keeps only the entries it used, so the memo
never grows beyond one site's worth.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, MutableMapping
from typing import Any

from ..packed import Packed


class Memo:
    def __init__(self, packed: bool = False) -> None:
        self._steps: dict[str, tuple[Any, dict]] = {}  # step -> (version, key -> result)
        # page HTML by what it depends on (pages.render); packed when kept on disk
        self.pages = Generations(packed)

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
        kept: dict[Hashable, Any] = {}
        missing: dict[Hashable, Any] = {}
        for item in items:
            name = key(item)
            names.append(name)
            if name in last and (reuse is None or reuse(last[name])):
                kept[name] = last[name]
            else:
                missing[name] = item
        made = (run or _one_by_one)(function, list(missing.values()))
        kept.update(zip(missing, made))
        self._steps[step] = (version, kept)
        return [kept[name] for name in names]

    def turn(self) -> None:
        """A run is over: forget what it did not use."""
        self.pages.turn()


def _one_by_one(function: Callable, items: list) -> list:
    return [function(item) for item in items]


class Generations(MutableMapping):
    """A cache that keeps what the current run read or wrote, and forgets the rest at
    `turn()`. A `packed` one (a BuildCache's) keeps text values compressed (`Packed`)."""

    def __init__(self, packed: bool = False) -> None:
        self._last: dict = {}
        self._next: dict = {}
        self.packed = packed

    def __getitem__(self, key):
        try:
            return self._next[key]
        except KeyError:
            value = self._next[key] = self._last[key]  # read: kept for the next run
            return value

    def __contains__(self, key) -> bool:
        return key in self._next or key in self._last

    def __setitem__(self, key, value) -> None:
        self._next[key] = Packed.of(value) if self.packed and type(value) is str else value

    def __delitem__(self, key) -> None:
        self._next.pop(key, None)
        self._last.pop(key, None)

    def __iter__(self) -> Iterator:
        return iter({**self._last, **self._next})

    def __len__(self) -> int:
        return len({**self._last, **self._next})

    def turn(self) -> None:
        self._last, self._next = self._next, {}
