"""Field converters: each turns a raw YAML value into a typed value or raises `Invalid`
with an Indonesian explanation and the fix."""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from .model import Image, Price

WIB = ZoneInfo("Asia/Jakarta")
# Photo file and folder names: they end up in URLs and HTML attributes.
SAFE_NAME = re.compile(r"\.\.|[A-Za-z0-9][A-Za-z0-9._-]*")
IMAGE_TYPES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
MONTHS = (
    "januari februari maret april mei juni juli agustus september oktober november desember"
).split()


class Invalid(ValueError):
    """A value that cannot be used; the message says why and how to fix it."""


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def suggest(value: str, choices) -> str | None:
    """The choice closest to `value`, ignoring case, spaces and punctuation."""
    keyed = {_squash(c): c for c in choices}
    found = difflib.get_close_matches(_squash(value), list(keyed), n=1, cutoff=0.6)
    return keyed[found[0]] if found else None


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def _one_value(value) -> None:
    """A list or mapping where one value belongs is refused before anything turns it into
    text (a YAML structure can be far larger written out than in the file)."""
    if isinstance(value, (list, tuple, dict)):
        raise Invalid(
            "harus berupa satu nilai, bukan daftar atau peta; lihat contoh di PANDUAN-PENULIS.md."
        )


def to_text(value, raw: str | None = None) -> str:
    if isinstance(value, (list, tuple, dict)):
        raise Invalid("harus berupa teks satu baris, bukan daftar; apit teks dengan tanda kutip.")
    if value is None:
        return ""
    if not isinstance(value, str):
        value = raw if raw is not None else str(value)
    return " ".join(value.split())


# Items a list field may hold (tags, authors, photos, aliases...): a page shows them all, and
# each tag makes a page of its own; 60,000 tags in one file took 28 s to check.
MAX_LIST_ITEMS = 30


def _not_too_many(value: list) -> None:
    if len(value) > MAX_LIST_ITEMS:
        raise Invalid(
            f"terlalu banyak butir ({len(value)}, batas {MAX_LIST_ITEMS}); "
            "pilih yang paling penting saja."
        )


