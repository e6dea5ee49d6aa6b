"""Scheduled and expiring items reach the site within the hour: `kriya due` and the hourly
workflow, and what check, the build report and the preview say about held-back items."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta

import yaml
from conftest import NOW, ROOT

from kriya import pipeline
from kriya.adapter.config import load_settings
from kriya.convert import WIB, Invalid, to_datetime
from kriya.schedule import changes, held_note, next_change

HOURS = 2  # what scheduled.yml passes to `kriya due --hours`

ANNOUNCEMENT = """---
title: "Pengumuman: Pendaftaran Pameran"
date: 2026-12-07 08:00
expires: 2026-12-31
description: Pendaftaran pameran kriya akhir tahun dibuka.
draft: false
---
Isi pengumuman.
"""


def items_of(root, now):
    index = pipeline.run(load_settings(root / "mkdocs.yml"), now).index
    return (*index.news, *index.products, *index.held_back)


def hourly_runs(first: datetime, count: int) -> list[datetime]:
    """The workflow's runs: every hour at minute 7."""
    return [first.replace(minute=7) + timedelta(hours=h) for h in range(count)]


def due_runs(root, runs) -> list[datetime]:
    return [run for run in runs if changes(items_of(root, run), run - timedelta(hours=HOURS), run)]


def test_an_item_at_eight_is_published_by_the_two_hourly_runs_after_eight(fixture_copy):
    (fixture_copy / "content/news/2026-12-03-pengumuman.md").write_text(ANNOUNCEMENT, "utf-8")
    monday = datetime(2026, 12, 7, 5, 0, tzinfo=WIB)
    runs = hourly_runs(monday, 7)  # 05:07 ... 11:07 WIB
    assert [run.hour for run in due_runs(fixture_copy, runs)] == [8, 9]
    # at 07:07 it is still held back, at 08:07 it is published
    before, after = items_of(fixture_copy, runs[2]), items_of(fixture_copy, runs[3])
    item = next(i for i in before if i.path.endswith("pengumuman.md"))
    assert held_note(item, runs[2]) == (
        "terjadwal: terbit otomatis Senin, 07 Desember 2026 pukul 08.00 WIB"
    )
    assert held_note(next(i for i in after if i.path == item.path), runs[3]) is None


def test_an_expiry_is_deployed_by_the_two_hourly_runs_after_midnight(fixture_copy):
    (fixture_copy / "content/news/2026-12-03-pengumuman.md").write_text(ANNOUNCEMENT, "utf-8")
    runs = hourly_runs(datetime(2026, 12, 31, 21, 0, tzinfo=WIB), 6)  # 21:07 ... 02:07
    # expires: 2026-12-31 means shown through that day: gone from 1 January 00:00 WIB
    assert [(run.day, run.hour) for run in due_runs(fixture_copy, runs)] == [(1, 0), (1, 1)]


def test_a_draft_is_never_due_and_certificates_count(fixture_copy):
    draft = ANNOUNCEMENT.replace("draft: false", "draft: true")
    (fixture_copy / "content/news/2026-12-03-pengumuman.md").write_text(draft, "utf-8")
    at = datetime(2026, 12, 7, 8, 7, tzinfo=WIB)
    assert changes(items_of(fixture_copy, at), at - timedelta(hours=HOURS), at) == []
    # tas-uji's SNI certificate ran out at 2026-07-01 00:00: its badge goes then
    july = datetime(2026, 7, 1, 0, 7, tzinfo=WIB)
    found = changes(items_of(fixture_copy, july), july - timedelta(hours=HOURS), july)
    assert [(what, item.path) for _, what, item in found] == [
        ("sertifikat SNI berakhir", "content/products/tas-uji.md")
    ]


def test_due_command_writes_the_workflow_output(fixture_copy, tmp_path):
    output = tmp_path / "github_output"

    def due(now: str):
        done = subprocess.run(
            [sys.executable, "-m", "kriya", "due", "--hours", str(HOURS)],
            cwd=fixture_copy,
            capture_output=True,
            text=True,
            env={**os.environ, "KRIYA_NOW": now, "GITHUB_OUTPUT": str(output)},
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    quiet = due("2026-12-24T23:07:00")
    assert "tidak perlu dibangun" in quiet
    assert (
        "Perubahan berikutnya: terbit Jumat, 25 Desember 2026 pukul 00.00 WIB: "
        "content/news/2026-12-25-masa-depan-uji.md" in quiet
    )
    said = due("2026-12-25T00:07:00")
    assert (
        "- terbit Jumat, 25 Desember 2026 pukul 00.00 WIB: "
        "content/news/2026-12-25-masa-depan-uji.md" in said
    )
    assert "Situs perlu dibangun ulang." in said
    assert output.read_text().splitlines() == ["due=false", "due=true"]


def test_next_change_is_the_first_moment_after_now(fixture_copy):
    now = datetime.fromisoformat(NOW)
    moment, what, item = next_change(items_of(fixture_copy, now), now)
    assert (moment, what, item.path) == (
        datetime(2026, 12, 25, tzinfo=WIB),
        "terbit",
        "content/news/2026-12-25-masa-depan-uji.md",
    )


def test_the_hourly_workflow_gates_publishing_on_kriya_due():
    workflow = yaml.safe_load(
        (ROOT / ".github/workflows/scheduled.yml").read_text(encoding="utf-8")
    )
    crons = [entry["cron"] for entry in workflow[True]["schedule"]]  # YAML reads `on` as True
    assert crons == ["7 * * * *", "17 17 * * *"]  # hourly at :07, and the daily safety run
    steps = workflow["jobs"]["due"]["steps"]
    assert any(s.get("run") == f"python -m kriya due --hours {HOURS}" for s in steps)
    assert workflow["jobs"]["due"]["outputs"]["due"] == "${{ steps.due.outputs.due }}"
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "due"
    assert "needs.due.outputs.due == 'true'" in publish["if"]
    assert "github.event.schedule == '17 17 * * *'" in publish["if"]
    assert publish["uses"] == "./.github/workflows/publish.yml"
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]


def test_the_date_message_shows_how_to_write_a_time():
    for written in ("2026-12-07 08.00 WIB", "2026-12-07 pukul 08.00", "2026-12-07 08.00"):
        assert to_datetime(written, written) == datetime(2026, 12, 7, 8, tzinfo=WIB)
    try:
        to_datetime("kemarin", "kemarin")
    except Invalid as error:
        assert "(dengan jam: 2025-09-23 08.30)" in str(error)
    else:
        raise AssertionError("kemarin")
    assert to_datetime("2026-12-07 08:00", None) == datetime(2026, 12, 7, 8, tzinfo=WIB)


def test_preview_banner_and_build_report_say_when(fixture_copy):
    from kriya.build_report import build_report

    now = datetime.fromisoformat(NOW)
    result = pipeline.run(load_settings(fixture_copy / "mkdocs.yml"), now, preview=True)
    html = result.pages.html
    assert (
        "PRATINJAU: terjadwal: terbit otomatis Jumat, 25 Desember 2026 pukul 00.00 WIB"
        in html["berita/masa-depan-uji/"]
    )
    assert "PRATINJAU: draf: tidak akan terbit walau tanggalnya tiba" in html["berita/draf-uji/"]
    report = build_report(pipeline.run(result.settings, now).index, now)
    assert "- draf: 2 (tidak akan terbit sampai draft: false)" in report
    assert "    terbit Jumat, 25 Desember 2026 pukul 00.00 WIB: Berita FUTUREFIXTURE" in report
