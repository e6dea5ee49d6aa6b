"""Raw records -> typed items, reporting every problem (never only the first)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from . import convert as c
from . import habits, schema, urls
from .load import original_of
from .model import Problem, Product, RawRecord
from .schema import MAX_DESCRIPTION
from .settings import Settings

NEWS_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")


def validate_all(records: list[RawRecord], settings: Settings, docs: dict[str, str], map=None):
    """Return (news, products, problems) for every record, plus cross-file checks (one
    address for two items, aliases taking a page's place). `products` ends with the English
    versions of valid products (`lang` "en", see `translate`). `docs`: URL path -> source of the
    hand-written pages; `map(function, records)` applies `validate_record` (by default one
    record after another)."""
    news: list[Any] = []
    products: list[Any] = []
    problems: list[Problem] = []
    translations = [r for r in records if r.lang != "id"]
    records = [r for r in records if r.lang == "id"]
    validate = partial(validate_record, settings=settings)
    results = map(validate, records) if map else [validate(record) for record in records]
    for record, (item, found) in zip(records, results):
        problems.extend(found)
        if item is not None:
            (news if record.collection == "news" else products).append(item)
    clashes = _duplicate_urls(news) + _duplicate_urls(products)
    alias_lines = {r.path: r.lines.get("aliases", 0) for r in records}
    clashes += alias_problems([*news, *products], alias_lines, docs)
    problems.extend(clashes)
    clashing = {p.path for p in clashes}
    news = [n for n in news if n.path not in clashing]
    products = [p for p in products if p.path not in clashing]
    english, found = translate_all(translations, products, {r.path for r in records}, settings)
    return news, products + english, sorted(problems + found)


def named_files(item) -> tuple[str, ...]:
    """The project files (photos) a valid item names: they must still exist."""
    photos = item.images if isinstance(item, Product) else (item.image,) if item.image else ()
    return tuple(photo.src for photo in photos)


def validate_record(record: RawRecord, settings: Settings):
    """(item, []) for a valid record, else (None, every problem found in it)."""
    rows, keys = schema.FIELDS[record.collection], schema.KEYS[record.collection]
    problems: list[Problem] = []

    def line(key):
        return record.lines.get(key, record.body_line - 1)

    def report(key, message, warning=False):
        problems.append(Problem(record.path, line(key), key, message, warning))

    for key in record.data:
        if key not in keys:
            report(key, _unknown_key(key, keys, record, rows, settings))
    values = _converted(record, rows, settings, report)
    start = values.get("date")
    if start and values.get("updated") and values["updated"] < start:
        report(
            "updated",
            f"tanggal pembaruan lebih awal dari date ({start.date().isoformat()}); "
            "periksa tahunnya.",
        )
    if start and values.get("expires") and values["expires"] <= start:
        report(
            "expires",
            f"tanggal berakhir harus sesudah date ({start.date().isoformat()}); periksa tahunnya.",
        )
    _check_length(values, report)
    # the cover's alt is asked for even when the photo itself has a problem: both in one run
    if record.collection == "news" and record.data.get("image") and not values.get("image_alt"):
        report(
            "image",
            "foto sampul perlu keterangan; tambahkan image_alt: ... (untuk pembaca "
            "tunanetra dan mesin pencari).",
        )
    photos = [(values["image"], values.get("image_alt"), "image_alt")] if "image" in values else []
    photos += [(i.src, i.alt, "images") for i in values.get("images", ())]
    for src, alt, key in photos:
        vague = c.vague_alt(alt, src) if alt else ""  # a missing one is an error above
        if vague:
            report(key, vague, warning=True)
    for key in ("tags", "artisan"):  # each gets a page whose address comes from its letters
        for name in (values[key],) if isinstance(values.get(key), str) else values.get(key, ()):
            if not c.slugify(name):
                report(
                    key,
                    f"'{name}' tidak memuat huruf atau angka, jadi tidak bisa menjadi alamat "
                    "halaman; tulis dengan huruf (a-z) atau angka.",
                )
    slug = values.get("slug") or _slug_from_name(record)
    if not slug:
        report(
            "slug",
            "nama file tidak menghasilkan alamat halaman; beri nama seperti "
            "2025-09-23-judul-singkat.md.",
        )
    elif slug in urls.RESERVED_SLUGS[record.collection]:
        report("slug", f"nama '{slug}' dipakai oleh halaman daftar; ganti nama file.")
    problems += body_warnings(record)
    if record.broken or any(not p.warning for p in problems):
        return None, problems
    return _build(record, slug, values), problems


def _converted(record: RawRecord, rows, settings: Settings, report) -> dict:
    """Each row's value converted (a missing required value or a bad one is reported)."""
    values: dict = {}
    for row in rows:
        if row.key in record.broken:  # its lines could not be read: reported by load
            continue
        value = record.data.get(row.key)
        if isinstance(value, str) and not value.strip():
            value = None  # only spaces: as if not written
        if row.required and value in (None, "", [], {}):
            report(row.key, f"wajib diisi; tambahkan baris '{row.key}: ...' di kepala file.")
            continue
        if value is None:
            continue
        try:
            context = schema.Context(row, record.raw.get(row.key), record.path, settings)
            values[row.key] = row.convert(value, context)
        except c.Invalid as error:
            report(row.key, str(error))
        except (TypeError, ValueError, OverflowError, AttributeError):
            # A value shape no converter foresaw: still a message, never a traceback.
            report(
                row.key,
                f"nilai ini tidak bisa dipakai; lihat contoh '{row.key}' di PANDUAN-PENULIS.md.",
            )
    return values


def _check_length(values: dict, report) -> None:
    for key in ("description",):
        if len(values.get(key, "")) > MAX_DESCRIPTION:
            report(
                key,
                f"terlalu panjang ({len(values[key])} karakter, batas {MAX_DESCRIPTION}); "
                "ringkas menjadi satu atau dua kalimat.",
            )


def translate_all(
    translations: list[RawRecord], products, originals: set[str], settings: Settings
) -> tuple[list, list[Problem]]:
    """The English version of each valid product (an item with `lang` set), and every problem
    of the translation files. `originals`: every Indonesian file read, valid or not; the
    problems of an invalid one are reported with it."""
    by_path = {item.path: item for item in products}
    items, problems = [], []
    for record in translations:
        source = original_of(record.path)
        if source not in originals:
            name = PurePosixPath(source).name
            problems.append(
                Problem(
                    record.path,
                    0,
                    "",
                    f"tidak ada file bahasa Indonesia {source} untuk versi bahasa Inggris ini. "
                    f"Nama file harus sama dengan file produknya ({name} → "
                    f"{PurePosixPath(record.path).name}); perbaiki nama file, atau buat dulu "
                    "produknya dalam bahasa Indonesia.",
                )
            )
            continue
        item, found = translate(record, by_path.get(source), settings)
        problems.extend(found)
        if item is not None:
            items.append(item)
    return items, problems


def translate(record: RawRecord, original, settings: Settings):
    """(English version, []) of `original` from its translation file, else (None, problems).
    Only the keys of schema.TRANSLATED may be set; everything else is the original's."""
    rows = schema.TRANSLATED[record.collection]
    allowed = tuple(row.key for row in rows)
    problems: list[Problem] = []
    source = original_of(record.path)

    def report(key, message):
        line = record.lines.get(key, record.body_line - 1)
        problems.append(Problem(record.path, line, key, message))

    for key in record.data:
        if key in allowed:
            continue
        known = key if key in schema.KEYS[record.collection] else schema.meant(key, "products")
        if known in allowed:
            report(key, f"kolom '{key}' tidak dikenal; maksud Anda '{known}'?")
        elif known:
            report(
                key,
                f"versi bahasa Inggris tidak boleh mengisi '{known}': nilainya diambil dari "
                f"{source}. Hapus baris ini (yang boleh diisi: {', '.join(allowed)}).",
            )
        else:
            hint = c.suggest(key, allowed)
            report(
                key,
                f"kolom '{key}' tidak dikenal; maksud Anda '{hint}'?"
                if hint
                else f"kolom '{key}' tidak dikenal. Kolom yang boleh: {', '.join(allowed)}.",
            )
    values = _converted(record, rows, settings, report)
    _check_length(values, report)
    if problems or original is None:  # an invalid original reports its own problems
        return None, problems
    english = {
        **{row.key: values.get(row.key, ()) for row in rows},  # materials: () when absent
        "path": record.path,
        "body": record.body,
        "body_line": record.body_line,
        "aliases": (),  # old addresses belong to the Indonesian page
        "lang": record.lang,
    }
    return replace(original, **english), []


# ![alt](path) in a Markdown body (the photos a writer adds; raw <img> is for the tech team)
BODY_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+[\"'][^)]*)?\)")
# ![alt](a name with spaces.jpg): Markdown does not read it as a photo at all, the line would
# show as it is written
SPACED_IMAGE = re.compile(
    r"!\[[^\]]*\]\((?P<src>[^)\"']*\s[^)\"']*\.(?:jpe?g|png|webp|gif))\s*\)", re.I
)


def body_warnings(record: RawRecord) -> list[Problem]:
    """Word habits the body had (made Markdown when it is rendered) and photos in it without
    a useful alt text: warnings, for every file, draft or not; a photo name with spaces, which
    would show as text: a problem."""
    found = [
        Problem(record.path, record.body_line + line, key, note, warning=True)
        for line, key, note in habits.body(record.body)[1]
    ]
    for number, line in enumerate(record.body.split("\n")):
        for spaced in SPACED_IMAGE.finditer(line):
            src = spaced["src"].strip()
            safe = c.safe_path(src)
            message = (
                f"nama foto '{src}' memuat spasi, sehingga tidak terbaca sebagai foto; ganti nama "
                f"file menjadi '{safe}' lalu tulis ![keterangan foto]({safe})."
            )
            found.append(Problem(record.path, record.body_line + number, "isi", message))
        for image in BODY_IMAGE.finditer(line):
            src, alt = image["src"], " ".join(image["alt"].split())
            if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):
                continue  # refused when rendered
            vague = c.vague_alt(alt, src)
            if vague:
                message = (
                    vague
                    if alt
                    else (
                        f"foto '{src}' belum punya keterangan (untuk pembaca tunanetra dan mesin "
                        f"pencari); tulis ![apa yang tampak di foto]({src})."
                    )
                )
                found.append(Problem(record.path, record.body_line + number, "isi", message, True))
    return found


