"""Screenshots of the browser editor for the writer's guide (PANDUAN-PENULIS.md, "Menulis lewat
browser"), taken from the editor as `make site` builds it, signed in to the CMS's test
repository instead of GitHub.

Usage: python tools/editor_screenshots.py [--site site] [--out panduan-gambar]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS
from serve import serve_folder


def field(page, key: str):
    return page.locator(f'section[data-key-path="{key}"]')


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--site", type=Path, default=ROOT / "site")
    args.add_argument("--out", type=Path, default=ROOT / "panduan-gambar")
    options = args.parse_args()
    config = json.loads((options.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    login = json.loads(json.dumps(config))
    config["backend"] = {"name": "test-repo"}
    options.out.mkdir(exist_ok=True)
    photo = next((ROOT / "content" / "products" / "img").glob("*.jpg"))
    with serve_folder(options.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})

        def shoot(name: str) -> None:
            page.wait_for_timeout(600)
            page.screenshot(path=options.out / f"{name}.png")
            print(options.out / f"{name}.png")

        # 1. The sign-in page as staff see it (GitHub backend, as configured).
        page.route(
            "**/admin/config.yml*",
            lambda route: route.fulfill(body=json.dumps(login), content_type="application/yaml"),
        )
        page.goto(base + "admin/")
        page.get_by_role("button", name="Sign In with").first.wait_for()
        shoot("editor-1-masuk")
        # 2.-4. Writing, in the test repository.
        page.unroute("**/admin/config.yml*")
        page.route(
            "**/admin/config.yml*",
            lambda route: route.fulfill(body=json.dumps(config), content_type="application/yaml"),
        )
        page.goto(base + "admin/#/collections/products/new")
        page.reload()
        page.get_by_role("button", name="Work with Test Repository").click()
        page.goto(base + "admin/#/collections/products")
        page.get_by_role("button", name="Create New Entry").first.wait_for()
        shoot("editor-2-daftar")
        page.goto(base + "admin/#/collections/products/new")
        field(page, "title").locator("input").fill("Dodol Mangga Kraksaan")
        field(page, "artisan").locator("input").fill("Dapur Manis Kraksaan")
        field(page, "category").locator("[aria-haspopup=listbox]").first.click()
        page.get_by_role("option", name="Kuliner Olahan", exact=True).click()
        field(page, "kecamatan").locator("[aria-haspopup=listbox]").first.click()
        page.get_by_role("option", name="Kraksaan", exact=True).click()
        shoot("editor-3-produk")
        field(page, "images").get_by_text("Add").first.click()
        field(page, "images.0.src").locator("input[type=file]").first.set_input_files(photo)
        field(page, "images.0.alt").locator("input").fill("Dodol mangga dalam kemasan mika")
        field(page, "images").scroll_into_view_if_needed()
        shoot("editor-4-foto")
        browser.close()


if __name__ == "__main__":
    main()
