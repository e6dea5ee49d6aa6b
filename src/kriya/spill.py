"""Page HTML kept on disk between being made and being written by MkDocs.

Every page is made before MkDocs writes the first one; at 20,000 items their HTML would hold
80 MB of memory even compressed. A Spill appends each page's compressed HTML to one unnamed
temporary file (deleted when the Spill is) and reads it back by position."""

from __future__ import annotations

import os
import tempfile
import threading
import weakref
import zlib
from dataclasses import dataclass, field


class Spill:
    def __init__(self):
        self._file = tempfile.TemporaryFile(buffering=0)
        weakref.finalize(self, self._file.close)  # the file goes with the last page using it
        self._lock = threading.Lock()
        self._end = 0

    def put(self, html: str) -> Stored:
        data = zlib.compress(html.encode("utf-8"), 1)  # level 1: ~0.1 ms per page either way
        with self._lock:
            offset = self._end
            self._file.write(data)
            self._end += len(data)
        return Stored(self, offset, len(data), hash(data))

    def read(self, offset: int, length: int) -> str:
        if hasattr(os, "pread"):  # no shared file position: safe in forked processes too
            data = os.pread(self._file.fileno(), length, offset)
        else:
            with self._lock:
                self._file.seek(offset)
                data = self._file.read(length)
                self._file.seek(self._end)
        return zlib.decompress(data).decode("utf-8")


@dataclass(frozen=True)
class Stored:
    """Where one page's HTML is; `digest` tells whether two pages' HTML is the same."""

    spill: Spill = field(compare=False, repr=False)
    offset: int
    length: int
    digest: int

    def read(self) -> str:
        return self.spill.read(self.offset, self.length)