def _value_note(key: str, meant: str, record: RawRecord, rows, settings: Settings) -> str:
    """For a key written under another name (harga for price): what its value also needs,
    so that renaming the key does not lead to a second round of checks."""
    row = next((r for r in rows if r.key == meant), None)
    if row is None or meant in record.data or record.data[key] in (None, ""):
        return ""
    try:
        row.convert(
            record.data[key], schema.Context(row, record.raw.get(key), record.path, settings)
        )
    except c.Invalid as error:
        return f" Nilainya juga perlu diperbaiki: {error}"
    except (TypeError, ValueError, OverflowError, AttributeError):
        return ""
    return ""


def _unknown_key(key: str, keys: tuple[str, ...], record: RawRecord, rows, settings) -> str:
    collection = record.collection
    if collection == "news" and key.lower().strip() in ("images", "photos", "gallery", "galeri"):
        return c.news_photos(record.data[key])
    hint = schema.meant(key, collection) or c.suggest(key, keys)
    if hint:
        return f"kolom '{key}' tidak dikenal; maksud Anda '{hint}'?" + _value_note(
            key, hint, record, rows, settings
        )
    return f"kolom '{key}' tidak dikenal. Kolom yang boleh: {', '.join(keys)}."


def _slug_from_name(record: RawRecord) -> str:
    stem = PurePosixPath(record.path).stem
    if record.collection == "news":
        match = NEWS_NAME.match(stem)
        stem = match[2] if match else stem
    return c.slugify(stem)


