"""Raw records -> typed items, reporting every problem (never only the first)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from . import convert as c
from . import schema
from .model import Problem, Product, RawRecord
from .redirects import alias_problems
from .schema import MAX_DESCRIPTION
from .settings import Settings

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
    rows, keys = schema.FIELDS[record.collection], schema.KEYS[record.collection]
    problems: list[Problem] = []
    values: dict = {}

    def line(key):
        return record.lines.get(key, record.body_line - 1)

    def report(key, message):
        problems.append(Problem(record.path, line(key), key, message))

    for key in record.data:
        if key not in keys:
            report(key, _unknown_key(key, keys, record.collection))
    for row in rows:
        value = record.data.get(row.key)
        if row.required and value in (None, "", [], {}):
            report(row.key, f"wajib diisi; tambahkan baris '{row.key}: ...' di front matter.")
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
            report(row.key, f"nilai ini tidak bisa dipakai; lihat contoh '{row.key}' di "
                            "PANDUAN-PENULIS.md.")
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


def _unknown_key(key: str, keys: tuple[str, ...], collection: str) -> str:
    hint = schema.meant(key, collection) or c.suggest(key, keys)
    if hint:
        return f"kunci '{key}' tidak dikenal; maksud Anda '{hint}'?"
    return f"kunci '{key}' tidak dikenal. Kunci yang boleh: {', '.join(keys)}."


def _slug_from_name(record: RawRecord) -> str:
    stem = PurePosixPath(record.path).stem
    if record.collection == "news":
        match = NEWS_NAME.match(stem)
        stem = match[2] if match else stem
    return c.slugify(stem)


def _build(record: RawRecord, slug: str, values: dict):
    """The item, its attributes filled by the schema rows (absent keys keep their default)."""
    attributes = {"path": record.path, "slug": slug, "body": record.body,
                  "body_line": record.body_line}
    for row in schema.FIELDS[record.collection]:
        if row.key in values:
            attributes.update(row.item_values(values))
    return schema.ITEMS[record.collection](**attributes)


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
