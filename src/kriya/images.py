"""Responsive images: WebP in several widths, one JPEG for browsers without WebP, and a
1200x630 sharing image.

Planning and producing are separate steps. `ImageSet` plans, while pages are rendered: it
reads only the size of each original (cheap) and names every variant, so templates can write
`srcset`, `width` and `height` at once. `produce` then makes the missing files in parallel into a
cache folder keyed by the original's content hash, so an unchanged photo is never processed
twice. No MkDocs here: the adapter only copies the produced files into the build.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape
from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from .cache_files import write_atomic
from .urls import relative_url

WIDTHS = (320, 480, 640, 800, 960, 1280)  # never wider than the original
# The <img src> JPEG, for the few browsers without WebP (every current one has it): one
# width, so that 13 encodes per photo become 8 and each <picture> is half as long.
FALLBACK_WIDTH = 640
SHARE_SIZE = (1200, 630)  # og:image, what WhatsApp and Facebook show
SHARE_LIMIT = 300_000  # bytes; WhatsApp drops larger previews
QUALITY = {"webp": 68, "jpeg": 78}
# Bump when the processing changes, so cached and published names change too.
RECIPE = f"kriya-images-2 {WIDTHS} {SHARE_SIZE} {sorted(QUALITY.items())}"
SOGA = (122, 62, 29)
SOGA_DARK = (74, 36, 14)
CREAM = (247, 239, 228)


class Unreadable(ValueError):
    """An image file that cannot be made into variants; the message says why, in
    Indonesian, and how to fix it."""


BROKEN = (
    "file ini tidak bisa dibaca sebagai gambar (rusak, atau bukan JPEG/PNG/WebP); simpan ulang "
    "fotonya dari aplikasi foto lalu ganti file ini."
)
TRUNCATED = (
    "file foto ini terpotong (tidak lengkap, misalnya unggahan atau salinan yang terputus); "
    "salin ulang foto aslinya lalu ganti file ini."
)
WEBP_LIMIT = 16383  # pixels: the longest side a WebP can have
# Megapixels an original may have: a 50 MP phone photo passes; a 9,400 x 9,400 PNG of 257 KB
# (88 MP) took 1.15 GB to decode, and photos are decoded two at a time.
MAX_MEGAPIXELS = 60


def _complete(data: bytes) -> bool:
    """Whether a JPEG, PNG or WebP file has its end (a cut-off copy decodes only part-way and
    fails when variants are made; this checks without decoding)."""
    if data.startswith(b"\xff\xd8"):
        return data.rstrip(b"\x00\r\n ").endswith(b"\xff\xd9")
    if data.startswith(b"\x89PNG"):
        return b"IEND" in data[-32:]
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return int.from_bytes(data[4:8], "little") + 8 <= len(data)
    return True  # other types: Pillow decides


@dataclass(frozen=True)
class Variant:
    path: str  # site path, e.g. "media/products/img/kopi-640.1a2b3c4d5e.webp"
    width: int
    height: int
    kind: str  # "webp", "jpeg" or "share"
    source: str | None = None  # project-relative original; None for the default sharing card


@dataclass(frozen=True)
class Picture:
    src: str  # project-relative original
    width: int  # size after EXIF rotation
    height: int
    variants: tuple[Variant, ...]

    def srcset(self, kind: str) -> str:
        return ", ".join(f"{v.path} {v.width}w" for v in self.variants if v.kind == kind)

    @property
    def fallback(self) -> Variant:
        return next(v for v in self.variants if v.kind == "jpeg")


def widths_for(width: int) -> tuple[int, ...]:
    """Variant widths for an original `width` pixels wide: the standard widths below it, plus
    the original's own width (capped) when it is clearly larger than the last of those."""
    chosen = [w for w in WIDTHS if w < width]
    top = min(width, WIDTHS[-1])
    if not chosen or top > chosen[-1] * 1.15:
        chosen.append(top)
    return tuple(chosen)


def digest_of(data: bytes) -> str:
    return hashlib.sha256(RECIPE.encode() + b"\0" + data).hexdigest()[:10]


def _variant_path(src: str, suffix: str, digest: str, ext: str) -> str:
    stem = posixpath.splitext(src.removeprefix("content/"))[0]
    return f"media/{stem}-{suffix}.{digest}.{ext}"


