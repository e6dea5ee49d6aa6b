"""What `mkdocs serve` keeps between rebuilds, so that an edit redoes only what it changed.

A `Memo` remembers, step by step, the result each input gave in the last run, by a key that
names everything the result depends on; a run keeps only the entries it used, so the memo
never grows beyond one site's worth.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Hashable, Iterable, Iterator, MutableMapping
from typing import Any


class Memo:
    def __init__(self) -> None:
        self._steps: dict[str, tuple[Any, dict]] = {}  # step -> (version, key -> entry)
        self.pages = Generations()  # page HTML by what it depends on (pages.render)

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
        kept: dict[Hashable, tuple] = {}
        missing: dict[Hashable, Any] = {}
        for item in items:
            name = key(item)
            names.append(name)
            entry = last.get(name)
            if entry is None or (reuse is not None and not reuse(entry[1])):
                missing[name] = item
            else:
                kept[name] = entry
        made = (run or _one_by_one)(function, list(missing.values()))
        for (name, item), result in zip(missing.items(), made):
            kept[name] = (item, result)  # the item too: its key may hold its id()
        self._steps[step] = (version, kept)
        return [kept[name][1] for name in names]

    def turn(self) -> None:
        """A run is over: forget what it did not use."""
        self.pages.turn()


class _Packed(bytes):
    """A text value compressed while the cache is on disk."""

    @classmethod
    def of(cls, text: str) -> _Packed:
        return cls(zlib.compress(text.encode("utf-8"), 1))

    def text(self) -> str:
        return zlib.decompress(self).decode("utf-8")


def _one_by_one(function: Callable, items: list) -> list:
    return [function(item) for item in items]


class Generations(MutableMapping):
    """A cache that keeps what the current run read or wrote, and forgets the rest at
    `turn()`. Pickled (BuildCache), its text values are compressed, and unpacked when read."""

    def __init__(self) -> None:
        self._last: dict = {}
        self._next: dict = {}
        self._packed: dict = {}  # key -> the packed form a value was read from (not pickled)

    def __getitem__(self, key):
        if key not in self._next:
            value = self._last[key]
            if type(value) is _Packed:
                self._packed[key] = value
                value = value.text()
            self._next[key] = value
        return self._next[key]

    def __getstate__(self) -> dict:
        """Text values packed; one read from its packed form keeps it (a key names its value)."""
        last = {
            k: (self._packed.get(k) or _Packed.of(v)) if type(v) is str else v
            for k, v in self._last.items()
        }
        return {"_last": last, "_next": {}, "_packed": {}}

    def __contains__(self, key) -> bool:
        return key in self._next or key in self._last

    def __setitem__(self, key, value) -> None:
        if self._next.get(key) is not value:
            self._packed.pop(key, None)
        self._next[key] = value

    def __delitem__(self, key) -> None:
        self._next.pop(key, None)
        self._last.pop(key, None)

    def __iter__(self) -> Iterator:
        return iter({**self._last, **self._next})

    def __len__(self) -> int:
        return len({**self._last, **self._next})

    def turn(self) -> None:
        self._last, self._next = self._next, {}
        self._packed = {k: v for k, v in self._packed.items() if k in self._last}