def to_text_list(value, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts = [p.strip() for p in value.split(",") if p.strip()]
        raise Invalid(f"harus berupa daftar; tulis {field}: [{', '.join(parts) or '...'}].")
    if not isinstance(value, list):
        raise Invalid(f"harus berupa daftar, misalnya {field}: [satu, dua].")
    _not_too_many(value)
    result = []
    for item in value:
        if isinstance(item, (list, dict)) or item is None:
            raise Invalid(f"setiap butir harus berupa teks; tulis {field}: [satu, dua].")
        text = " ".join(str(item).split())
        if text and text not in result:
            result.append(text)
    return tuple(result)


def to_choice(value, choices, label: str):
    """A value from a configured list, matched ignoring case, spaces and punctuation."""
    text = to_text(value)
    for choice in choices:
        if _squash(choice) == _squash(text) and text:
            return choice
    hint = suggest(text, choices)
    if hint:
        return _fail(f"'{text}' bukan {label} yang dikenal; maksud Anda '{hint}'?")
    return _fail(f"'{text}' bukan {label} yang dikenal. Pilihan: {', '.join(choices)}.")


def to_choice_list(value, choices, label: str, field: str) -> tuple[str, ...]:
    items = to_text_list(value, field)
    result = []
    for item in items:
        choice = to_choice(item, choices, label)
        if choice not in result:
            result.append(choice)
    return tuple(result)


def _fail(message: str):
    raise Invalid(message)


def to_bool(value, raw: str | None) -> bool:
    _one_value(value)
    if isinstance(value, bool):
        return value
    written = raw if raw is not None else str(value)
    meant = (
        "true"
        if str(written).strip().strip("'\"").lower()
        in {"true", "yes", "ya", "y", "on", "1", "benar"}
        else "false"
    )
    raise Invalid(f"harus true atau false tanpa tanda kutip; tertulis '{written}', tulis: {meant}.")


def to_datetime(value, raw: str | None) -> datetime:
    """A date or datetime; without a zone it means Asia/Jakarta (WIB)."""
    _one_value(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=WIB) if value.tzinfo is None else value
    if isinstance(value, date):
        return datetime.combine(value, time(), WIB)
    text = str(raw if raw is not None else value).strip()
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(text)
            return parsed.replace(tzinfo=WIB) if parsed.tzinfo is None else parsed
        except ValueError:
            pass
    raise Invalid(_date_hint(text))


def _date_hint(text: str) -> str:
    fix = (
        "tulis tahun-bulan-tanggal, misalnya date: 2025-09-23, atau dengan jam WIB: "
        "date: 2025-09-23 08:00"
    )
    with_time = re.fullmatch(
        r"(\d{4}-\d{1,2}-\d{1,2})[T ]+(?:pukul\s+)?(\d{1,2})[.:](\d{2})(?:\s*WIB)?", text, re.I
    )
    if with_time:
        day, hour, minute = with_time[1], int(with_time[2]), with_time[3]
        return (
            f"format tanggal '{text}' tidak dikenali; tulis jam dengan titik dua, tanpa WIB: "
            f"date: {day} {hour:02d}:{minute}."
        )
    numbers = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    words = re.fullmatch(r"(?:\w+,\s*)?(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    parts = None
    if numbers:
        parts = int(numbers[3]), int(numbers[2]), int(numbers[1])
    elif words and words[2].lower() in MONTHS:
        parts = int(words[3]), MONTHS.index(words[2].lower()) + 1, int(words[1])
    elif iso:
        parts = int(iso[1]), int(iso[2]), int(iso[3])
    if parts:
        try:
            right = date(*parts)
        except ValueError:
            return f"tanggal '{text}' tidak ada di kalender; periksa tanggal dan bulannya."
        return f"format tanggal '{text}' tidak dikenali; tulis date: {right.isoformat()}."
    return f"format tanggal '{text}' tidak dikenali; {fix}."


def to_price(value, raw: str | None) -> Price:
    if isinstance(value, dict):
        extra = sorted(set(map(str, value)) - {"min", "max"})
        if extra or "min" not in value:
            raise Invalid("rentang harga ditulis price: {min: 100000, max: 250000}.")
        low = _rupiah(value["min"], None)
        # the browser editor writes one price as {min: 150000} (max left empty)
        high = low if value.get("max") in (None, "") else _rupiah(value["max"], None)
        if low > high:
            raise Invalid(f"min ({low}) lebih besar dari max ({high}); tukar keduanya.")
        return Price(low, high)
    amount = _rupiah(value, raw)
    return Price(amount, amount)


def _rupiah(value, raw: str | None) -> int:
    _one_value(value)
    written = raw if raw is not None else str(value)
    if isinstance(value, bool) or value is None:
        raise Invalid("harga harus berupa angka rupiah, misalnya price: 150000.")
    if isinstance(value, float):
        digits = written.replace(".", "").replace(",", "")
        if not digits.isdigit():
            if not math.isfinite(value):
                raise Invalid("harga harus berupa angka rupiah, misalnya price: 150000.")
            digits = str(round(value * 1000))
        raise Invalid(
            f"YAML membaca {written} sebagai angka desimal {value:g} (titik dianggap "
            f"koma desimal). Tulis tanpa titik: price: {int(digits)}."
        )
    if isinstance(value, int):
        if value <= 0:
            raise Invalid(
                "harga harus lebih dari 0; hapus kunci price jika harga tidak "
                "dicantumkan (tampil 'Hubungi penjual')."
            )
        return value
    text = str(value)
    range_parts = re.split(r"\s*(?:-|–|—|s/d|sampai)\s*", text.strip())
    if len(range_parts) == 2 and all(_plain_digits(p) for p in range_parts):
        low, high = (_plain_digits(p) for p in range_parts)
        raise Invalid(f"rentang harga ditulis price: {{min: {low}, max: {high}}}.")
    plain = _plain_digits(text)
    fix = f"price: {plain}" if plain else "price: 150000"
    raise Invalid(
        f"harga '{text}' harus berupa angka saja, tanpa Rp, titik atau spasi; tulis {fix}."
    )


def _plain_digits(text: str) -> int | None:
    cleaned = text.lower().replace("rp", "").replace(" ", "")
    multiplier = 1
    for suffix, factor in (("ribu", 1000), ("rb", 1000), ("juta", 1_000_000), ("jt", 1_000_000)):
        if cleaned.endswith(suffix):
            cleaned, multiplier = cleaned[: -len(suffix)], factor
            break
    cleaned = re.sub(r",0+$", "", cleaned).replace(".", "")
    if multiplier > 1:
        cleaned = cleaned.replace(",", ".")
        try:
            return int(float(cleaned) * multiplier) if cleaned else None
        except ValueError:
            return None
    return int(cleaned) if cleaned.isdigit() else None


MAX_DIMENSIONS = 60  # characters: one line of the product's details table


def to_dimensions(value, raw: str | None) -> str:
    """Size as one line of text, e.g. '30 x 20 x 10 cm'."""
    if isinstance(value, list) and value and all(isinstance(v, (int, float)) for v in value):
        measures = " x ".join(f"{v:g}" for v in value)
        raise Invalid(
            f'tulis ukuran sebagai satu baris teks dengan satuannya: dimensions: "{measures} cm".'
        )
    text = to_text(value, raw)
    if len(text) > MAX_DIMENSIONS:
        raise Invalid(
            f"terlalu panjang ({len(text)} karakter, batas {MAX_DIMENSIONS}); tulis "
            'ukuran singkat, misalnya dimensions: "30 x 20 x 10 cm", dan ceritakan '
            "rinciannya di isi tulisan."
        )
    return text


# Units writers add to a weight, in grams. An ons is 100 g in Indonesian shops.
WEIGHT_UNITS = {
    "g": 1,
    "gr": 1,
    "grm": 1,
    "gram": 1,
    "ons": 100,
    "kg": 1000,
    "kilo": 1000,
    "kilogram": 1000,
}
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # 1.500: an Indonesian thousands dot


def to_weight(value, raw: str | None) -> int:
    """Whole grams, one way only: `weight: 850`. A unit, a decimal, a thousands dot or quotes
    are refused with the exact number to write instead."""
    written = str(raw if raw is not None else value).strip()
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise Invalid("berat harus berupa angka gram, misalnya weight: 850.")
    if isinstance(value, int):
        if value <= 0:
            raise Invalid(
                "berat harus lebih dari 0 gram; hapus baris weight bila beratnya belum diketahui."
            )
        if written.isdigit() and int(written) != value:  # YAML reads 0750 as octal
            raise Invalid(
                f"YAML membaca {written} sebagai bilangan oktal {value}; tulis tanpa 0 "
                f"di depan: weight: {int(written)}."
            )
        return value
    if isinstance(value, float) and _THOUSANDS.fullmatch(written):
        raise Invalid(
            f"YAML membaca {written} sebagai angka desimal {value:g} (titik dianggap "
            f"koma desimal). Tulis tanpa titik: weight: {written.replace('.', '')}."
        )
    number, unit = _weight_parts(written)
    if number is None:
        raise Invalid(f"berat '{written}' harus berupa angka gram, misalnya weight: 850.")
    grams = number * WEIGHT_UNITS[unit] if unit else number
    if grams < 1:
        raise Invalid(
            "berat harus lebih dari 0 gram; hapus baris weight bila beratnya belum diketahui."
        )
    if unit or grams == int(grams):
        raise Invalid(
            f"berat '{written}' ditulis dalam gram, angka saja tanpa satuan, titik "
            f"atau tanda kutip; tulis weight: {round(grams)}."
        )
    whole = "berat ditulis dalam gram, angka bulat tanpa titik atau koma"
    if number < 100:  # a bare 1,5 is most likely kilograms
        decimal = f"{number:g}".replace(".", ",")
        raise Invalid(
            f"{whole}; bila maksudnya {decimal} kg, tulis weight: {round(number * 1000)}."
        )
    raise Invalid(f"{whole}; tulis weight: {round(number)}.")


def _weight_parts(text: str) -> tuple[float | None, str]:
    """'1,5 kg' -> (1.5, 'kg'), '1.500' -> (1500.0, ''), 'berat' -> (None, '')."""
    match = re.fullmatch(r"(-?\d+(?:[.,]\d+)*)\s*([a-z]*)\.?", text.lower())
    if not match or (match[2] and match[2] not in WEIGHT_UNITS):
        return None, ""
    number = match[1]
    if _THOUSANDS.fullmatch(number.lstrip("-").split(",")[0]):
        number = number.replace(".", "")
    try:
        value = float(number.replace(",", "."))
    except ValueError:  # 1,5,0
        return None, ""
    return (value, match[2]) if math.isfinite(value) else (None, "")


def to_whatsapp(value, raw: str | None) -> str:
    _one_value(value)
    written = str(raw if raw is not None else value).strip()
    digits = re.sub(r"[\s\-().]", "", written)
    if digits.startswith("+"):
        digits = digits[1:]
    if not digits.isdigit():
        raise Invalid(
            f"nomor WhatsApp '{written}' hanya boleh berisi angka, spasi, tanda - atau "
            '+; misalnya whatsapp: "0812-3456-7890".'
        )
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    if not digits.startswith("628"):
        raise Invalid(
            f"'{written}' bukan nomor ponsel Indonesia; nomor WhatsApp diawali 08, "
            '+62 8 atau 62 8, misalnya whatsapp: "0812-3456-7890".'
        )
    if not 10 <= len(digits) <= 15:
        raise Invalid(
            f"nomor WhatsApp '{written}' terlalu {'pendek' if len(digits) < 10 else 'panjang'}; "
            "periksa jumlah angkanya."
        )
    return digits


def to_slug(value) -> str:
    text = to_text(value)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text):
        raise Invalid(
            f"slug hanya boleh huruf kecil, angka dan tanda -; misalnya "
            f"slug: {slugify(text) or 'judul-berita'}."
        )
    return text


def to_image_path(value, md_path: str, root: Path) -> str:
    """A project-relative path of an existing image, written relative to the Markdown file."""
    text = to_text(value).replace("\\", "/")
    if not text:
        raise Invalid("path gambar kosong.")
    if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I) and not re.match(r"^[a-z]:/", text, re.I):
        raise Invalid(
            "gambar harus disimpan di repositori (folder img/ di samping file ini), "
            "bukan alamat internet."
        )
    if text.startswith("/") or re.match(r"^[a-z]:/", text, re.I):
        raise Invalid(
            f"tulis path gambar relatif terhadap file ini, misalnya img/{PurePosixPath(text).name}."
        )
    base = _resolved(root)
    target = (root / PurePosixPath(md_path).parent / text).resolve()
    if not target.is_relative_to(base):
        raise Invalid(
            f"path gambar '{text}' keluar dari repositori; simpan gambar di folder img/ "
            "di samping file ini."
        )
    if target.suffix.lower() not in IMAGE_TYPES:
        raise Invalid(
            f"jenis gambar '{target.suffix or text}' tidak didukung; gunakan JPEG, PNG atau WebP."
        )
    if not target.is_file():
        raise Invalid(_missing_image(text, target))
    unsafe = next(
        (part for part in PurePosixPath(text).parts if not SAFE_NAME.fullmatch(part)), None
    )
    if unsafe is not None:
        raise Invalid(
            f"nama '{unsafe}' memuat spasi atau tanda selain huruf, angka, titik, '-' dan '_'; "
            f"ganti nama file atau foldernya, misalnya menjadi '{_safe_name(unsafe)}'."
        )
    return target.relative_to(base).as_posix()


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    """The project root with links resolved (once, not for every image)."""
    return root.resolve()


