"""The one place that reads the clock. `KRIYA_NOW` (ISO date or datetime) overrides it, so
tests and rebuilds of old commits can pin the moment that decides what is published; without
it, SOURCE_DATE_EPOCH (reproducible-builds.org) does the same. Nothing else in a build depends
on the time, so the same content and moment give the same site/, byte for byte."""

from __future__ import annotations

import os
from datetime import datetime

from .convert import WIB, Invalid, to_datetime


def now_wib() -> datetime:
    pinned = os.environ.get("KRIYA_NOW", "").strip()
    if pinned:
        try:
            return to_datetime(pinned, pinned)
        except Invalid as error:
            raise SystemExit(f"KRIYA_NOW={pinned!r} tidak valid: {error}") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():  # reproducible builds: the moment of the source, not of the machine
        try:
            return datetime.fromtimestamp(int(epoch), WIB)
        except (ValueError, OverflowError, OSError):
            raise SystemExit(
                f"SOURCE_DATE_EPOCH={epoch} tidak valid: detik sejak 1970 di luar tahun 1-9999."
            ) from None
    return datetime.now(WIB)
