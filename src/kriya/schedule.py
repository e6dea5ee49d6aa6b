"""When the published site changes by itself: items whose date arrives or whose `expires`
(or a product certificate's) passes. Used by `kriya check`, the build report and the
preview banner (why an item is held back and until when), and by `kriya due`, which the
hourly workflow asks whether the site must be built again. `now` is always passed in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .formatting import tanggal_jam
from .site import status


def held_note(item, now: datetime) -> str | None:
    """Why `item` is not on the public site and whether it will be, in Indonesian; None
    when it is published."""
    reason = status(item, now)
    if reason == "draft":
        return (
            "draf: tidak akan terbit walau tanggalnya tiba; ganti ke draft: false agar terbit "
            "pada tanggalnya"
        )
    if reason == "scheduled":
        return f"terjadwal: terbit otomatis {tanggal_jam(item.date)}"
    if reason == "expired":
        return f"kedaluwarsa: tidak tampil lagi sejak {tanggal_jam(item.expires)}"
    return None


def moments(item) -> list[tuple[datetime, str]]:
    """The moments at which `item` changes the public site, each with what happens then.
    A draft has none: it is never published."""
    if item.draft:
        return []
    found = []
    if item.date is not None:
        found.append((item.date, "terbit"))
    if item.expires is not None:
        found.append((item.expires, "berakhir"))
    for slug, expires in getattr(item, "certificate_expiry", ()):
        found.append((expires, f"sertifikat {slug.upper()} berakhir"))
    return found


def changes(items, since: datetime, now: datetime) -> list[tuple[datetime, str, Any]]:
    """(moment, what, item) of every change with since < moment <= now, oldest first."""
    found = [
        (moment, what, item)
        for item in items
        for moment, what in moments(item)
        if since < moment <= now
    ]
    return sorted(found, key=lambda change: (change[0], change[2].path))


def next_change(items, now: datetime) -> tuple[datetime, str, Any] | None:
    """The first change after `now`, or None."""
    later = [
        (moment, what, item) for item in items for moment, what in moments(item) if moment > now
    ]
    return min(later, key=lambda change: (change[0], change[2].path), default=None)