def _safe_name(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    if not dot:
        return slugify(name) or "foto"
    return f"{slugify(stem) or 'foto'}.{slugify(ext)}"


def _missing_image(text: str, target: Path) -> str:
    folder = target.parent
    if folder.is_dir():
        names = [p.name for p in folder.iterdir()]
        same = [n for n in names if n.lower() == target.name.lower()]
        if same:
            return (
                f"gambar '{text}' tidak ditemukan; huruf besar/kecil berbeda, nama filenya "
                f"'{same[0]}'."
            )
        close = difflib.get_close_matches(target.name, names, n=1, cutoff=0.6)
        if close:
            return f"gambar '{text}' tidak ditemukan; maksud Anda '{close[0]}'?"
    return f"gambar '{text}' tidak ditemukan; periksa nama file dan foldernya."


def to_images(value, md_path: str, root: Path) -> tuple[Image, ...]:
    if not isinstance(value, list):
        raise Invalid(
            "tulis sebagai daftar:\n  images:\n    - src: img/foto.jpg\n      alt: Keterangan foto"
        )
    _not_too_many(value)
    images, errors = [], []
    for number, item in enumerate(value, 1):
        if not isinstance(item, dict) or "src" not in item:
            errors.append(
                f"gambar ke-{number} harus ditulis '- src: img/foto.jpg' lalu 'alt: keterangan'"
            )
            continue
        try:
            src = to_image_path(item["src"], md_path, root)
        except Invalid as error:
            errors.append(f"gambar ke-{number}: {error}")
            continue
        alt = to_text(item.get("alt"))
        if not alt:
            errors.append(
                f"gambar ke-{number} belum punya alt (keterangan untuk pembaca "
                "tunanetra dan mesin pencari); tambahkan alt: ..."
            )
            continue
        images.append(Image(src, alt))
    if errors:
        raise Invalid("; ".join(errors))
    return tuple(images)


# Shops and social sites a product may link to: key -> (label, host names it may use).
LINK_SITES = {
    "shopee": ("Shopee", ("shopee.co.id", "shopee.com", "shp.ee")),
    "tokopedia": ("Tokopedia", ("tokopedia.com", "tokopedia.link")),
    "tiktokshop": ("TikTok Shop", ("tiktok.com", "tokopedia.com")),
    "instagram": ("Instagram", ("instagram.com", "instagr.am")),
    "facebook": ("Facebook", ("facebook.com", "fb.com", "fb.me")),
}
_CERT_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ./\-]{2,39}")


