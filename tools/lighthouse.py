"""Benchmark of the built site: Lighthouse scores and page weights (not a timed test).

Usage: python tools/lighthouse.py [--site FOLDER] [--runs N]

Serves FOLDER (default: site/) on loopback with gzip, like any static host, and runs
Lighthouse 12 (npm, tools/audit) with Debian's Chromium, mobile preset, on the home, an
article, the catalog and a product page, and the English landing, catalog and product page.
Prints the scores against the targets (Performance
>= 95, Accessibility 100, Best Practices >= 95, SEO 100), then the weights: an article page
compressed excluding photos (target <= 150 KB) and a product page's photos on a 375-pixel
phone (target <= 120 KB). Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIT = ROOT / "tools" / "audit"
LIGHTHOUSE = AUDIT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("KRIYA_CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
PAGES = {
    "beranda": "",
    "artikel": "berita/rakernas-dekranas-2025/",
    "katalog": "katalog/",
    "produk": "katalog/batik-tulis-motif-mangga/",
    "en": "en/",
    "en-catalog": "en/catalog/",
    "en-product": "en/catalog/batik-tulis-kabut-bromo/",
}
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
sys.path.insert(0, str(ROOT / "tests"))
from serve import serve_folder


@contextlib.contextmanager
def serve(folder: Path):
    """The folder gzip-compressed on loopback, like a static host (tests/serve.py)."""
    with serve_folder(folder, compress=True) as base:
        yield base


def lighthouse(url: str) -> dict:
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=performance,accessibility,best-practices,seo",
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=300,
    )
    if done.returncode != 0:
        raise SystemExit(f"Lighthouse gagal untuk {url}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def scores(report: dict) -> dict:
    return {key: round(report["categories"][key]["score"] * 100) for key in TARGETS}


def failing_audits(report: dict) -> list[str]:
    found = []
    for key in TARGETS:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                found.append(
                    f"{key}: {ref['id']} ({audit['score']}) {audit.get('displayValue', '')}"
                )
    return found


def weights(base: str) -> dict:
    """Bytes over the wire at 375x812 (device pixel ratio 2), after scrolling to the end."""
    from playwright.sync_api import sync_playwright

    result = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for name in ("artikel", "produk"):
            context = browser.new_context(
                viewport={"width": 375, "height": 812}, device_scale_factor=2
            )
            page = context.new_page()
            sizes: dict = {}

            def record(response, sizes=sizes):
                request = response.request
                try:
                    transfer = (
                        request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
                    )
                except Exception:
                    return
                sizes[response.url] = (
                    request.resource_type,
                    transfer,
                    response.headers.get("content-type", ""),
                )

            page.on("response", record)
            page.goto(base + PAGES[name])
            page.wait_for_load_state("networkidle")
            for _ in range(30):
                page.mouse.wheel(0, 600)
                page.wait_for_timeout(50)
            page.wait_for_load_state("networkidle")
            photos = sum(
                size
                for kind, size, ctype in sizes.values()
                if kind == "image" and "svg" not in ctype
            )
            other = sum(
                size
                for kind, size, ctype in sizes.values()
                if not (kind == "image" and "svg" not in ctype)
            )
            result[name] = {"photos": photos, "other": other, "requests": len(sizes)}
            context.close()
        browser.close()
    return result


def main() -> int:
    args = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    args.add_argument("--site", type=Path, default=ROOT / "site")
    args.add_argument("--runs", type=int, default=1, help="runs per page; the median is kept")
    args = args.parse_args()
    if not LIGHTHOUSE.is_file():
        print("Lighthouse belum terpasang: jalankan `npm ci` di tools/audit (make lighthouse).")
        return 1
    if not (args.site / "index.html").is_file():
        print(f"Situs belum dibangun di {args.site}: jalankan make site.")
        return 1
    ok = True
    with serve(args.site) as base:
        print(f"Lighthouse 12, preset seluler, {base} (gzip)\n")
        print(f"{'halaman':<10}{'Performance':>13}{'Accessibility':>15}{'Best Pr.':>10}{'SEO':>6}")
        for name, path in PAGES.items():
            runs = [lighthouse(base + path) for _ in range(args.runs)]
            runs.sort(key=lambda r: r["categories"]["performance"]["score"])
            report = runs[len(runs) // 2]
            got = scores(report)
            print(
                f"{name:<10}{got['performance']:>13}{got['accessibility']:>15}"
                f"{got['best-practices']:>10}{got['seo']:>6}"
            )
            if any(got[key] < target for key, target in TARGETS.items()):
                ok = False
                for line in failing_audits(report):
                    print("    " + line)
        print(f"{'target':<10}{'>= 95':>13}{'100':>15}{'>= 95':>10}{'100':>6}\n")
        measured = weights(base)
    article, product = measured["artikel"], measured["produk"]
    print("Berat halaman (375 x 812 px, DPR 2, digulir sampai akhir, terkompresi):")
    print(
        f"  artikel tanpa foto: {article['other'] / 1024:.1f} KB (target <= 150 KB); "
        f"fotonya {article['photos'] / 1024:.1f} KB"
    )
    print(
        f"  foto halaman produk: {product['photos'] / 1024:.1f} KB (target <= 120 KB); "
        f"selain foto {product['other'] / 1024:.1f} KB"
    )
    ok = ok and article["other"] <= 150 * 1024 and product["photos"] <= 120 * 1024
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
