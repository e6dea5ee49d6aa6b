"""What CI shows staff: annotations on the file and line, and the job summary."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import NOW, ROOT

from kriya import ci
from kriya.model import Problem


def test_annotation_names_file_line_and_field_with_escaping():
    problem = Problem("content/products/kopi, bubuk.md", 7, "whatsapp", "50% salah:\nperbaiki")
    assert ci.annotation(problem) == (
        "::error file=content/products/kopi%2C bubuk.md,line=7,title=Kolom whatsapp"
        "::50%25 salah:%0Aperbaiki"
    )
    whole = ci.annotation(Problem("content/news/x.md", 0, "", "file kosong"))
    assert whole == "::error file=content/news/x.md,title=Masalah konten::file kosong"


def test_summary_lists_problems_or_the_report():
    problems = [Problem("content/news/a.md", 3, "date", "tulis 2025-09-23 | bukan 23/9")]
    text = ci.summary(problems)
    assert "1 masalah di 1 file" in text
    assert "| `content/news/a.md` | 3 | date | tulis 2025-09-23 \\| bukan 23/9 |" in text
    assert ci.summary([], "Laporan build").startswith("## ✅ Konten OK")
    assert "```text\nLaporan build\n```" in ci.summary([], "Laporan build")


def test_check_in_github_actions_annotates_and_summarises(fixture_copy, tmp_path):
    bad = fixture_copy / "content" / "news" / "2025-10-09-rusak.md"
    bad.write_text("---\ntitle: Rusak\ndate: 23/9/2025\ndescription: x\n---\nIsi.\n")
    summary = tmp_path / "summary.md"
    env = {
        **os.environ,
        "KRIYA_NOW": NOW,
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(fixture_copy)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 1
    assert "::error file=content/news/2025-10-09-rusak.md,line=3,title=Kolom date::" in done.stdout
    assert "| `content/news/2025-10-09-rusak.md` | 3 | date |" in summary.read_text()
    bad.unlink()
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(fixture_copy)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0 and "::error" not in done.stdout
    text = summary.read_text()
    assert "Konten OK" in text and "Laporan build" in text and "terjadwal" in text
