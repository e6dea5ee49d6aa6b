"""`kriya build [--site-dir FOLDER]`: validate, build the site into a temporary folder,
and only then replace site/. A failed build leaves the previous site/ exactly as it was."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from kriya import linkcheck, pipeline, search
from kriya.adapter import internals
from kriya.adapter.config import kriya_plugin, load_settings
from kriya.build_report import result_report
from kriya.clock import now_wib
from kriya.speed import Speed, fewer_collections, give_back_memory
from kriya.speed.cache import LINKS, SEARCH, BuildCache, default_folder, engine_key, whole
from kriya.speed.workers import start_forked


def run(args) -> int:
    fewer_collections()
    root = args.root.resolve()
    site_dir = (args.site_dir or root / "site").resolve()
    started = time.monotonic()

    settings = load_settings(root / "mkdocs.yml")
    now = now_wib()  # one moment decides what is published
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(site_dir) as locked:
        if not locked:
            print(
                "Build lain sedang berjalan untuk folder ini; tunggu sampai selesai, lalu "
                "jalankan lagi. Situs lama tidak diubah."
            )
            return 1
        remove_leftovers(site_dir.parent)
        cache_dir = None if args.no_cache else default_folder(root)
        return build(settings, root, site_dir, now, started, cache_dir)


def build(
    settings, root: Path, site_dir: Path, now, started: float, cache_dir: Path | None = None
) -> int:
    """Build into a new folder beside `site_dir`, then swap it in (under the build lock).
    With `cache_dir`, what the last good build kept there is reused (see speed.cache)."""
    cache = BuildCache(cache_dir, engine_key(root)) if cache_dir else None
    if cache and cache.note:
        print(cache.note)
    recycle = bool(cache and cache.valid)  # the last site's pages are this cache's
    staging, recycled = staging_folder(site_dir, recycle)
    try:
        # Rendered in a forked child, so that all the memory of rendering is given back
        # before Pagefind indexes the site (without fork it simply runs here).
        rendering = start_forked(lambda: render_site(settings, root, staging, now, cache, recycled))
        # meanwhile (rendering takes one core), the search index's kept shards and the link
        # check's entry are read
        kept_shards = search.read_ahead(cache.part(SEARCH)) if cache and cache.valid else {}
        known_links = (
            linkcheck.read_ahead(cache.part(LINKS), settings.site_url)
            if cache and cache.valid
            else None
        )
        summary = rendering()
        if summary is None:
            return 1
        if cache and summary["note"]:
            print(summary["note"])
        timings = summary["timings"]
        mark = time.monotonic()
        # The link check runs in a forked child (this process is small again), so that it
        # and the search indexing each have a core, without sharing Python's lock.
        links = cache.part(LINKS) if cache else None
        # what each generated page was made from: the caches need not read those pages
        digests = summary.get("pages", {})
        checked = start_forked(
            lambda: linkcheck.check_site(staging, settings.site_url, links, digests, known_links)
        )
        try:
            found = search.index_site(
                staging,
                frequent_pages(),
                Speed().share,
                cache.part(SEARCH) if cache else None,
                digests,
                start_forked,
                kept_shards,
            )
        except search.SearchIndexError as error:
            print(f"Indeks pencarian gagal dibuat; situs lama tidak diubah.\n{error}")
            return 1
        finally:
            broken = checked()
        timings["pencarian dan cek tautan"] = time.monotonic() - mark
        if broken:
            print("\n".join(broken))
            print(f"{len(broken)} tautan atau gambar internal rusak; situs lama tidak diubah.")
            return 1
        if cache:
            cache.commit(summary["memo"], staging, summary["pages"], summary["linked"])
        swap(
            staging,
            site_dir,
            # (a site made without this cache holds no page of it: recycling it costs more)
            remove=functools.partial(keep_spare, site_dir) if recycle else remove_later,
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    print(
        f"Situs selesai dibangun di {site_dir} dalam {time.monotonic() - started:.1f} detik: "
        f"{summary['counts']}; indeks pencarian: {found['pages']} halaman, "
        f"{found['words']} kata."
    )
    print("Waktu: " + ", ".join(f"{name} {seconds:.1f} detik" for name, seconds in timings.items()))
    if "reused" in summary:
        print(summary["reused"])
    print(summary["report"])
    return 0


LEFTOVERS = (".site-build-*", ".site-old-*", ".pagefind-*")  # of builds that were killed


@contextlib.contextmanager
def build_lock(site_dir: Path):
    """Yields whether this process holds the build lock of `site_dir` (always True where the
    system has no file locks): two builds at once would swap folders under each other."""
    try:
        import fcntl
    except ImportError:  # Windows: one writer at a time is up to the user
        yield True
        return
    with open(site_dir.parent / f".{site_dir.name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


def remove_leftovers(folder: Path) -> None:
    """Folders a killed build left behind (only ever removed under the build lock), and the
    old site of the last build if its removal is still going: removed by a process of their
    own (deleting the last build's site here made the next build 14 s slower at 10,000 +
    10,000 items)."""
    for pattern in LEFTOVERS:
        for path in folder.glob(pattern):
            remove_later(path)


def frequent_pages() -> int:
    """Page count from which a word gets a ranked list in the search bundle. Only the search
    evaluation changes it (KRIYA_SEARCH_FREQUENT), to score the ranked-list path on a small
    corpus."""
    return int(os.environ.get("KRIYA_SEARCH_FREQUENT") or search.FREQUENT_PAGES)


def render_site(
    settings, root: Path, staging: Path, now, cache=None, recycled: bool = False
) -> dict | None:
    """Validate and render the whole site into `staging`; a small summary for the report,
    or None (after printing why) when the content or MkDocs fails. With a BuildCache, its
    memo and pages are reused, and the new memo is written for `commit`. `recycled`:
    `staging` holds an earlier build's site (see `staging_folder`)."""
    started = time.monotonic()
    # Most pages of an edit are the last build's: a child links them in while the content
    # is read (the plugin takes out those that changed before MkDocs writes); in a recycled
    # folder, it first removes every other file.
    last = cache.last_pages() if cache else []
    # and the search index's fragment files (a recycled folder holds them already)
    fragments = [] if recycled or not cache else search.kept_fragments(cache.part(SEARCH))
    ahead = None
    if last or recycled:
        # (a kept page cut short is left out: checked here, not on the way to MkDocs)
        link = functools.partial(
            internals.link_outputs,
            last + fragments,
            str(staging),
            recycled,
            (search.KEPT,),
            whole,
        )
        ahead = (last, functools.cache(start_forked(link)))
    try:
        return _render_site(settings, root, staging, now, cache, ahead, started)
    finally:
        if ahead:  # done, whatever stopped the build (the plugin waited for it already)
            with contextlib.suppress(Exception):
                ahead[1]()


