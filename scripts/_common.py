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
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception:
        traceback.print_exc()
        print(
            "\nTerjadi kesalahan internal di Kriya (bukan kesalahan penulisan konten). "
            "Kirim pesan di atas ke tim pengembang.",
            file=sys.stderr,
        )
        sys.exit(2)