@dataclass
class ImageSet:
    """Every image variant the pages of one build use, planned but not yet produced."""

    root: Path
    site_name: str = ""
    pictures: dict = field(default_factory=dict)  # src -> Picture
    shares: dict = field(default_factory=dict)  # src or "" -> Variant
    _digests: dict = field(default_factory=dict)

    def _probe(self, src: str) -> tuple[str, int, int]:
        if src not in self._digests:
            path = self.root / src
            try:
                data = path.read_bytes()
                with Image.open(path) as image:
                    width, height = image.size
                    if image.getexif().get(0x0112) in (5, 6, 7, 8):  # rotated a quarter turn
                        width, height = height, width
            except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
                raise Unreadable(BROKEN) from None
            if not _complete(data):
                raise Unreadable(TRUNCATED)
            if width * height > MAX_MEGAPIXELS * 1_000_000:
                raise Unreadable(
                    f"foto ini terlalu besar ({width} x {height} piksel, "
                    f"{width * height // 1_000_000} megapiksel, batas {MAX_MEGAPIXELS}); "
                    "perkecil dulu, misalnya menjadi lebar 3000 piksel (di Windows: buka di "
                    "Foto, lalu ... > Ubah ukuran gambar)."
                )
            self._digests[src] = (digest_of(data), width, height)
        return self._digests[src]

    def picture(self, src: str) -> Picture:
        """Plan the WebP widths and the JPEG fallback of one original (raises `Unreadable`)."""
        if src not in self.pictures:
            digest, width, height = self._probe(src)
            if height * min(width, WIDTHS[-1]) / width > WEBP_LIMIT:  # the largest variant
                raise Unreadable(
                    f"foto ini sangat panjang ({width} x {height} piksel) sehingga tidak bisa "
                    "dijadikan WebP; potong menjadi beberapa foto."
                )
            widths = widths_for(width)
            fitting = [w for w in widths if w <= FALLBACK_WIDTH]
            planned = [(w, "webp", "webp") for w in widths]
            planned.append((fitting[-1] if fitting else widths[0], "jpeg", "jpg"))
            variants = tuple(
                Variant(
                    _variant_path(src, str(w), digest, ext),
                    w,
                    max(1, round(height * w / width)),
                    kind,
                    src,
                )
                for w, kind, ext in planned
            )
            self.pictures[src] = Picture(src, width, height, variants)
        return self.pictures[src]

    def share(self, src: str | None) -> Variant:
        """The 1200x630 sharing JPEG of an original, or the site's default card."""
        key = src or ""
        if key not in self.shares:
            w, h = SHARE_SIZE
            if src:
                digest = self._probe(src)[0]
                path = _variant_path(src, "bagikan", digest, "jpg")
            else:
                digest = digest_of(self.site_name.encode())
                path = f"media/bagikan.{digest}.jpg"
            self.shares[key] = Variant(path, w, h, "share", src)
        return self.shares[key]

    def fingerprint(self) -> str:
        """Changes when any planned original changes (the same in every process)."""
        return hashlib.blake2b(repr(sorted(self._digests.items())).encode()).hexdigest()

    def variants(self) -> list[Variant]:
        found = [v for p in self.pictures.values() for v in p.variants]
        found.extend(self.shares.values())
        return sorted(found, key=lambda v: v.path)


def picture_html(
    planned: Picture, alt: str, page: str, sizes: str, eager: bool = False, cls: str = ""
) -> Markup:
    """<picture> with the WebP srcset, a JPEG fallback, intrinsic size, and lazy loading
    unless `eager` (the first, largest image of a page: never lazy, fetched first), for the
    page at site path `page`."""
    # every value escaped: photo names are checked, but markup never trusts them
    srcset = escape(
        ", ".join(
            f"{relative_url(page, v.path)} {v.width}w" for v in planned.variants if v.kind == "webp"
        )
    )
    src = escape(relative_url(page, planned.fallback.path))
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    css = f' class="{escape(cls)}"' if cls else ""
    return Markup(
        f'<picture><source type="image/webp" srcset="{srcset}" sizes="{escape(sizes)}">'
        f'<img{css} src="{src}" width="{planned.width}" '
        f'height="{planned.height}" alt="{escape(alt)}" {loading} decoding="async">'
        "</picture>"
    )


def default_cache(root: Path) -> Path:
    return Path(os.environ.get("KRIYA_IMAGE_CACHE") or root / ".cache" / "kriya-images")


