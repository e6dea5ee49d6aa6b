"""Pagefind's files: gzip of "pagefind_dcd" + CBOR. Reading and writing them, keeping map
order (search_pack rewrites and merges Pagefind's bundles with these)."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

MAGIC = b"pagefind_dcd"


class Map(list):
    """A CBOR map, kept as an ordered list of (key, value) pairs."""


def _read_length(data: bytes, i: int, info: int) -> tuple[int, int]:
    if info < 24:
        return info, i
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return int.from_bytes(data[i : i + size], "big"), i + size


def cbor_load(data: bytes, i: int = 0):
    major, info = data[i] >> 5, data[i] & 31
    if major == 7:  # floats and simple values: Pagefind's files use none, except floats
        if info == 27:
            return struct.unpack(">d", data[i + 1 : i + 9])[0], i + 9
        if info == 26:
            return struct.unpack(">f", data[i + 1 : i + 5])[0], i + 5
        return {20: False, 21: True, 22: None}[info], i + 1
    value, i = _read_length(data, i + 1, info)
    if major == 0:
        return value, i
    if major == 1:
        return -1 - value, i
    if major in (2, 3):
        raw = data[i : i + value]
        return (raw if major == 2 else raw.decode("utf-8")), i + value
    if major == 4:
        items = []
        for _ in range(value):
            item, i = cbor_load(data, i)
            items.append(item)
        return items, i
    if major == 5:
        pairs = Map()
        for _ in range(value):
            key, i = cbor_load(data, i)
            item, i = cbor_load(data, i)
            pairs.append((key, item))
        return pairs, i
    raise ValueError(f"unexpected CBOR type {major}")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("number too large")


def cbor_dump(value) -> bytes:
    if isinstance(value, bool) or value is None:
        return bytes([0xF5 if value is True else 0xF4 if value is False else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, Map):
        return _head(5, len(value)) + b"".join(cbor_dump(k) + cbor_dump(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(cbor_dump(item) for item in value)
    raise TypeError(type(value))


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    return cbor_load(data.removeprefix(MAGIC))[0]
