"""The build cache: what one `kriya build` keeps so that the next one redoes only what changed.

A folder (by default `.cache/kriya-build`, restored and saved by the CI workflow) holding:
- `kunci.txt`: the engine key, a digest of everything that shapes every page (Kriya's own
  files, the installed packages' versions, Python's version, mkdocs.yml and the theme
  overrides). Another key means nothing in the folder is used: a full build.
- `memo.pickle` and `memo.data`: the pipeline's memo (parsed and validated items, rendered
  bodies, page HTML), keyed by content, never by file times (a CI checkout gives every file a
  new one): its keys in the first, its values in the second, read one at a time.
- `halaman/`: the last good build's page files, each named by the digest of what it was made
  from and its size (`<digest>-<bytes>`: a file cut short is not used), so MkDocs writes only
  pages whose inputs changed (the others are linked in). One flat folder: a tree would cost a
  folder per page to make again on every build. `halaman.json`: where each was in the site.
- one folder per other step that keeps its own (`pencarian/`, `tautan/`).

Everything is written only after a complete, good build; anything unreadable falls back to
the full work with one line said about it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..cache_files import digest_text, link_or_copy, write_atomic
from .memo import Memo
from .values import InFile, used_bytes

KEY_FILE = "kunci.txt"
MEMO_FILE = "memo.pickle"
VALUES_FILE = "memo.data"
PAGE_MAP = "halaman.json"  # site path -> its file in PAGES, as the last good build left them
# memo.data is copied (only the values in use) once it is this many times their size
COMPACT = 2
NEW = ".baru"  # beside its final name until the build is good
PAGES = "halaman"
SEARCH = "pencarian"
LINKS = "tautan"


def default_folder(root: Path) -> Path:
    return Path(os.environ.get("KRIYA_BUILD_CACHE") or root / ".cache" / "kriya-build")


def engine_key(root: Path, extra_files: Iterable[Path] = ()) -> str:
    """A digest of what every page depends on besides the content: Kriya's package files,
    every installed distribution's version, Python's version, mkdocs.yml and `extra_files`
    (theme overrides)."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    versions = sorted(
        f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()
    )
    digest.update("\n".join([sys.version, *versions]).encode())
    for path in [root / "mkdocs.yml", *sorted(extra_files)]:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


