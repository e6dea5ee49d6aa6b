"""QR codes of product addresses for the printed catalog and booth cards: inline SVG made
at build time with segno, so a printed page needs no request to anyone.

The SVG holds nothing from content but the modules that encode the address: segno writes one
path of line segments, and `svg` checks that shape before anything reaches a page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import segno

from .cache_files import write_atomic

# Error correction M (15 % of the code may be lost: a smudged or creased card still scans);
# segno raises it when a higher level fits in the same size.
ERROR = "m"
BORDER = 4  # the quiet zone, in modules, that scanners need around the code
# A fixed mask pattern: choosing the best of eight took 48 ms a code (8 minutes of a 10,000-
# product build), a fixed one 5 ms; every scanner reads any of the eight (tests decode them).
MASK = 0
CLASS = "kriya-qr"
SHAPE = re.compile(
    r'<svg viewBox="0 0 (\d+) \1" class="kriya-qr"><path stroke="#000" d="[Mmhv0-9 .-]+"/></svg>'
)


def svg(address: str) -> str:
    """The QR code of `address` as an inline <svg> (unsized: CSS sets its size)."""
    code = segno.make_qr(address, error=ERROR, mask=MASK)
    text = code.svg_inline(scale=1, border=BORDER, svgclass=CLASS, lineclass=None, omitsize=True)
    if not SHAPE.fullmatch(text):
        raise ValueError(f"unexpected SVG from segno {segno.__version__}: {text[:80]}")
    # hidden from screen readers: the address is printed in words next to it
    return text.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


RECIPE = f"kriya-qr-1 segno-{segno.__version__} {ERROR} {BORDER} {MASK}"


def cached(
    addresses: list[str], folder: Path | None, make: Callable[[list[str]], list[str]]
) -> dict[str, str]:
    """address -> QR code of each of `addresses`: codes kept in `folder` (the image cache,
    restored in CI like the photos' variants) under this RECIPE are reused, `make(missing)`
    makes the others, and the file is written again with exactly the codes used."""
    path = folder / "qr.json" if folder else None
    kept: dict = {}
    if path is not None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("recipe") == RECIPE:
                kept = data["codes"]
        except (OSError, ValueError, KeyError, AttributeError):
            pass  # no file or a damaged one: every code is made again
    known = {
        a: kept[a] for a in addresses if isinstance(kept.get(a), str) and _well_formed(kept[a])
    }
    missing = [a for a in addresses if a not in known]
    known.update(zip(missing, make(missing)))
    if path is not None and (missing or len(known) != len(kept)):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps({"recipe": RECIPE, "codes": known}).encode("utf-8"))
    return known


def _well_formed(text: str) -> bool:
    """A kept code still has the shape `svg` checks (the file could have been edited)."""
    return SHAPE.fullmatch(text.replace('aria-hidden="true" focusable="false" ', "", 1)) is not None
