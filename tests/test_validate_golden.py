"""Golden cases: content files in, expected problems out.

Each tests/golden/*.yaml holds `files` (path -> text, or {text, encoding, bom, crlf}),
optional `images` (paths of placeholder image files) and `expected` (problem lines).
Refresh on purpose with KRIYA_UPDATE_GOLDEN=1, then review the diff.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from kriya import pipeline
from kriya.convert import WIB
from kriya.settings import Settings

GOLDEN = Path(__file__).parent / "golden"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=WIB)
CASES = sorted(GOLDEN.glob("*.yaml"))


def _tiny_jpeg() -> bytes:
    """A real 8x8 JPEG: published images are read (sized) when pages are built."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (122, 62, 29)).save(out, "JPEG")
    return out.getvalue()


TINY_JPEG = _tiny_jpeg()


def write_case(case: dict, root: Path) -> None:
    for rel, spec in case.get("files", {}).items():
        spec = spec if isinstance(spec, dict) else {"text": spec}
        text = spec["text"]
        if spec.get("crlf"):
            text = text.replace("\n", "\r\n")
        data = text.encode(spec.get("encoding", "utf-8"))
        if spec.get("bom"):
            data = b"\xef\xbb\xbf" + data
        if "repeat" in spec:
            data = data * spec["repeat"]
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for rel in case.get("images", []):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(TINY_JPEG)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path, tmp_path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    root = tmp_path / "proyek"
    write_case(case, root)
    result = pipeline.run(Settings(root=root), NOW)
    found = [str(p) for p in sorted(result.problems + result.warnings)]
    if os.environ.get("KRIYA_UPDATE_GOLDEN"):
        case["expected"] = found
        path.write_text(
            yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
    assert found == case["expected"]
    published = len(result.index.news) + len(result.index.products)
    assert published == case.get("published", published)


def test_golden_cases_cover_the_traps():
    assert len(CASES) >= 10
