"""Shared bits of the user-facing commands: the project root and friendly failure."""

from __future__ import annotations

import argparse
import errno
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The machine's disk, not Kriya: what the message says to do about each.
DISK_PROBLEMS = {
    errno.ENOSPC: "disk penuh; kosongkan ruang (misalnya hapus folder site/ lama atau .cache/)",
    errno.EDQUOT: "kuota disk habis; kosongkan ruang atau minta kuota lebih besar",
    errno.EROFS: "disk hanya bisa dibaca; jalankan dari folder yang bisa ditulisi",
    errno.EACCES: "tidak punya izin menulis; periksa izin folder proyek",
    errno.EPERM: "tidak punya izin menulis; periksa izin folder proyek",
}


def parser(description: str) -> argparse.ArgumentParser:
    args = argparse.ArgumentParser(description=description)
    args.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="project folder holding mkdocs.yml and content/ (default: this repo)",
    )
    return args


def guarded(main) -> None:
    """Run `main`; an unexpected error is our bug, not the writer's: say so in Indonesian."""
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except (ConfigurationError, PluginError, Abort) as error:  # the site's settings, not a bug
        print(f"mkdocs.yml tidak bisa dipakai: {error}\nPerbaiki mkdocs.yml lalu jalankan lagi.")
        sys.exit(1)
    except OSError as error:
        fix = DISK_PROBLEMS.get(error.errno or 0)
        if fix is None:
            _internal()
        where = f" {error.filename}" if error.filename else ""
        print(f"Tidak bisa menulis{where}: {fix}.")
        sys.exit(1)
    except Exception:
        _internal()


def _internal() -> None:
    """An unexpected error is a bug in Kriya: show it and say so."""
    traceback.print_exc()
    print(
        "\nTerjadi kesalahan internal di Kriya (bukan kesalahan penulisan konten). "
        "Kirim pesan di atas ke tim pengembang.",
        file=sys.stderr,
    )
    sys.exit(2)
