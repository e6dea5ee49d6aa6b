"""QR codes of product addresses for the printed catalog and booth cards: inline SVG made
at build time with segno, so a printed page needs no request to anyone.

The SVG holds nothing from content but the modules that encode the address: segno writes one
path of line segments, and `svg` checks that shape before anything reaches a page."""

from __future__ import annotations

import re

import segno

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
