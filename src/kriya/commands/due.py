"""`kriya due [--hours 2] [--since MOMENT]`: has the public site changed by itself lately,
because an item's date arrived or an `expires` (an item's or a product certificate's)
passed? The hourly workflow (.github/workflows/scheduled.yml) builds and deploys only then.

The last build's time is not looked up: each hourly run looks back `--hours` (2), so a
change is deployed by the first two runs after its moment, and a run that GitHub delays or
drops is covered by the next one. Writes `due=true|false` to $GITHUB_OUTPUT when set."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from kriya import pipeline
from kriya.adapter.config import load_settings
from kriya.clock import now_wib
from kriya.convert import Invalid, to_datetime
from kriya.formatting import tanggal_jam
from kriya.schedule import changes, next_change


def run(args) -> int:
    now = now_wib()
    try:
        since = (
            to_datetime(args.since, args.since) if args.since else now - timedelta(hours=args.hours)
        )
    except Invalid as error:
        print(f"--since: {error}")
        return 1
    index = pipeline.run(load_settings(args.root / "mkdocs.yml"), now).index
    items = (*index.news, *index.products, *index.held_back)
    found = changes(items, since, now)
    window = f"{tanggal_jam(since)} sampai {tanggal_jam(now)}"
    if found:
        print(f"Perubahan jadwal antara {window}:")
        print("\n".join(f"- {what} {tanggal_jam(m)}: {item.path}" for m, what, item in found))
        print("Situs perlu dibangun ulang.")
    else:
        print(f"Tidak ada yang terbit atau berakhir antara {window}; situs tidak perlu dibangun.")
    upcoming = next_change(items, now)
    if upcoming:
        moment, what, item = upcoming
        print(f"Perubahan berikutnya: {what} {tanggal_jam(moment)}: {item.path}")
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with Path(output).open("a", encoding="utf-8") as out:
            out.write(f"due={'true' if found else 'false'}\n")
    return 0
