"""Responsive images: widths, formats, sharing images, the content-hash cache, and the
markup of the built fixture site."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image

from kriya import images
from kriya.images import ImageSet, produce, widths_for


def photo(path: Path, size=(1600, 1000), orientation: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size)
    for x in range(0, size[0], 40):  # some detail, so encoders have work to do
        image.paste((x % 256, 90, 200 - x % 180), (x, 0, x + 20, size[1]))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return path


def test_widths_never_upscale_and_skip_near_duplicates():
    assert widths_for(1600) == (320, 480, 640, 800, 960, 1280)
    assert widths_for(1200) == (320, 480, 640, 800, 960, 1200)
    assert widths_for(1000) == (320, 480, 640, 800, 960)
    assert widths_for(500) == (320, 480)
    assert widths_for(200) == (200,)


def test_variants_are_made_once_and_reused_by_content_hash(tmp_path):
    src = photo(tmp_path / "content/products/img/foto.jpg")
    planned = ImageSet(tmp_path, "Situs Uji")
    picture = planned.picture("content/products/img/foto.jpg")
    share = planned.share("content/products/img/foto.jpg")
    cache = tmp_path / "cache"
    made = produce(planned, cache, workers=2)
    assert len(made) == 6 + 1 + 1  # six WebP widths, the JPEG fallback, the sharing image
    assert (picture.fallback.kind, picture.fallback.width) == ("jpeg", 640)
    for variant in picture.variants:
        with Image.open(made[variant.path]) as out:
            assert out.size == (variant.width, variant.height)
            assert out.format == ("WEBP" if variant.kind == "webp" else "JPEG")
        assert variant.width <= 1280
    assert max(v.width for v in picture.variants) < picture.width  # never the original size
    with Image.open(made[share.path]) as out:
        assert out.size == (1200, 630) and out.format == "JPEG"
    assert made[share.path].stat().st_size < 300_000

    stamps = {p: p.stat().st_mtime_ns for p in made.values()}
    replanned = ImageSet(tmp_path, "Situs Uji")
    replanned.picture("content/products/img/foto.jpg")
    replanned.share("content/products/img/foto.jpg")
    assert produce(replanned, cache) == made
    assert {p: p.stat().st_mtime_ns for p in made.values()} == stamps  # nothing redone

    src.write_bytes(src.read_bytes() + b"\0")  # a changed file gets new names
    changed = ImageSet(tmp_path, "Situs Uji").picture("content/products/img/foto.jpg")
    assert changed.variants[0].path != picture.variants[0].path


def test_exif_rotation_is_applied(tmp_path):
    photo(tmp_path / "content/news/img/tegak.jpg", size=(1200, 800), orientation=6)
    planned = ImageSet(tmp_path)
    picture = planned.picture("content/news/img/tegak.jpg")
    assert (picture.width, picture.height) == (800, 1200)
    made = produce(planned, tmp_path / "cache")
    with Image.open(made[picture.variants[-1].path]) as out:
        assert out.height > out.width


def test_default_sharing_card_and_square_photo_card(tmp_path):
    photo(tmp_path / "content/products/img/kotak.jpg", size=(900, 900))
    planned = ImageSet(tmp_path, "Dekranasda Kabupaten Probolinggo")
    card = planned.share(None)
    square = planned.share("content/products/img/kotak.jpg")
    made = produce(planned, tmp_path / "cache")
    for variant in (card, square):
        data = made[variant.path].read_bytes()
        assert len(data) < 300_000
        assert Image.open(io.BytesIO(data)).size == (1200, 630)


def test_unreadable_image_is_reported(tmp_path):
    bad = tmp_path / "content/news/img/rusak.jpg"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"bukan gambar")
    try:
        ImageSet(tmp_path).picture("content/news/img/rusak.jpg")
    except images.Unreadable:
        pass
    else:
        raise AssertionError("an unreadable image must raise Unreadable")


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_pages_use_responsive_pictures(built_site):
    product = read(built_site, "katalog/batik-uji")
    pictures = re.findall(r"<picture>.*?</picture>", product, re.S)
    assert pictures
    first = pictures[0]
    assert 'type="image/webp"' in first and " 320w" in first and " 480w" in first
    assert re.search(r'<img[^>]+width="500" height="500"', first)
    assert 'fetchpriority="high"' in first and 'loading="lazy"' not in first  # LCP image
    fallback = re.search(r"<img\b[^>]*>", first)[0]  # one JPEG, for browsers without WebP
    assert re.search(r'src="[^"]+\.jpg"', fallback) and "srcset" not in fallback
    for src in re.findall(r'(?:src|srcset)="([^"]+)"', first):
        for candidate in src.split(", "):
            target = candidate.split(" ")[0]
            assert (built_site / "katalog/batik-uji" / target).resolve().is_file(), target
    # Cards further down the page wait until they are scrolled to.
    assert all('loading="lazy"' in p for p in pictures[1:])
    # Every <img> of a page has its size, so nothing shifts while loading.
    for page in ("", "berita", "berita/rakernas-uji", "katalog", "katalog/batik-uji"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        for tag in re.findall(r"<img\b[^>]*>", html):
            if "assets/kriya/logo.svg" in tag:
                continue
            assert "width=" in tag and "height=" in tag, (page, tag)


def test_originals_are_not_published(built_site):
    assert not list(built_site.glob("media/**/produk.jpg"))
    assert not list(built_site.glob("media/**/sampul.jpg"))
    assert list(built_site.glob("media/products/img/produk-320.*.webp"))


def test_every_page_has_a_sharing_image(built_site):
    for page in ("berita/rakernas-uji", "katalog/batik-uji", "katalog", ""):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        found = re.search(r'<meta property="og:image" content="([^"]+)"', html)
        if found is None:  # the head tags are another module's; check the files instead
            continue
        name = found[1].rsplit("/", 1)[1]
        assert list(built_site.glob(f"media/**/{name}")) or (built_site / "media" / name).exists()
    shares = list(built_site.glob("media/**/*bagikan*.jpg"))
    assert len(shares) >= 3  # article cover, product photo, default card
    for share in shares:
        assert share.stat().st_size < 300_000
        with Image.open(share) as image:
            assert image.size == (1200, 630)
