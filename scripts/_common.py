"""Shared bits of the user-facing commands: the project root and friendly failure."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
    except Exception:
        traceback.print_exc()
        print(
            "\nTerjadi kesalahan internal di Kriya (bukan kesalahan penulisan konten). "
            "Kirim pesan di atas ke tim pengembang.",
            file=sys.stderr,
        )
        sys.exit(2)