def _render_site(settings, root: Path, staging: Path, now, cache, ahead, started: float):
    note = cache.note if cache else ""
    memo = cache.memo() if cache else None
    result = pipeline.run(settings, now, speed=Speed(memo, lasting=True) if memo else None)
    timings = {"konten": time.monotonic() - started}
    if result.problems:
        print(pipeline.report(result.problems))
        print("Build dibatalkan; situs lama tidak diubah.")
        return None
    if cache and memo is not None:  # written now: MkDocs renders without the memo in memory
        # (not by a forked child alongside MkDocs: pickling touches every object of the memo,
        # so the child copies their pages while the renderer grows)
        mark = time.monotonic()
        memo_file, memo = cache.write_memo(memo), None
        timings["cache"] = time.monotonic() - mark
    counts, report = _counts(result.index), result_report(result, now)
    # MkDocs renders without the items
    result = pipeline.without_items(result)
    if ahead is None:
        # MkDocs renders every page: this process then holds the site build's peak, at the
        # end. The items are freed first (Jinja's render contexts hold them in reference
        # cycles: a full collection, 0.4 s at 10,000 + 10,000) and their memory is given
        # back: this process's peak went from 456 to 404 MiB there.
        give_back_memory()
    mark = time.monotonic()
    plugin = build_with_mkdocs(root, staging, result, cache, ahead)
    if plugin is None:
        print("Build MkDocs gagal; situs lama tidak diubah.")
        return None
    timings["gambar"] = plugin.image_seconds
    timings["halaman"] = time.monotonic() - mark - plugin.image_seconds
    summary = {"timings": timings, "counts": counts, "report": report}
    if cache:
        summary.update(memo=memo_file, pages=plugin.page_digests, linked=plugin.linked)
        summary["note"] = "" if cache.note == note else cache.note  # said in the child
        summary["reused"] = (
            f"Cache build: {len(plugin.reused)} dari {len(plugin.page_digests)} halaman "
            "dipakai ulang."
        )
    return summary