def to_links(value) -> tuple[tuple[str, str], ...]:
    """{site: https URL} -> ((site, url), ...) in LINK_SITES order, every mistake reported."""
    example = "\n  links:\n    shopee: https://shopee.co.id/nama-toko"
    if not isinstance(value, dict):
        raise Invalid(f"tulis nama toko atau media sosial lalu alamatnya, misalnya:{example}")
    found, errors = {}, []
    for key, url in value.items():
        if url in (None, ""):  # a shop the browser editor's form left empty
            continue
        name = str(key).strip().lower()
        if name not in LINK_SITES:
            hint = suggest(name.replace(" ", ""), LINK_SITES)
            errors.append(
                f"'{key}' bukan toko/media sosial yang dikenal; "
                + (f"maksud Anda '{hint}'?" if hint else f"pilihan: {', '.join(LINK_SITES)}")
            )
            continue
        try:
            found[name] = _shop_url(name, url)
        except Invalid as error:
            errors.append(f"{name}: {error}")
    if errors:
        raise Invalid("; ".join(e.rstrip(".") for e in errors) + ".")
    return tuple((name, found[name]) for name in LINK_SITES if name in found)


def _shop_url(name: str, value) -> str:
    from urllib.parse import urlsplit

    label, hosts = LINK_SITES[name]
    example = f"https://{'www.' if name in ('instagram', 'facebook') else ''}{hosts[0]}/nama-toko"
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"tulis alamat lengkap, misalnya {example}")
    text = value.strip()
    if text.startswith("@"):
        raise Invalid(
            f"tulis alamat lengkap, bukan nama akun '{text}'; misalnya "
            f"{example.replace('nama-toko', text[1:])}"
        )
    if any(ch.isspace() for ch in text):
        raise Invalid(f"alamat '{text}' tidak boleh mengandung spasi.")
    # Browsers read "\\" as "/" and drop "user@" before the host, so either could hide the
    # real host from this check: such an address is refused (no shop needs them).
    if "\\" in text or "@" in text.split("://", 1)[-1].split("/", 1)[0] or not text.isprintable():
        raise Invalid(
            f"alamat '{text}' memuat tanda \\ atau @ sebelum nama situs; salin ulang "
            f"alamat dari aplikasinya, misalnya {example}"
        )
    parts = urlsplit(text)
    if not re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I):
        raise Invalid(f"alamat harus diawali https://; tulis https://{text}")
    if parts.scheme.lower() == "http":
        raise Invalid(
            f"alamat harus memakai https:// (aman), bukan http://; tulis "
            f"https://{text.split('://', 1)[1]}"
        )
    if parts.scheme.lower() != "https":
        raise Invalid(f"alamat harus diawali https://, misalnya {example}")
    host = (parts.hostname or "").lower()
    if not any(host == h or host.endswith("." + h) for h in hosts):
        raise Invalid(
            f"'{text}' bukan alamat {label} (harus di {' atau '.join(hosts)}); "
            "periksa apakah tautan tertukar."
        )
    return text


