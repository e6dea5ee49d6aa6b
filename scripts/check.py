"""Validate every news item and product; print every problem; exit 1 if there are any.

Usage: python scripts/check.py [--root FOLDER]
"""

from __future__ import annotations

from _common import guarded, parser

from kriya import pipeline
from kriya.adapter.config import load_settings
from kriya.clock import now_wib


def main() -> int:
    args = parser(__doc__).parse_args()
    result = pipeline.run(load_settings(args.root / "mkdocs.yml"), now_wib())
    if result.problems:
        print(pipeline.report(result.problems))
        return 1
    index = result.index
    print(
        f"Konten OK: {len(index.news)} berita dan {len(index.products)} produk terbit, "
        f"{len(index.held_back)} ditahan (draf, terjadwal atau kedaluwarsa)."
    )
    return 0


if __name__ == "__main__":
    guarded(main)
