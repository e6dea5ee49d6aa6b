"""Problems and reports where staff look in GitHub: an annotation on the file and line of
each problem (workflow commands), and the run's job summary in Indonesian."""

from __future__ import annotations

from .model import Problem


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """`::error file=...,line=...,title=...::message` (`::warning` for a warning), shown on
    the file in GitHub."""
    place = f"file={_property(problem.path)}"
    if problem.line:
        place += f",line={problem.line}"
    title = f"Kolom {problem.field}" if problem.field else "Masalah konten"
    level = "warning" if problem.warning else "error"
    return f"::{level} {place},title={_property(title)}::{_data(problem.message)}"


def summary(problems: list[Problem], report: str = "") -> str:
    """The job summary (Markdown): every problem as a table row, then the build report."""
    lines = []
    if problems:
        files = len({p.path for p in problems})
        lines += [
            f"## ❌ {len(problems)} masalah di {files} file",
            "",
            "Perbaiki lalu simpan lagi; panduan: `PANDUAN-PENULIS.md`.",
            "",
            "| file | baris | kolom | masalah |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| `{_cell(p.path)}` | {p.line or ''} | {_cell(p.field)} | {_cell(p.message)} |"
            for p in problems
        ]
    else:
        lines.append("## ✅ Konten OK")
    if report:
        lines += ["", "```text", report, "```"]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
