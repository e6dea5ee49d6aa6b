"""A folder of cache entries for the build steps that reuse an earlier build's work (the
search index, the link check). Each entry is one file named by the key of what it holds,
written atomically (a temporary file, then a rename) and checked on reading: it starts with
the SHA-256 of the rest, so a truncated or altered file is found, never used. A folder keeps
only the entries its last run used (`finish`), so it does not grow from build to build.

Entries hold CBOR (plain data: no code runs on reading, unlike pickle)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import cbor2

_MAGIC = b"kriya-cache-1\n"
_TEMPORARY = ".tulis-"  # prefix of a file being written (left behind only by a killed run)


class CacheFolder:
    """Entries in `folder` (None: no cache, every read misses and nothing is written).
    The first damaged entry or failed write prints `note` once; the work is then done anew."""

    def __init__(self, folder: Path | None, note: str):
        self.folder = folder
        self.note = note
        self.used: set[str] = set()
        self.noted = False

    def read(self, name: str):
        """The data stored under `name`, or None when it is missing or damaged."""
        if self.folder is None:
            return None
        path = self.folder / name
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            self.damaged()
            return None
        body = raw[len(_MAGIC) + 32 :]
        if raw[: len(_MAGIC)] != _MAGIC or raw[len(_MAGIC) : len(_MAGIC) + 32] != _digest(body):
            self.damaged()
            return None
        try:
            value = cbor2.loads(body)
        except Exception:  # cannot happen for a body that passed its digest, unless written badly
            self.damaged()
            return None
        self.used.add(name)
        return value

    def write(self, name: str, value, repeated_strings: bool = False) -> None:
        """Store `value` (plain data: dict, list, str, bytes, numbers) under `name`;
        `repeated_strings`: each string is stored once, then referred to (smaller, slower)."""
        if self.folder is None:
            return
        body = cbor2.dumps(value, string_referencing=repeated_strings)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / name, _MAGIC + _digest(body) + body)
        except OSError:
            self.damaged()
            return
        self.used.add(name)

    def finish(self) -> None:
        """Remove every entry this run did not read or write (and leftover temporary files)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                if path.is_dir() and not path.is_symlink():  # nothing this class writes
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)

    def damaged(self) -> None:
        """Print the note (if any), once."""
        if not self.noted and self.note:
            print(self.note)
            self.noted = True


def write_atomic(target: Path, data: bytes) -> None:
    """Write `target` whole or not at all: a temporary file beside it (readable by a web
    server), then a rename."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=_TEMPORARY)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """A hard link where the file system has them (no file written here is ever changed in
    place: a new version is a new file), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _digest(body: bytes) -> bytes:
    return hashlib.sha256(body).digest()


def digest_text(*parts: str | bytes) -> str:
    """Hex SHA-256 of `parts`, each length-prefixed (so ("ab", "c") and ("a", "bc") differ)."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little") + data)
    return hashed.hexdigest()
