"""Write the field tables of PANDUAN-PENULIS.md from the schema (src/kriya/schema.py).

Each table sits between two marker comments, e.g. `<!-- kolom news: ... -->` and
`<!-- akhir kolom news -->`; the rest of the guide is prose and stays as it is written.
tests/test_schema.py fails when the guide and the schema disagree.

Usage (from the repository root):

    .venv/bin/python tools/guide_tables.py          # rewrite the tables
    .venv/bin/python tools/guide_tables.py --check  # exit 1 if they are out of date
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kriya import schema

GUIDE = ROOT / "PANDUAN-PENULIS.md"
START = "<!-- kolom {}: dibuat dari src/kriya/schema.py oleh tools/guide_tables.py -->"
END = "<!-- akhir kolom {} -->"


def table(collection: str) -> str:
    """The Markdown table of one collection's fields, in the schema's order."""
    lines = ["| Kolom | Nama | Wajib? | Isi | Contoh |", "|---|---|---|---|---|"]
    for row in schema.FIELDS[collection]:
        cells = (
            f"`{row.key}`",
            row.label,
            "wajib" if row.required else "tidak wajib",
            row.help,
            f"`{row.example}`",
        )
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


def with_tables(text: str) -> str:
    """The guide with every table between its markers rewritten from the schema."""
    for collection in schema.FIELDS:
        start, end = START.format(collection), END.format(collection)
        region = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
        if not region.search(text):
            raise SystemExit(f"{GUIDE.name}: marker missing: {start}")
        replacement = f"{start}\n{table(collection)}\n{end}"
        text = region.sub(lambda _, new=replacement: new, text)
    return text


def main() -> int:
    text = GUIDE.read_text(encoding="utf-8")
    wanted = with_tables(text)
    if "--check" in sys.argv[1:]:
        if wanted != text:
            print(f"{GUIDE.name} is out of date: run python tools/guide_tables.py")
            return 1
        return 0
    if wanted != text:
        GUIDE.write_text(wanted, encoding="utf-8")
        print(f"{GUIDE.name}: tables rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