class BuildCache:
    """The cache folder of one build. `note` is the one line to say about it (or "")."""

    def __init__(self, folder: Path, key: str):
        self.folder = folder
        self.key = key
        self.note = ""
        self.valid = False
        self._kept: dict[str, str] | None = None  # digest -> file name in PAGES
        found = None  # the key of the last good build (none while a build is unfinished)
        try:
            found = (folder / KEY_FILE).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            pass
        self.valid = found == key
        if not self.valid and found is not None:
            self.note = "Cache build dari versi Kriya, tema atau mkdocs.yml lain; build penuh."
        elif not self.valid:
            self.note = "Belum ada cache build; build penuh."

    def part(self, name: str) -> Path:
        """A step's own folder (emptied when the key changed)."""
        path = self.folder / name
        if not self.valid:
            shutil.rmtree(path, ignore_errors=True)
        return path

    def memo(self) -> Memo:
        """The last good build's memo, or an empty one; its values are read from
        `memo.data` as they are used. New values are appended to that file, the kept ones stay
        where they are; once it holds more than COMPACT times what the memo uses, the values
        this build keeps are copied into a new file instead (`commit` puts it in place)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        values = self.folder / VALUES_FILE
        fresh = values.with_name(VALUES_FILE + NEW)
        if self.valid and (self.folder / MEMO_FILE).exists():
            try:
                with open(self.folder / MEMO_FILE, "rb") as handle:
                    size, saved = pickle.load(handle)
                if size <= COMPACT * used_bytes(Memo.places(saved)):
                    fresh.unlink(missing_ok=True)  # a failed build's: commit must not take it
                    fresh = values
                return Memo.restored(saved, InFile(values, size, fresh, self._damaged))
            except Exception:  # any damage (memo.data gone too) means the same: start again
                self._damaged()
        return Memo(InFile(None, 0, fresh, self._damaged))

    def kept_page(self, digest: str) -> str | None:
        """The kept page file made from inputs with `digest`, if there is one whole."""
        path = self.kept_path(digest)
        if path is None:
            return None
        if not whole(path):
            self._damaged()
            return None
        return path

    def kept_path(self, digest: str) -> str | None:
        """Where the page file made from inputs with `digest` is kept, if there is one (not
        checked whole: see `whole`)."""
        if self._kept is None:
            self._kept = {}
            if self.valid and (self.folder / PAGES).is_dir():
                for found in os.listdir(self.folder / PAGES):
                    self._kept[found.partition("-")[0]] = found
        name = self._kept.get(digest)
        return None if name is None else os.path.join(self.folder, PAGES, name)

    def last_pages(self) -> list[tuple[str, str]]:
        """(kept file, site path) of every page the last good build kept: most of them are
        the next build's too, so they can be linked in before it knows which."""
        if not self.valid:
            return []
        try:
            where = json.loads((self.folder / PAGE_MAP).read_bytes())
            return [(os.path.join(self.folder, PAGES, name), path) for path, name in where.items()]
        except (OSError, ValueError, AttributeError):
            return []

    def _damaged(self) -> None:
        self.note = "Cache build rusak; bagian itu dibuat ulang penuh."

    def write_memo(self, memo: Memo) -> Path:
        """Pickle `memo`'s keys beside their final name (its values are written already);
        `commit` puts both in place once the whole build is good."""
        assert isinstance(memo.store, InFile)
        memo.store.close()
        waiting = self.folder / (MEMO_FILE + NEW)
        with open(waiting, "wb") as handle:
            pickle.dump((memo.store.size, memo.saved()), handle, pickle.HIGHEST_PROTOCOL)
        return waiting

    def keep_memo(self, memo_file: Path) -> None:
        """Put the memo written by `write_memo` in place (and its values, when copied)."""
        os.replace(memo_file, self.folder / MEMO_FILE)
        if (self.folder / (VALUES_FILE + NEW)).exists():  # copied (see `memo`)
            os.replace(self.folder / (VALUES_FILE + NEW), self.folder / VALUES_FILE)

    def commit(self, memo_file: Path, site: Path, pages: dict[str, str], linked: set[str]) -> None:
        """After a good build: keep the memo written by `write_memo` and the page files of
        `site` named in `pages` (site path -> digest of their inputs; those not `linked` in
        from here were made again, and replace a kept file that was cut short); pages no
        longer made are let go."""
        (self.folder / KEY_FILE).unlink(missing_ok=True)  # invalid until complete
        self.keep_memo(memo_file)
        folder = self.folder / PAGES
        if not self.valid:
            shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(exist_ok=True)
        kept = {name.partition("-")[0]: name for name in os.listdir(folder)}
        made: set[str] = set()  # digests whose file this build kept already
        for path, digest in pages.items():
            if path in linked or digest in made:
                continue
            if digest in kept:
                os.unlink(folder / kept.pop(digest))
            size = os.stat(site / path).st_size
            kept[digest] = f"{digest}-{size}"
            link_or_copy(site / path, folder / kept[digest])
            made.add(digest)
        wanted = set(pages.values())
        for digest, name in kept.items():
            if digest not in wanted:
                os.unlink(folder / name)
        where = {path: kept[digest] for path, digest in sorted(pages.items())}
        write_atomic(self.folder / PAGE_MAP, json.dumps(where).encode())
        write_atomic(self.folder / KEY_FILE, self.key.encode())


def whole(path: str) -> bool:
    """Whether a kept page file is whole: as long as its name says (`<digest>-<bytes>`, see
    PAGES: a file cut short is not used). Other files are taken as they are."""
    _, dash, size = os.path.basename(path).partition("-")
    if not dash:
        return True
    try:
        return os.stat(path).st_size == int(size)
    except (OSError, ValueError):
        return False


def page_digest(*parts: Any) -> str:
    """A stable digest of a page's inputs (text and bytes; anything else by its repr)."""
    return digest_text(*(p if isinstance(p, (str, bytes)) else repr(p) for p in parts))
