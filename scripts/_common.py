"""Each script here runs one `kriya` command on this repository (the Makefile and CI call
them). Run with a Python that lacks Kriya (not the project's .venv), it says in Indonesian
what to run instead of a ModuleNotFoundError traceback."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(command: str) -> None:
    try:
        import mkdocs  # noqa: F401 (Kriya's dependencies are there too)

        from kriya.cli import main
    except ImportError:
        sys.exit(instead(command, sys.argv[1:]))
    main([command, "--root", str(ROOT), *sys.argv[1:]])


def instead(command: str, args: list[str]) -> str:
    """The message for a Python without Kriya, with the command line to use instead."""
    if os.name == "nt":
        line = subprocess.list2cmdline([r".venv\Scripts\kriya", command, *args])
        setup = "klik dua kali Mulai-Kriya.cmd di folder proyek"
    else:
        line = shlex.join([".venv/bin/kriya", command, *args])
        setup = "jalankan ./kriya di folder proyek"
    return (
        f"Perintah ini perlu Python milik proyek (folder .venv), bukan {sys.executable}.\n"
        f"Jalankan di folder proyek ({ROOT}):\n\n    {line}\n\n"
        f"Belum ada folder .venv? Untuk persiapan pertama, {setup}."
    )
