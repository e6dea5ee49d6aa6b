"""What every command shares: finding the project folder and failing in Indonesian."""

from __future__ import annotations

import errno
import sys
import traceback
from pathlib import Path

# The machine's disk, not Kriya: what the message says to do about each.
DISK_PROBLEMS = {
    errno.ENOSPC: "disk penuh; kosongkan ruang (misalnya hapus folder site/ lama atau .cache/)",
    errno.EDQUOT: "kuota disk habis; kosongkan ruang atau minta kuota lebih besar",
    errno.EROFS: "disk hanya bisa dibaca; jalankan dari folder yang bisa ditulisi",
    errno.EACCES: "tidak punya izin menulis; periksa izin folder proyek",
    errno.EPERM: "tidak punya izin menulis; periksa izin folder proyek",
}


class NoProject(Exception):
    """No folder with mkdocs.yml here or above."""


def project_root(given: Path | None, start: Path | None = None) -> Path:
    """`--root` when given, else the nearest folder holding mkdocs.yml, from `start` (the
    current folder) upwards, as git finds its repository."""
    if given is not None:
        return given
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise NoProject(
        f"Folder proyek tidak ditemukan: {here} dan folder di atasnya tidak berisi mkdocs.yml. "
        "Jalankan perintah ini di folder proyek situs, atau tulis --root FOLDER."
    )


def guarded(main) -> None:
    """Run `main`; an unexpected error is our bug, not the writer's: say so in Indonesian."""
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except NoProject as error:
        print(error)
        sys.exit(1)
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
