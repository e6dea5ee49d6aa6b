"""Validate every news item and product; print every problem; exit 1 if there are any.

Usage: python scripts/check.py [--root FOLDER]
In GitHub Actions each problem also becomes an annotation on its file and line, and the job
summary shows the problems and the build report.
"""

from __future__ import annotations

import os
from pathlib import Path

from _common import guarded, parser

from kriya import ci, pipeline
from kriya.adapter.config import load_settings
from kriya.build_report import build_report, link_warnings
from kriya.clock import now_wib


def main() -> int:
    args = parser(__doc__).parse_args()
    now = now_wib()
    settings = load_settings(args.root / "mkdocs.yml")
    result = pipeline.run(settings, now)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in result.problems + result.warnings:
            print(ci.annotation(problem))
        notes = tuple(str(w) for w in result.warnings)
        report = (
            ""
            if result.problems
            else build_report(result.index, now, notes, link_hosts=settings.link_hosts)
        )
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with Path(summary).open("a", encoding="utf-8") as out:
                out.write(ci.summary(result.problems, report))
    if result.warnings:  # read in the writer's favour; the fix is in each message
        print(pipeline.warnings_report(result.warnings))
    if result.problems:
        print(pipeline.report(result.problems))
        return 1
    index = result.index
    print(
        f"Konten OK: {len(index.news)} berita dan {len(index.products)} produk terbit, "
        f"{len(index.held_back)} ditahan (draf, terjadwal atau kedaluwarsa)."
    )
    for note in link_warnings(index, settings.link_hosts):
        print(f"Peringatan: {note}")
    return 0


if __name__ == "__main__":
    guarded(main)
