"""Draw the illustrative sample images referenced by the sample content.

Reads the front matter of every Markdown file in content/news/ and content/products/, and for
each image path it names draws a simple picture: a warm colour per category, a geometric motif
(batik kawung and parang, a woven grid, wood grain, stitched leather, a pot, ikat diamonds, ...)
and the item's title. News covers are 1200x800, product photos 1000x1000, JPEG quality 80.

The output is deterministic: motifs are seeded from the file name (not Python's salted hash),
and no EXIF or timestamps are written, so running the script twice gives the same bytes.

Usage (from the repository root):

    .venv/bin/python tools/make_sample_images.py           # (re)draw every referenced image
    .venv/bin/python tools/make_sample_images.py --missing # only draw images that do not exist

These are placeholders: replace them with real photographs, keeping the same file names, or
change the paths in the front matter.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import math
import random
import sys
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

NEWS_SIZE = (1200, 800)
PRODUCT_SIZE = (1000, 1000)
QUALITY = 80
MAX_BYTES = 145 * 1024  # busy motifs are saved at a lower quality to stay under this size

RGB = tuple[int, int, int]

# background, motif colour, accent colour, text panel colour
PALETTES: dict[str, tuple[RGB, RGB, RGB, RGB]] = {
    "batik": ((118, 72, 40), (238, 216, 172), (198, 142, 72), (58, 34, 20)),
    "anyaman": ((206, 184, 134), (170, 140, 88), (116, 138, 78), (70, 58, 34)),
    "kayu": ((158, 104, 62), (122, 76, 42), (186, 132, 84), (60, 36, 18)),
    "kulit": ((104, 62, 38), (232, 212, 180), (140, 88, 54), (48, 28, 16)),
    "gerabah": ((236, 206, 176), (178, 86, 52), (210, 140, 96), (92, 40, 22)),
    "tenun": ((112, 30, 42), (232, 182, 72), (40, 74, 96), (56, 12, 20)),
    "kuliner-olahan": ((246, 186, 66), (222, 124, 34), (128, 74, 30), (96, 46, 12)),
    "lainnya": ((40, 62, 72), (242, 222, 150), (96, 130, 138), (20, 32, 38)),
    # news categories
    "kegiatan": ((32, 72, 92), (232, 206, 150), (198, 142, 72), (16, 36, 48)),
    "pelatihan": ((58, 102, 72), (226, 222, 176), (168, 190, 110), (24, 50, 34)),
    "pameran": ((156, 62, 42), (244, 214, 160), (232, 160, 70), (78, 26, 16)),
    "pengumuman": ((44, 54, 104), (236, 226, 180), (222, 170, 70), (20, 24, 56)),
    "profil": ((112, 82, 122), (236, 214, 190), (206, 160, 120), (50, 34, 58)),
}

# which motif a news category borrows
NEWS_MOTIF = {
    "kegiatan": "batik",
    "pelatihan": "parang",
    "pameran": "tents",
    "pengumuman": "rings",
    "profil": "anyaman",
}


def seeded(*parts: object) -> random.Random:
    """A random generator seeded from text, stable across runs and Python versions."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


# ---------------------------------------------------------------- motifs


