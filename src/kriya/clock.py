"""The one place that reads the clock. `KRIYA_NOW` (ISO date or datetime) overrides it, so
tests and rebuilds of old commits can pin the moment that decides what is published."""

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
    return datetime.now(WIB)