def _counts(index) -> str:
    return (
        f"{len(index.news)} berita, {len(index.products)} produk, "
        f"{len(index.held_back)} ditahan (draf, terjadwal atau kedaluwarsa)"
    )


def build_with_mkdocs(root: Path, staging: Path, result, cache=None, ahead=None):
    """`mkdocs build --strict` in this process, reusing the pipeline result already made
    (and with a BuildCache, the page files whose inputs did not change). Returns the plugin
    instance (for its timings and page digests), or None when the build failed."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=True)
    plugin: Any = kriya_plugin(config)  # a KriyaPlugin
    plugin.prepared = result
    plugin.kept_pages = cache
    plugin.ahead = ahead
    if cache is not None:
        internals.quiet_dirty_warning()
    try:
        # dirty: MkDocs leaves the pages linked in from the cache as they are
        mkdocs_build(config, dirty=cache is not None)
    except Abort:
        return None
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return plugin


def swap(staging: Path, site_dir: Path, remove=shutil.rmtree) -> None:
    """Put the new build in place: one atomic exchange where the system has it (Linux), so a
    web server reading site/ never finds it missing; else two renames on the same disk.
    `remove(folder)` deletes the old site."""
    if site_dir.exists() and exchange(staging, site_dir):
        old = _old_site_name(site_dir)  # staging holds the old site now
        staging.rename(old)  # a kill here leaves a leftover, not a gap
        remove(old)
        return
    replaced = None
    if site_dir.exists():
        replaced = _old_site_name(site_dir)
        site_dir.rename(replaced)
    staging.rename(site_dir)
    if replaced:
        remove(replaced)


def _old_site_name(site_dir: Path) -> Path:
    """A free name for the replaced site beside `site_dir`, one of the LEFTOVERS."""
    old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
    old.rmdir()
    return old


def staging_folder(site_dir: Path, recycle: bool) -> tuple[Path, bool]:
    """A new folder beside `site_dir` to build into, and whether it is recycled: the spare
    folder (the site two builds back, see `keep_spare`) when `recycle` allows, else an empty
    one. A recycled folder keeps its folders and the page files that are still right;
    `render_site` removes the other files before anything is written."""
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it 0700: a web server running as another user got 403
    spare = spare_folder(site_dir)
    if not spare.is_dir() or spare.is_symlink():
        return staging, False
    if not recycle:
        old = _old_site_name(site_dir)
        spare.rename(old)
        remove_later(old)
        return staging, False
    staging.rmdir()
    spare.rename(staging)
    return staging, True


def spare_folder(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}-cadangan")


def keep_spare(site_dir: Path, old: Path) -> None:
    """The site a build replaced becomes the spare folder the next build recycles: creating
    and deleting the folders and files of a whole site on every build cost more file system
    work than anything else in a small edit (removed at once if a spare is there)."""
    spare = spare_folder(site_dir)
    if spare.exists():
        remove_later(old)
    else:
        old.rename(spare)


def remove_later(folder: Path) -> None:
    """Delete `folder` (a replaced site, named as a leftover) in a process of its own: the
    build is done without waiting for tens of thousands of files to go (10 s at 10,000 +
    10,000 items), and a removal cut short is finished by the next build."""
    if not hasattr(os, "posix_spawn"):  # Windows
        shutil.rmtree(folder, ignore_errors=True)
        return
    # a session of its own: not stopped with the build's terminal or job
    os.posix_spawn(
        sys.executable, [sys.executable, "-c", _REMOVE, str(folder)], os.environ, setsid=True
    )


# at the lowest priority: the next build (or an edit right after this one) goes first
_REMOVE = "import os, shutil, sys; os.nice(19); shutil.rmtree(sys.argv[1], ignore_errors=True)"


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (renameat2 with RENAME_EXCHANGE); False where the system
    or the file system cannot."""
    import ctypes
    import errno

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):  # not Linux (Windows: no CDLL(None))
        return False
    at_cwd, rename_exchange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE from <fcntl.h>/<stdio.h>
    if renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
