"""Take phone (375 px) and desktop (1280 px) screenshots of site pages, for looking at.

Usage: python tools/screenshot.py OUTDIR PATH [PATH ...]   (serves ./site on loopback)
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from serve import serve_folder

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with serve_folder(Path("site")) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width, height in ((375, 812), (1280, 900)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in sys.argv[2:]:
                page.goto(base + path)
                name = path.strip("/").replace("/", "_") or "home"
                page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