def motif_batik(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """Kawung: four oval petals around a dot, repeated on a grid, with isen dots."""
    bg, fg, acc, _ = pal
    step = rng.choice([120, 140, 160])
    r = step * 0.32
    for gy in range(-1, h // step + 2):
        for gx in range(-1, w // step + 2):
            cx = gx * step + (step // 2 if gy % 2 else 0)
            cy = gy * step
            for ang in (45, 135, 225, 315):
                a = math.radians(ang)
                px, py = cx + math.cos(a) * r * 0.9, cy + math.sin(a) * r * 0.9
                d.ellipse(
                    (px - r * 0.55, py - r * 0.55, px + r * 0.55, py + r * 0.55),
                    fill=fg,
                    outline=acc,
                    width=4,
                )
            d.ellipse((cx - 7, cy - 7, cx + 7, cy + 7), fill=acc)
            # isen-isen: small dots between the flowers
            for k in range(6):
                a = math.radians(k * 60 + 30)
                qx, qy = cx + step / 2 + math.cos(a) * 16, cy + step / 2 + math.sin(a) * 16
                d.ellipse((qx - 4, qy - 4, qx + 4, qy + 4), fill=mix(bg, fg, 0.6))


def motif_parang(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """Parang: diagonal bands with a row of slanted lozenges."""
    bg, fg, acc, _ = pal
    band = rng.choice([110, 130, 150])
    for k in range(-h // band - 2, w // band + 3):
        x0 = k * band
        d.polygon([(x0, 0), (x0 + 28, 0), (x0 + 28 + h, h), (x0 + h, h)], fill=acc)
        for t in range(0, h + band, 70):
            cx, cy = x0 + 14 + t + band / 2, t
            d.polygon([(cx - 26, cy), (cx, cy - 22), (cx + 26, cy), (cx, cy + 22)], fill=fg)


def motif_anyaman(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """Woven grid: alternating over-under strips with a light and a dark face."""
    bg, fg, acc, _ = pal
    s = rng.choice([50, 60, 70])
    light, dark = mix(bg, (255, 255, 255), 0.25), fg
    for j in range(h // s + 1):
        for i in range(w // s + 1):
            x, y = i * s, j * s
            over = (i + j) % 2 == 0
            d.rectangle((x, y, x + s - 1, y + s - 1), fill=light if over else dark)
            if over:
                for k in range(3):
                    yy = y + (k + 1) * s // 4
                    d.line((x + 4, yy, x + s - 5, yy), fill=mix(light, dark, 0.35), width=2)
            else:
                for k in range(3):
                    xx = x + (k + 1) * s // 4
                    d.line((xx, y + 4, xx, y + s - 5), fill=mix(dark, (0, 0, 0), 0.15), width=2)
    # a coloured strip every few rows, as pandan dyed green
    for j in range(2, h // s, 5):
        d.rectangle((0, j * s + s // 3, w, j * s + 2 * s // 3), fill=acc)


def motif_kayu(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """Wood grain: wavy lines and a knot."""
    bg, fg, acc, _ = pal
    kx, ky = rng.randint(w // 4, 3 * w // 4), rng.randint(h // 5, h // 2)
    for k in range(1, 9):
        rx, ry = k * 26, k * 12
        d.ellipse((kx - rx, ky - ry, kx + rx, ky + ry), outline=fg, width=3)
    phase = rng.random() * math.pi
    for y0 in range(-40, h + 40, 22):
        pts = []
        for x in range(0, w + 20, 20):
            bump = 40 * math.exp(-((x - kx) ** 2) / 40000) * (1 if y0 > ky else -1)
            pts.append((x, y0 + 8 * math.sin(x / 90 + phase + y0 / 50) + bump))
        d.line(pts, fill=fg if (y0 // 22) % 3 else acc, width=3)


def motif_kulit(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """Stitched leather panels."""
    bg, fg, acc, _ = pal
    m = rng.choice([60, 80, 100])
    boxes = [(m, m, w - m, h // 2 - m // 3), (m, h // 2 + m // 3, w - m, h - m)]
    for x0, y0, x1, y1 in boxes:
        d.rounded_rectangle((x0, y0, x1, y1), radius=40, fill=acc)
        inset = 22
        # dashed stitch line along the inside edge
        edges = [
            ((x0 + inset, y0 + inset), (x1 - inset, y0 + inset)),
            ((x1 - inset, y0 + inset), (x1 - inset, y1 - inset)),
            ((x1 - inset, y1 - inset), (x0 + inset, y1 - inset)),
            ((x0 + inset, y1 - inset), (x0 + inset, y0 + inset)),
        ]
        for (ax, ay), (bx, by) in edges:
            length = math.hypot(bx - ax, by - ay)
            n = int(length // 24)
            for k in range(n):
                t0, t1 = k / n, (k + 0.55) / n
                d.line(
                    (
                        ax + (bx - ax) * t0,
                        ay + (by - ay) * t0,
                        ax + (bx - ax) * t1,
                        ay + (by - ay) * t1,
                    ),
                    fill=fg,
                    width=4,
                )


def motif_gerabah(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """A pot silhouette on horizontal bands."""
    bg, fg, acc, _ = pal
    for y in range(0, h, 80):
        d.rectangle((0, y, w, y + 30), fill=mix(bg, acc, 0.35))
    cx = w // 2 + rng.randint(-60, 60)
    top, bottom = int(h * 0.12), int(h * 0.72)
    belly = w * rng.uniform(0.26, 0.32)
    left, right = [], []
    for k in range(41):
        t = k / 40
        y = top + (bottom - top) * t
        if t < 0.15:
            r = w * 0.07
        elif t < 0.25:
            r = w * 0.07 + (belly * 0.6) * (t - 0.15) / 0.10
        else:
            r = belly * math.sin(math.pi * (0.25 + 0.75 * (t - 0.25) / 0.75)) ** 0.7 + w * 0.08
        left.append((cx - r, y))
        right.append((cx + r, y))
    d.polygon(left + right[::-1], fill=fg)
    d.ellipse((cx - w * 0.1, top - 20, cx + w * 0.1, top + 20), fill=mix(fg, (0, 0, 0), 0.3))
    for t in (0.45, 0.55):
        y = top + (bottom - top) * t
        d.line((cx - belly, y, cx + belly, y), fill=acc, width=8)


def motif_tenun(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """Ikat: rows of nested diamonds between stripes."""
    bg, fg, acc, _ = pal
    row = rng.choice([120, 140])
    for j, y in enumerate(range(0, h + row, row)):
        d.rectangle((0, y, w, y + 10), fill=acc)
        off = (row // 2) if j % 2 else 0
        for x in range(-row, w + row, row):
            cx, cy = x + off, y + row // 2 + 5
            for k, col in enumerate((fg, bg, fg)):
                s = row * 0.42 - k * 14
                d.polygon([(cx - s, cy), (cx, cy - s), (cx + s, cy), (cx, cy + s)], fill=col)


def motif_kuliner(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """Scattered chips, beans or chillies, and a jar."""
    bg, fg, acc, _ = pal
    for _ in range(70):
        x, y = rng.randint(-20, w), rng.randint(-20, h)
        r = rng.randint(18, 42)
        d.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7), fill=fg if rng.random() < 0.7 else acc)
    jx, jy = w // 2, int(h * 0.42)
    jw, jh = w * 0.2, h * 0.26
    d.rounded_rectangle(
        (jx - jw, jy - jh, jx + jw, jy + jh),
        radius=50,
        fill=mix(bg, (255, 255, 255), 0.55),
        outline=acc,
        width=6,
    )
    d.rectangle((jx - jw * 0.8, jy - jh - 40, jx + jw * 0.8, jy - jh + 6), fill=acc)
    d.rectangle((jx - jw * 0.7, jy - jh * 0.3, jx + jw * 0.7, jy + jh * 0.3), fill=fg)


def motif_lainnya(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """A pierced coconut-shell lamp casting little stars."""
    bg, fg, acc, _ = pal
    for _ in range(80):
        x, y, s = rng.randint(0, w), rng.randint(0, h), rng.randint(4, 10)
        d.polygon([(x - s, y), (x, y - s), (x + s, y), (x, y + s)], fill=mix(bg, fg, 0.6))
    cx, cy, r = w // 2, int(h * 0.4), int(min(w, h) * 0.22)
    d.line((cx, 0, cx, cy - r), fill=acc, width=6)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(92, 58, 34))
    for ring in range(1, 4):
        n = ring * 8
        for k in range(n):
            a = 2 * math.pi * k / n
            x, y = cx + math.cos(a) * r * ring / 4, cy + math.sin(a) * r * ring / 4
            d.ellipse((x - 7, y - 7, x + 7, y + 7), fill=fg)


def motif_tents(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """Exhibition booths: a row of triangular roofs with banners."""
    bg, fg, acc, _ = pal
    motif_batik(d, w, h // 3, pal, rng)
    bw = w // 4
    for i in range(4):
        x0 = i * bw
        col = fg if i % 2 else acc
        d.polygon([(x0 + 10, h * 0.5), (x0 + bw / 2, h * 0.3), (x0 + bw - 10, h * 0.5)], fill=col)
        d.rectangle((x0 + 24, h * 0.5, x0 + bw - 24, h * 0.9), fill=mix(bg, (255, 255, 255), 0.2))
        for k in range(3):
            y = h * 0.56 + k * 60
            d.rectangle((x0 + 40, y, x0 + bw - 40, y + 30), fill=mix(col, bg, 0.3))


def motif_rings(d: ImageDraw.ImageDraw, w: int, h: int, pal, rng: random.Random) -> None:
    """An announcement: concentric rings spreading from one side."""
    bg, fg, acc, _ = pal
    cx, cy = int(w * rng.uniform(0.7, 0.85)), int(h * 0.35)
    for k in range(14, 0, -1):
        d.ellipse(
            (cx - k * 55, cy - k * 55, cx + k * 55, cy + k * 55),
            fill=fg if k % 2 else mix(bg, acc, 0.5),
        )
    d.ellipse((cx - 40, cy - 40, cx + 40, cy + 40), fill=acc)


MOTIFS = {
    "batik": motif_batik,
    "parang": motif_parang,
    "anyaman": motif_anyaman,
    "kayu": motif_kayu,
    "kulit": motif_kulit,
    "gerabah": motif_gerabah,
    "tenun": motif_tenun,
    "kuliner-olahan": motif_kuliner,
    "lainnya": motif_lainnya,
    "tents": motif_tents,
    "rings": motif_rings,
}


# ---------------------------------------------------------------- text


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if font.getlength(trial) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def caption(img: Image.Image, title: str, subtitle: str, pal, big: int) -> Image.Image:
    """Lay a translucent panel with the title at the bottom and a small label at the top."""
    w, h = img.size
    panel_col = pal[3]
    title_font = ImageFont.load_default(size=big)
    sub_font = ImageFont.load_default(size=int(big * 0.55))
    label_font = ImageFont.load_default(size=26)
    margin = int(w * 0.06)
    lines = wrap(title, title_font, w - 2 * margin)[:4]
    line_h = int(big * 1.2)
    panel_h = margin + len(lines) * line_h + int(big * 0.55 * 1.6) + margin // 2

    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    o = ImageDraw.Draw(overlay)
    o.rectangle((0, h - panel_h, w, h), fill=panel_col + (225,))
    label = "Ilustrasi contoh"
    lw = int(label_font.getlength(label))
    o.rounded_rectangle((24, 24, 24 + lw + 32, 24 + 46), radius=23, fill=panel_col + (200,))
    out = Image.alpha_composite(img.convert("RGBA"), overlay)

    d = ImageDraw.Draw(out)
    d.text((40, 34), label, font=label_font, fill=(255, 255, 255))
    y = h - panel_h + margin * 0.7
    for line in lines:
        d.text((margin, y), line, font=title_font, fill=(255, 250, 240))
        y += line_h
    d.text((margin, y + 6), subtitle, font=sub_font, fill=(236, 226, 210))
    return out.convert("RGB")


# ---------------------------------------------------------------- pictures


def draw(
    size: tuple[int, int], motif: str, palette_key: str, seed: str, variant: int = 0
) -> Image.Image:
    """The motif picture; a product's second photo is a close-up, its third a mirrored view."""
    pal = PALETTES[palette_key]
    img = Image.new("RGB", size, pal[0])
    MOTIFS[motif](ImageDraw.Draw(img), size[0], size[1], pal, seeded(seed))
    w, h = size
    if variant % 3 == 1:
        img = img.crop((w // 5, h // 5, w - w // 5, h - h // 5)).resize(size, Image.LANCZOS)
    elif variant % 3 == 2:
        img = Image.blend(img.transpose(Image.FLIP_LEFT_RIGHT), Image.new("RGB", size, pal[2]), 0.2)
    # a slight blur softens the motif behind the title and keeps the JPEG small
    return img.filter(ImageFilter.GaussianBlur(1.2))


def save(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # No exif, no icc profile, fixed options: the same picture always gives the same bytes.
    buf = io.BytesIO()
    for quality in range(QUALITY, 49, -5):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True, progressive=False, subsampling=2)
        if buf.tell() <= MAX_BYTES:
            break
    path.write_bytes(buf.getvalue())


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    data = yaml.safe_load(text[4:end])
    return data if isinstance(data, dict) else {}


def jobs() -> list[tuple[Path, dict]]:
    """Every (target path, spec) named by the content, in a stable order."""
    found = []
    for md in sorted((CONTENT / "news").glob("*.md")):
        fm = front_matter(md)
        if fm.get("image"):
            cat = (fm.get("categories") or ["kegiatan"])[0]
            cat = cat if cat in NEWS_MOTIF else "kegiatan"
            date = str(fm.get("date", ""))[:10]
            found.append(
                (
                    md.parent / fm["image"],
                    {
                        "size": NEWS_SIZE,
                        "motif": NEWS_MOTIF[cat],
                        "palette": cat,
                        "title": str(fm.get("title", md.stem)),
                        "subtitle": f"Berita Dekranasda Kab. Probolinggo  ·  {date}",
                        "big": 54,
                        "seed": md.name,
                        "variant": 0,
                    },
                )
            )
    for md in sorted((CONTENT / "products").glob("*.md")):
        fm = front_matter(md)
        cat = fm.get("category", "lainnya")
        cat = cat if cat in PALETTES else "lainnya"
        for i, image in enumerate(fm.get("images") or []):
            if not isinstance(image, dict) or not image.get("src"):
                continue
            found.append(
                (
                    md.parent / image["src"],
                    {
                        "size": PRODUCT_SIZE,
                        "motif": cat,
                        "palette": cat,
                        "title": str(fm.get("title", md.stem)),
                        "subtitle": f"{fm.get('artisan', '')}  ·  {fm.get('kecamatan', '')}",
                        "big": 50,
                        "seed": md.name,
                        "variant": i,
                    },
                )
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="only draw images that do not exist")
    args = parser.parse_args(argv)
    made = 0
    for target, spec in jobs():
        target = target.resolve()
        if CONTENT.resolve() not in target.parents:
            print(f"lewati (di luar content/): {target}", file=sys.stderr)
            continue
        if args.missing and target.exists():
            continue
        img = draw(spec["size"], spec["motif"], spec["palette"], spec["seed"], spec["variant"])
        img = caption(img, spec["title"], spec["subtitle"], PALETTES[spec["palette"]], spec["big"])
        save(img, target)
        made += 1
        print(f"{target.relative_to(ROOT)}  {target.stat().st_size // 1024} KB")
    print(f"{made} gambar dibuat.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
