"""`kriya check`: validate every news item and product; print every problem, or what is
published and, for each held-back item, why and until when; exit 1 if there are problems.
In GitHub Actions each problem also becomes an annotation on its file and line, and the job
summary shows the problems and the build report."""

from __future__ import annotations

import os
from pathlib import Path

from kriya import ci, pipeline
from kriya.adapter.config import load_settings
from kriya.build_report import link_warnings, result_report
from kriya.clock import now_wib
from kriya.schedule import held_note
from kriya.site import status

ORDER = {"draft": 0, "scheduled": 1, "expired": 2}


def run(args) -> int:
    now = now_wib()
    settings = load_settings(args.root / "mkdocs.yml")
    result = pipeline.run(settings, now)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in result.problems + result.warnings:
            print(ci.annotation(problem))
        report = "" if result.problems else result_report(result, now)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with Path(summary).open("a", encoding="utf-8") as out:
                out.write(ci.summary(result.problems, report))
    if result.warnings:  # read in the writer's favour; the fix is in each message
        print(pipeline.warnings_report(result.warnings))
    if result.problems:
        print(pipeline.report(result.problems))
        return 1
    print(ok_summary(result.index, now))
    for note in link_warnings(result.index, settings.link_hosts):
        print(f"Peringatan: {note}")
    return 0


def ok_summary(index, now) -> str:
    """'Konten OK' with the counts, then one line per held-back item saying why."""
    lines = [f"Konten OK: {len(index.news)} berita dan {len(index.products)} produk terbit."]
    held = sorted(
        index.held_back,
        key=lambda i: (ORDER[status(i, now)], i.expires or i.date or now, i.path),
    )
    if held:
        lines.append(f"{len(held)} tidak tampil di situs publik:")
        lines += [f"- {item.path}: {held_note(item, now)}" for item in held]
    return "\n".join(lines)