def _build(record: RawRecord, slug: str, values: dict):
    """The item, its attributes filled by the schema rows (absent keys keep their default)."""
    attributes = {
        "path": record.path,
        "slug": slug,
        "body": record.body,
        "body_line": record.body_line,
    }
    for row in schema.FIELDS[record.collection]:
        if row.key in values:
            attributes.update(row.item_values(values))
    return schema.ITEMS[record.collection](**attributes)


def _duplicate_urls(items) -> list[Problem]:
    by_slug: dict[str, list] = {}
    for item in items:
        by_slug.setdefault(item.slug, []).append(item)
    problems = []
    for group in by_slug.values():
        if len(group) > 1:
            for item in group:
                others = ", ".join(o.path for o in group if o is not item)
                problems.append(
                    Problem(
                        item.path,
                        0,
                        "",
                        f"alamat /{urls.item_path(item)} juga "
                        f"dipakai oleh {others}; ganti nama salah satu file.",
                    )
                )
    return problems


def alias_problems(items, lines: dict, docs: dict[str, str]) -> list[Problem]:
    """Every alias that would replace a real page, a generated file, a listing, or another
    item's alias. Drafts count too: their page will exist one day. Paths are compared without
    case and without the final '/': on a writer's Windows or macOS disk `/Berita/` is the news
    listing, and an alias `/sitemap.xml` would become a folder where that file is."""

    def key(path: str) -> str:
        return path.rstrip("/").lower()

    pages = {key(urls.item_path(i)): i.path for i in items}
    hand_written = {key(url): source for url, source in docs.items()}
    reserved = {key(path) for path in urls.RESERVED_EXACT}
    claimed: dict[str, str] = {}
    problems = []
    for item in items:
        for alias in item.aliases:
            shown, found = "/" + alias, key(alias)
            if found in pages:
                owner = pages[found]
                why = (
                    "alamat halaman ini sendiri"
                    if owner == item.path
                    else f"alamat halaman yang masih ada ({owner})"
                )
                message = f"alamat lama {shown} sama dengan {why}; hapus dari aliases."
            elif found in hand_written:
                message = (
                    f"alamat lama {shown} sama dengan halaman {hand_written[found]}; "
                    "hapus dari aliases."
                )
            elif found in reserved or (found + "/").startswith(urls.RESERVED_UNDER):
                message = (
                    f"alamat lama {shown} milik halaman atau file yang dibuat otomatis "
                    "(daftar, kategori, gambar, feed, peta situs); hapus dari aliases."
                )
            elif found in claimed:
                message = (
                    f"alamat lama {shown} juga dialihkan oleh {claimed[found]}; satu alamat "
                    "hanya boleh menuju satu halaman."
                )
            else:
                claimed[found] = item.path
                continue
            problems.append(Problem(item.path, lines.get(item.path, 0), "aliases", message))
    return problems