def produce(images: ImageSet, cache: Path, workers: int | None = None) -> dict[str, Path]:
    """Make every planned variant that is not cached yet; return site path -> cached file.
    One task per original (decoded once), run on `workers` threads (Pillow releases the GIL
    while resizing and encoding)."""
    cache.mkdir(parents=True, exist_ok=True)
    wanted: dict[str | None, list[Variant]] = {}
    result = {}
    for variant in images.variants():
        target = cache / posixpath.basename(variant.path)
        result[variant.path] = target
        if not target.exists():
            wanted.setdefault(variant.source, []).append(variant)
    if wanted:
        workers = workers or min(len(wanted), os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            tasks = [
                pool.submit(_make, images.root, source, variants, cache, images.site_name)
                for source, variants in sorted(wanted.items(), key=lambda kv: kv[0] or "")
            ]
            for task in tasks:
                task.result()
    return result


def _make(
    root: Path, source: str | None, variants: list[Variant], cache: Path, site_name: str
) -> None:
    if source is None:
        original = None
    else:
        with Image.open(root / source) as opened:
            opened.seek(0)  # first frame of an animated GIF
            original = ImageOps.exif_transpose(opened)
            original.load()
    sized: dict[tuple[int, int], Image.Image] = {}  # WebP and JPEG share one resize

    def resized(width: int, height: int) -> Image.Image:
        if (width, height) not in sized:
            # from the smallest larger variant already made: the widths are done from the
            # largest down, so each resize reads a much smaller image than the original
            larger = [im for (w, h), im in sized.items() if w >= width and h >= height]
            source = min(larger, key=lambda im: im.width) if larger else original
            assert source is not None  # only the sharing card is made without an original
            sized[(width, height)] = _resize(source, width, height)
        return sized[(width, height)]

    for variant in sorted(variants, key=lambda v: (-v.width, v.kind)):
        if variant.kind == "share":
            data = _share_jpeg(original, site_name)
        else:
            data = _encode(resized(variant.width, variant.height), variant.kind)
        write_atomic(cache / posixpath.basename(variant.path), data)


def _resize(image: Image.Image, width: int, height: int) -> Image.Image:
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert(
            "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
        )
    if image.size == (width, height):
        return image.copy()
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _encode(image: Image.Image, kind: str, quality: int | None = None) -> bytes:
    import io

    out = io.BytesIO()
    if kind == "webp":
        image.save(out, "WEBP", quality=quality or QUALITY["webp"], method=4)
    else:
        _flatten(image).save(
            out, "JPEG", quality=quality or QUALITY["jpeg"], optimize=True, progressive=True
        )
    return out.getvalue()


def _share_jpeg(original: Image.Image | None, site_name: str) -> bytes:
    """1200x630: a wide photo is cropped to fill; a square or tall one sits on the left of a
    branded panel; no photo gives the site's card. Quality drops until under 300 KB."""
    w, h = SHARE_SIZE
    if original is None:
        canvas = _brand_panel((w, h), site_name, big=True)
    elif original.width / original.height >= 1.5:
        canvas = _flatten(
            ImageOps.fit(_resize(original, *original.size), (w, h), Image.Resampling.LANCZOS)
        )
    else:
        canvas = _brand_panel((w, h), site_name, big=False)
        photo = _flatten(
            ImageOps.fit(_resize(original, *original.size), (h, h), Image.Resampling.LANCZOS)
        )
        canvas.paste(photo, (0, 0))
    for quality in (82, 75, 68, 60, 50, 40):
        data = _encode(canvas, "jpeg", quality)
        if len(data) < SHARE_LIMIT:
            return data
    return data


def _brand_panel(size: tuple[int, int], site_name: str, big: bool) -> Image.Image:
    """Soga-brown background with a kawung pattern and the site name."""
    w, h = size
    canvas = Image.new("RGB", size, SOGA)
    draw = ImageDraw.Draw(canvas)
    step = 90
    for y in range(-step, h + step, step):
        for x in range(-step, w + step, step):
            cx, cy = x + step // 2, y + step // 2
            for dx, dy in ((0, -1), (1, 0), (0, 1), (-1, 0)):
                ex, ey = cx + dx * 22, cy + dy * 22
                rx, ry = (9, 18) if dx == 0 else (18, 9)
                draw.ellipse((ex - rx, ey - ry, ex + rx, ey + ry), fill=(138, 74, 38))
    left = 70 if big else h + 60
    box = (left - 30, h // 2 - 150, w - 40, h // 2 + 150)
    draw.rounded_rectangle(box, radius=18, fill=SOGA_DARK)
    words = site_name.split()
    lines = [" ".join(words[:1]), " ".join(words[1:])] if len(words) > 1 else [site_name]
    size_px = 64 if big else 40
    font = ImageFont.load_default(size=size_px)
    y = h // 2 - (len(lines) * (size_px + 16)) // 2
    for line in lines:
        draw.text((left, y), line, font=font, fill=CREAM)
        y += size_px + 16
    draw.rectangle((left, y + 10, left + 160, y + 18), fill=(226, 170, 90))
    return canvas
