"""Raw records -> typed items, reporting every problem (never only the first)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from . import convert as c
from .model import Image, NewsItem, Problem, Product, RawRecord
from .redirects import alias_problems
from .settings import Settings

NEWS_FIELDS = ("title", "date", "description", "categories", "tags", "authors", "image",
               "image_alt", "draft", "slug", "updated", "expires", "aliases")
PRODUCT_FIELDS = ("title", "artisan", "category", "kecamatan", "price", "whatsapp", "images",
                  "materials", "certifications", "links", "description", "date", "draft",
                  "featured", "slug", "updated", "expires", "aliases")
REQUIRED = {
    "news": ("title", "date", "description"),
    "products": ("title", "artisan", "category", "kecamatan", "description"),
}
MAX_DESCRIPTION = 300
# Words staff often write instead of our keys (Indonesian, or the other collection's key).
ALIASES = {
    "judul": "title", "nama": "title", "name": "title", "tanggal": "date", "tgl": "date",
    "waktu": "date", "harga": "price", "deskripsi": "description", "ringkasan": "description",
    "keterangan": "description", "kategori": ("categories", "category"),
    "category": ("categories", "category"), "categories": ("categories", "category"),
    "tag": "tags", "label": "tags", "penulis": "authors", "author": "authors",
    "gambar": ("image", "images"), "foto": ("image", "images"), "image": ("image", "images"),
    "images": ("image", "images"), "photo": ("image", "images"), "photos": ("image", "images"),
    "alt": "image_alt", "keterangan_gambar": "image_alt", "pengrajin": "artisan",
    "perajin": "artisan", "umkm": "artisan", "pembuat": "artisan", "penjual": "artisan",
    "wa": "whatsapp", "no_wa": "whatsapp", "nomor_wa": "whatsapp", "telepon": "whatsapp",
    "hp": "whatsapp", "phone": "whatsapp", "bahan": "materials", "material": "materials",
    "sertifikat": "certifications", "sertifikasi": "certifications",
    "certification": "certifications", "unggulan": "featured", "draf": "draft",
    "konsep": "draft", "diperbarui": "updated", "update": "updated", "modified": "updated",
    "kedaluwarsa": "expires", "berakhir": "expires", "expiry": "expires", "expired": "expires",
    "alias": "aliases", "redirect": "aliases", "url_lama": "aliases", "alamat_lama": "aliases",
    "kec": "kecamatan", "kecamatan": "kecamatan", "district": "kecamatan",
    "link": "links", "tautan": "links", "toko": "links", "marketplace": "links",
    "lokapasar": "links", "sosmed": "links", "media_sosial": "links", "shopee": "links",
    "tokopedia": "links", "tiktok": "links", "tiktokshop": "links", "instagram": "links",
    "facebook": "links",
}
RESERVED_SLUGS = {"news": {"kategori", "tag", "halaman"},
                  "products": {"kategori", "kecamatan", "halaman"}}
NEWS_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")


def validate_all(records: list[RawRecord], settings: Settings, memo: dict | None = None):
    """Return (news, products, problems) for every record, plus cross-file checks. `memo`
    (kept by `mkdocs serve` between rebuilds) reuses the item of a record loaded from an
    unchanged file (the same object, see load.load_content), while the photos it names are
    still there."""
    news, products, problems = [], [], []
    seen = None
    if memo is not None:
        if memo.get("settings") != settings:
            memo.clear()
        seen = {"settings": settings}
    for record in records:
        item, found = _validated(record, settings, memo, seen)
        problems.extend(found)
        if item is not None:
            (news if record.collection == "news" else products).append(item)
    if memo is not None:
        memo.clear()
        memo.update(seen)  # only the records of this run
    clashes = _duplicate_urls(news, "berita") + _duplicate_urls(products, "katalog")
    alias_lines = {r.path: r.lines.get("aliases", 0) for r in records}
    clashes += alias_problems(news, products, alias_lines, settings.root)
    problems.extend(clashes)
    clashing = {p.path for p in clashes}
    news = [n for n in news if n.path not in clashing]
    products = [p for p in products if p.path not in clashing]
    return news, products, sorted(problems)


def _validated(record: RawRecord, settings: Settings, memo: dict | None, seen: dict | None):
    if memo is None:
        return validate_record(record, settings)
    kept = memo.get(record.path)
    if kept and kept[0] is record and kept[1][0] is not None \
            and all((settings.root / image.src).is_file() for image in _photos(kept[1][0])):
        result = kept[1]
    else:
        result = validate_record(record, settings)
    seen[record.path] = (record, result)
    return result


def _photos(item) -> tuple:
    return item.images if isinstance(item, Product) else (item.image,) if item.image else ()


def validate_record(record: RawRecord, settings: Settings):
    fields = NEWS_FIELDS if record.collection == "news" else PRODUCT_FIELDS
    problems: list[Problem] = []
    values: dict = {}

    def line(key):
        return record.lines.get(key, record.body_line - 1)

    def report(key, message):
        problems.append(Problem(record.path, line(key), key, message))

    for key in record.data:
        if key not in fields:
            report(key, _unknown_key(key, fields, record.collection))
    for key in REQUIRED[record.collection]:
        if record.data.get(key) in (None, "", [], {}):
            report(key, f"wajib diisi; tambahkan baris '{key}: ...' di front matter.")
    for key in fields:
        value = record.data.get(key)
        if value is None or key in REQUIRED[record.collection] and value in ("", [], {}):
            continue
        try:
            values[key] = _convert(key, value, record, settings)
        except c.Invalid as error:
            report(key, str(error))
        except (TypeError, ValueError, OverflowError, AttributeError):
            # A value shape no converter foresaw: still a message, never a traceback.
            report(key, f"nilai ini tidak bisa dipakai; lihat contoh '{key}' di PANDUAN-PENULIS.md.")
    start = values.get("date")
    if start and values.get("updated") and values["updated"] < start:
        report("updated", f"tanggal pembaruan lebih awal dari date ({start.date().isoformat()}); "
                          "periksa tahunnya.")
    if start and values.get("expires") and values["expires"] <= start:
        report("expires", f"tanggal berakhir harus sesudah date ({start.date().isoformat()}); "
                          "periksa tahunnya.")
    for key in ("description",):
        if len(values.get(key, "")) > MAX_DESCRIPTION:
            report(key, f"terlalu panjang ({len(values[key])} karakter, batas {MAX_DESCRIPTION}); "
                        "ringkas menjadi satu atau dua kalimat.")
    if record.collection == "news" and "image" in values and not values.get("image_alt"):
        report("image", "gambar sampul perlu keterangan; tambahkan image_alt: ... (untuk pembaca "
                        "tunanetra dan mesin pencari).")
    slug = values.get("slug") or _slug_from_name(record)
    if not slug:
        report("slug", "nama file tidak menghasilkan alamat halaman; beri nama seperti "
                       "2025-09-23-judul-singkat.md.")
    elif slug in RESERVED_SLUGS[record.collection]:
        report("slug", f"nama '{slug}' dipakai oleh halaman daftar; ganti nama file.")
    if problems:
        return None, problems
    return _build(record, slug, values), []


def _convert(key: str, value, record: RawRecord, settings: Settings):
    raw = record.raw.get(key)
    if key in ("title", "description", "image_alt", "artisan"):
        return c.to_text(value, raw)
    if key == "updated":
        return c.to_datetime(value, raw)
    if key == "expires":
        return c.to_expiry(value, raw)
    if key == "aliases":
        return c.to_aliases(value)
    if key == "date":
        return c.to_datetime(value, raw)
    if key in ("draft", "featured"):
        return c.to_bool(value, raw)
    if key in ("tags", "authors", "materials"):
        return c.to_text_list(value, key)
    if key == "categories":
        return c.to_choice_list(value, list(settings.news_categories), "kategori berita", key)
    if key == "category":
        return c.to_choice(value, list(settings.product_categories), "kategori produk")
    if key == "certifications":
        return c.to_certifications(value, list(settings.certifications), "sertifikasi")
    if key == "links":
        return c.to_links(value)
    if key == "kecamatan":
        return c.to_choice(value, list(settings.kecamatan), "kecamatan di Kabupaten Probolinggo")
    if key == "price":
        return c.to_price(value, raw)
    if key == "whatsapp":
        return c.to_whatsapp(value, raw)
    if key == "image":
        return c.to_image_path(value, record.path, settings.root)
    if key == "images":
        return c.to_images(value, record.path, settings.root)
    if key == "slug":
        return c.to_slug(value)
    raise AssertionError(key)


def _unknown_key(key: str, fields, collection: str) -> str:
    alias = ALIASES.get(key.lower().strip())
    if isinstance(alias, tuple):
        alias = alias[0] if collection == "news" else alias[1]
    hint = alias if alias in fields else c.suggest(key, fields)
    if hint:
        return f"kunci '{key}' tidak dikenal; maksud Anda '{hint}'?"
    return f"kunci '{key}' tidak dikenal. Kunci yang boleh: {', '.join(fields)}."


def _slug_from_name(record: RawRecord) -> str:
    stem = PurePosixPath(record.path).stem
    if record.collection == "news":
        match = NEWS_NAME.match(stem)
        stem = match[2] if match else stem
    return c.slugify(stem)


def _build(record: RawRecord, slug: str, v: dict):
    body = record.body
    if record.collection == "news":
        image = Image(v["image"], v["image_alt"]) if "image" in v else None
        return NewsItem(
            path=record.path, slug=slug, title=v["title"], date=v["date"],
            description=v["description"], body=body, categories=v.get("categories", ()),
            tags=v.get("tags", ()), authors=v.get("authors", ()), image=image,
            draft=v.get("draft", False), body_line=record.body_line, updated=v.get("updated"),
            expires=v.get("expires"), aliases=v.get("aliases", ()))
    return Product(
        path=record.path, slug=slug, title=v["title"], artisan=v["artisan"],
        category=v["category"], kecamatan=v["kecamatan"], description=v["description"],
        body=body, price=v.get("price"), whatsapp=v.get("whatsapp"),
        images=v.get("images", ()), materials=v.get("materials", ()),
        certifications=v.get("certifications", ((), ()))[0],
        certificate_numbers=v.get("certifications", ((), ()))[1], links=v.get("links", ()),
        date=v.get("date"),
        featured=v.get("featured", False), draft=v.get("draft", False),
        body_line=record.body_line, updated=v.get("updated"), expires=v.get("expires"),
        aliases=v.get("aliases", ()),
        certificate_expiry=v.get("certifications", ((), (), ()))[2])


def _duplicate_urls(items, section: str) -> list[Problem]:
    by_slug: dict[str, list] = {}
    for item in items:
        by_slug.setdefault(item.slug, []).append(item)
    problems = []
    for slug, group in by_slug.items():
        if len(group) > 1:
            for item in group:
                others = ", ".join(o.path for o in group if o is not item)
                problems.append(Problem(item.path, 0, "", f"alamat /{section}/{slug}/ juga dipakai "
                                        f"oleh {others}; ganti nama salah satu file."))
    return problems


def load_and_validate(root: Path, settings: Settings):
    """Convenience for scripts and the plugin: load every file, then validate."""
    from .load import load_content

    records, problems = load_content(root)
    news, products, found = validate_all(records, settings)
    return news, products, sorted(problems + found)