def to_certifications(value, choices, label: str):
    """[nib, {halal: "ID3511..."}] -> ((slugs), ((slug, number), ...), ((slug, expiry), ...)).
    Each item is a certification, a certification followed by its number, or a record
    {type: halal, number: "...", expires: 2027-06-30}."""
    if not isinstance(value, list):
        return to_choice_list(value, choices, label, "certifications"), (), ()
    slugs, numbers, expiries, errors = [], [], [], []
    for item in value:
        number = expires = None
        if isinstance(item, dict) and "type" in item:
            try:
                item, number, expires = _certificate_record(item)
            except Invalid as error:
                errors.append(str(error))
                continue
        elif isinstance(item, dict):
            if len(item) != 1:
                errors.append(
                    "tulis satu sertifikasi per baris, misalnya '- halal: \"ID35110000123450824\"'"
                )
                continue
            item, number = next(iter(item.items()))
        try:
            slug = to_choice(item, choices, label)
            if number is not None:
                numbers.append((slug, _certificate_number(slug, number)))
        except Invalid as error:
            errors.append(str(error))
            continue
        if slug not in slugs:
            slugs.append(slug)
        if expires is not None:
            expiries.append((slug, expires))
    if errors:
        raise Invalid("; ".join(e.rstrip(".") for e in errors) + ".")
    return tuple(slugs), tuple(numbers), tuple(expiries)


