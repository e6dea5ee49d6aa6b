"""Page HTML kept on disk between being made and being written by MkDocs.

Every page is made before MkDocs writes the first one; at 20,000 items their HTML would hold
80 MB of memory even compressed. A Spill is a mapping from page path to HTML that appends
each page's compressed HTML to one unnamed temporary file (deleted with the Spill) and reads
it back by position, also from a forked child."""

from __future__ import annotations

import os
import tempfile
import weakref
from collections.abc import Iterator, MutableMapping

from ..packed import Packed, packed


class Spill(MutableMapping[str, str]):
    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(buffering=0)  # noqa: SIM115 - closed by finalize
        weakref.finalize(self, self._file.close)
        self._places: dict[str, tuple[int, int]] = {}  # path -> (offset, length)
        self._end = 0

    def __setitem__(self, path: str, html: str | Packed) -> None:
        data = packed(html)  # ~0.1 ms per page either way; as is when packed
        self._file.write(data)
        self._places[path] = (self._end, len(data))
        self._end += len(data)

    def __getitem__(self, path: str) -> str:
        return self.packed(path).text()

    def packed(self, path: str) -> Packed:
        """The page's HTML as stored (compressed)."""
        offset, length = self._places[path]
        if hasattr(os, "pread"):  # no shared file position: a forked child reads safely too
            data = os.pread(self._file.fileno(), length, offset)
        else:  # Windows: no fork either
            self._file.seek(offset)
            data = self._file.read(length)
            self._file.seek(self._end)
        return Packed(data)

    def __delitem__(self, path: str) -> None:
        del self._places[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)
