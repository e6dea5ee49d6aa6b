"""Every threshold that decides when Kriya shares work between processes, in one place.

A fork pays only for enough work, and only while the forking process is small: after a fork
every memory page either process writes to is held twice, and CPython writes to most of them
(reference counts, reused free blocks). At 20,000 items a forked renderer's copy came to
+265 MiB.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    # Fewest tasks for which a step runs on forked worker processes.
    min_tasks: dict[str, int] = field(
        default_factory=lambda: {
            "load": 200,  # content files read and parsed
            "validate": 10**9,  # never: forked validators copied the records they touched
            "bodies": 200,  # Markdown bodies rendered
            "fragments": 1600,  # Pagefind fragments read back for the vocabulary
            "pack": 8,  # search index chunks renumbered or written
            "qr": 100,  # QR codes of product addresses (print pages)
        }
    )
    max_shared_mib: float = 256  # no fork once this process holds more
    min_parallel_pages: int = 200  # MkDocs renders pages in two processes from here on
    # Packed bytes from which a generated page's HTML joins MkDocs's output only as the page
    # is written, in pieces (the print catalog of 10,000 products: 29 MB of HTML, which the
    # theme's template and MkDocs's encoding held three times over)
    large_page: int = 256 * 1024
    # Allocations between two collections of Python's youngest generation (CPython's own:
    # 700). A build makes millions of objects that last, and CPython collects everything
    # each time they grow by a quarter: 12 full collections in the content of an edit at
    # 10,000 + 10,000 items, which took 6.8-7.4 s with CPython's threshold and 5.5-6.0 s
    # with this one (tools/bench/gc_threshold.py), for the same peak memory.
    gc_young: int = 100_000


LIMITS = Limits()