def _certificate_record(item: dict):
    """{type: halal, number: "ID...", expires: 2027-06-30} -> (type, number, expiry)."""
    extra = sorted(set(map(str, item)) - {"type", "number", "expires"})
    if extra:
        raise Invalid(
            f"kunci '{extra[0]}' tidak dikenal di sertifikasi; yang boleh: type, number, "
            'expires, misalnya {type: halal, number: "ID35110000123450824", '
            "expires: 2027-06-30}"
        )
    kind = to_text(item["type"])
    expires = None
    if item.get("expires") is not None:
        try:
            expires = to_expiry(item["expires"], None)
        except Invalid as error:
            raise Invalid(f"expires sertifikasi {kind}: {error}") from None
    return kind, item.get("number"), expires


def _certificate_number(slug: str, value) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict, float)):
        raise Invalid(
            f"nomor {slug} harus ditulis sebagai teks dalam tanda kutip, misalnya "
            f'{slug}: "1234567890123".'
        )
    text = " ".join(str(value).split())
    if slug == "nib" and not re.fullmatch(r"\d{13}", text.replace(" ", "")):
        hint = (
            " Apit dengan tanda kutip agar angka 0 di depan tidak hilang."
            if isinstance(value, int)
            else ""
        )
        raise Invalid(f"NIB '{text}' harus 13 angka.{hint}")
    if not _CERT_NUMBER.fullmatch(text):
        raise Invalid(f"nomor {slug} '{text}' hanya boleh huruf, angka, spasi, titik, / dan -.")
    return text


def to_expiry(value, raw: str | None) -> datetime:
    """The first moment something is no longer valid. A plain date means 'valid through that
    day' in WIB, so `expires: 2026-12-31` disappears at 2027-01-01 00:00 WIB."""
    _one_value(value)
    moment = to_datetime(value, raw)
    written = str(raw if raw is not None else value).strip().strip("'\"")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):
        return moment + timedelta(days=1)
    return moment


_ALIAS_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")


def to_aliases(value) -> tuple[str, ...]:
    """Old URL paths (`/berita/judul-lama/`) -> site paths without the leading slash
    ('berita/judul-lama/'); a path ending in .html stays a file."""
    if isinstance(value, str):
        raise Invalid(f"harus berupa daftar; tulis aliases: [{value.strip()}].")
    if not isinstance(value, list):
        raise Invalid("harus berupa daftar alamat lama, misalnya aliases: [/berita/judul-lama/].")
    _not_too_many(value)
    result, errors = [], []
    for item in value:
        text = str(item).strip() if isinstance(item, (str, int)) else ""
        try:
            path = _alias_path(text)
        except Invalid as error:
            errors.append(str(error))
            continue
        if path not in result:
            result.append(path)
    if errors:
        raise Invalid("; ".join(e.rstrip(".") for e in errors) + ".")
    return tuple(result)


def _alias_path(text: str) -> str:
    example = "/berita/judul-lama/"
    if not text:
        raise Invalid(f"alamat lama kosong; tulis path seperti {example}")
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I):
        path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", text, flags=re.I) or "/"
        raise Invalid(f"tulis path saja tanpa nama domain: '{path}'")
    if "?" in text or "#" in text:
        raise Invalid(f"alamat lama '{text}' tidak boleh memuat ? atau #; tulis path saja")
    segments = [s for s in text.strip("/").split("/") if s]
    if not segments or any(s in (".", "..") or not _ALIAS_SEGMENT.fullmatch(s) for s in segments):
        raise Invalid(
            f"alamat lama '{text}' hanya boleh berisi huruf, angka, - _ . dan /, misalnya {example}"
        )
    path = "/".join(segments)
    if segments[-1] == "index.html":
        return path[: -len("index.html")]
    if segments[-1].lower().endswith((".html", ".htm")):
        return path
    return path + "/"
