"""How a newer edit stops a running preview rebuild: the plugin asks `go_on` between the
pipeline's steps, every 500 pages it renders, and at MkDocs's files, nav and env events;
`go_on` raises `Superseded` when a change came since the rebuild started. Stopping anywhere
is safe: the serve memo keeps what each finished step gave, and the plugin records a page or
file as written only once it is."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping

from ..speed import Memo, Speed


class Superseded(Exception):
    """A preview rebuild stops because a newer edit came (the next one starts at once)."""


class Interruptible(Speed):
    """The serve memo, asking `go_on` (which raises `Superseded` when a newer edit came)
    before each step (remembered or only shared, like the QR codes) and every 500 pages."""

    def __init__(self, memo: Memo, go_on: Callable[[], None]):
        super().__init__(memo)
        self.go_on = go_on

    def map(self, step, function, items, **options):
        self.go_on()
        return super().map(step, function, items, **options)

    def share(self, step, function, items, chunksize=1):
        self.go_on()
        return super().share(step, function, items, chunksize)

    @property
    def page_cache(self):
        return _AskingCache(self.memo.pages, self.go_on) if self.memo else None


class _AskingCache(MutableMapping):
    def __init__(self, cache: MutableMapping, go_on: Callable[[], None]):
        self.cache, self.go_on, self.count = cache, go_on, 0

    def __getitem__(self, key):  # the renderer reads each page's key once
        self.count += 1
        if self.count % 500 == 0:
            self.go_on()
        return self.cache[key]

    def __contains__(self, key) -> bool:
        return key in self.cache

    def __setitem__(self, key, value) -> None:
        self.cache[key] = value

    def __delitem__(self, key) -> None:
        del self.cache[key]

    def __iter__(self):
        return iter(self.cache)

    def __len__(self) -> int:
        return len(self.cache)
