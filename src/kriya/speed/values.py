"""Where a memo keeps its values: in memory (`mkdocs serve`), or in a file read one value at a
time (a BuildCache), so that a build holds only the values it uses. At 10,000 + 10,000 items
a memo held in memory came to 310 MiB (parsed files, rendered bodies, page HTML): a build
with it took twice the memory of one without.

A value is stored once and known by its place; a memo's `last` places are those of the
previous run and its `next` places those of this one. `take(place)` gives a last value and
its place among the next ones; after `turn()` the next ones are the last."""

from __future__ import annotations

import os
import pickle
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zlib_ng import zlib_ng as zlib  # (its CRC-32: 4x zlib's)

from ..packed import Packed


class Damaged(Exception):
    """A stored value could not be read back (its file was cut short or changed)."""


class InMemory:
    """Values kept as they are: a value is its own place."""

    on_disk = False

    def put(self, value: Any) -> Any:
        return value

    def take(self, place: Any) -> tuple[Any, Any]:
        return place, place

    def read(self, place: Any) -> Any:
        return place

    def turn(self) -> None:
        pass


# A stored value: its CRC-32 (4 bytes), then b"z" and page HTML as it is, or b"p" and a pickle.
_PACKED, _PICKLED = b"z", b"p"
_LENGTH_BITS = 32  # a place is one int, offset << 32 | length: a tuple would cost 3x the memory
_LENGTH = (1 << _LENGTH_BITS) - 1  # place & _LENGTH: the value's length


def used_bytes(places) -> int:
    """Bytes the values at `places` (of an InFile) take in their file."""
    return sum(place & _LENGTH for place in places)


class InFile:
    """Values in files: those of the last run read from `last` (its first `size` bytes), the
    kept and new ones appended to `next`. When `next` is `last`, the file is kept as it is
    and only new values are appended (a kept value keeps its place: nothing is copied); the
    bytes after `size` (a failed build's) are cut off first. A value that cannot be read back
    whole (checked by its CRC) raises Damaged and calls `damaged()`."""

    on_disk = True

    def __init__(self, last: Path | None, size: int, next: Path, damaged: Callable[[], None]):
        self._damaged = damaged
        self.in_place = last is not None and Path(last) == Path(next)
        if self.in_place:
            self._next = open(next, "r+b")  # noqa: SIM115 - closed by close() or when let go
            self._last: Any = self._next
            self._open: list[Any] = [self._next]
        else:
            self._last = open(last, "rb") if last is not None else None  # noqa: SIM115
            self._next = open(next, "w+b")  # noqa: SIM115 - closed by close() or when let go
            self._open = [self._next, self._last]
        weakref.finalize(self, _close, self._open)
        self.size = 0  # bytes in `next`
        if self._last is None:
            return
        found = os.fstat(self._last.fileno()).st_size
        if found < size or (found > size and not self.in_place):
            if self.in_place:  # cut short: nothing in it is used
                self._next.truncate(0)
            else:
                self._last.close()
            self._last = None
            damaged()
        elif self.in_place:
            self._next.truncate(size)
            self._next.seek(size)
            self.size = size

    def put(self, value: Any) -> int:
        if type(value) is Packed:
            data = _PACKED + value
        else:
            data = _PICKLED + pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        return self._append(zlib.crc32(data).to_bytes(4, "little") + data)

    def take(self, place: int) -> tuple[Any, int]:
        data = self._data(self._last, place)
        return self._value(data), place if self.in_place else self._append(data)

    def read(self, place: int) -> Any:
        self._next.flush()
        return self._value(self._data(self._next, place))

    def turn(self) -> None:
        """The values written are the last ones from now on (read from the same file)."""
        self._next.flush()
        if self.in_place:
            self._last = self._next
            return
        if self._last is not None:
            self._last.close()
        self._last = self._open[1] = open(self._next.name, "rb")  # noqa: SIM115

    def close(self) -> None:
        _close(self._open)

    def _append(self, data: bytes) -> int:
        self._next.write(data)
        place = self.size << _LENGTH_BITS | len(data)
        self.size += len(data)
        return place

    def _data(self, file, place: int) -> bytes:
        length, offset = place & _LENGTH, place >> _LENGTH_BITS
        if file is None:
            data = b""
        elif hasattr(os, "pread"):
            data = os.pread(file.fileno(), length, offset)
        else:  # Windows: no fork either, so no other process shares the file position
            file.seek(offset)
            data = file.read(length)
            file.seek(0, os.SEEK_END)
        if len(data) != length or zlib.crc32(memoryview(data)[4:]) != int.from_bytes(
            data[:4], "little"
        ):
            self._damaged()
            raise Damaged
        return data

    def _value(self, data: bytes) -> Any:
        if data[4:5] == _PACKED:
            return Packed(data[5:])
        try:
            return pickle.loads(memoryview(data)[5:])
        except Exception as error:  # any damage means the same: make the value again
            self._damaged()
            raise Damaged from error


def _close(files: list) -> None:
    for file in files:
        if file is not None:
            file.close()
