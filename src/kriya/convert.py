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


@lru_cache(maxsize=1 << 16)  # the same names come back for many items and pages
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


# Time zones written after a time: Indonesia's three.
ZONES = {"wib": WIB, "wita": ZoneInfo("Asia/Makassar"), "wit": ZoneInfo("Asia/Jayapura")}
_CLOCK = (
    r"(?:(?:pukul|pkl\.?|jam)\s*)?(?P<hour>\d{1,2})[.:](?P<minute>\d{2})"
    r"(?:[.:](?P<second>\d{2}))?(?:\s*(?P<zone>WIB|WITA|WIT))?"
)
# A date with the time as Indonesians write it: 2026-12-07 08.30, 2026-12-07 pukul 08.30 WIB,
# 2026-12-07 jam 8.30, 2026-12-07T08:30 WITA
_DATE_TIME = re.compile(
    rf"(?P<date>\d{{4}}-\d{{2}}-\d{{2}})(?:(?:\s*[Tt]\s*|\s*,?\s+){_CLOCK})?", re.IGNORECASE
)
_TIME = re.compile(rf"{_CLOCK}\s*$", re.IGNORECASE)  # the time at the end of a text, for hints


def to_datetime(value, raw: str | None) -> datetime:
    """A date or datetime; without a zone it means Asia/Jakarta (WIB). Times may be written
    the Indonesian way: 08.30, pukul 08.30, jam 8.30, with WIB, WITA or WIT."""
    _one_value(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=WIB) if value.tzinfo is None else value
    if isinstance(value, date):
        return datetime.combine(value, time(), WIB)
    text = str(raw if raw is not None else value).strip()
    if isinstance(value, str):
        match = _DATE_TIME.fullmatch(text)
        if match:
            return _moment(match, text)
        # ISO with seconds' fractions or an offset; never a dotted time (08.30 is not 08:00:00.3)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}[0-9:.,]*(?:Z|[+-]\d{2}:?\d{2})?", text):
            try:
                parsed = datetime.fromisoformat(text)
                return parsed.replace(tzinfo=WIB) if parsed.tzinfo is None else parsed
            except ValueError:
                pass
    raise Invalid(_date_hint(text))


def _moment(match: re.Match, text: str) -> datetime:
    year, month, day_of_month = (int(part) for part in match["date"].split("-"))
    try:
        day = date(year, month, day_of_month)
    except ValueError:
        raise Invalid(
            f"tanggal '{text}' tidak ada di kalender; periksa tanggal dan bulannya."
        ) from None
    if match["hour"] is None:
        return datetime.combine(day, time(), WIB)
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise Invalid(
            f"jam di '{text}' tidak ada; tulis jam 00.00 sampai 23.59, misalnya "
            f"date: {day.isoformat()} 08.30."
        )
    zone = ZONES[(match["zone"] or "wib").lower()]
    return datetime.combine(day, time(hour, minute, second), zone)


def _date_hint(text: str) -> str:
    fix = "tulis tahun-bulan-tanggal, misalnya date: 2025-09-23 (dengan jam: 2025-09-23 08.30)"
    clock = _TIME.search(text)
    day_text = text[: clock.start()] if clock else text
    day_text = re.sub(r"[\s,T]*$", "", day_text)
    numbers = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", day_text)
    words = re.fullmatch(r"(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", day_text)
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", day_text)
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
        written = right.isoformat()
        if clock:
            zone = f" {clock['zone'].upper()}" if clock["zone"] else ""
            written += f" {int(clock['hour']):02d}.{clock['minute']}{zone}"
        return f"format tanggal '{text}' tidak dikenali; tulis date: {written}."
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
            f"{written} terbaca sebagai angka desimal {value:g} (titik dianggap "
            f"koma desimal). Tulis tanpa titik: price: {int(digits)}."
        )
    if isinstance(value, int):
        if value <= 0:
            raise Invalid(
                "harga harus lebih dari 0; hapus baris price jika harga tidak "
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
                f"{written} terbaca sebagai bilangan oktal {value}; tulis tanpa 0 "
                f"di depan: weight: {int(written)}."
            )
        return value
    if isinstance(value, float) and _THOUSANDS.fullmatch(written):
        raise Invalid(
            f"{written} terbaca sebagai angka desimal {value:g} (titik dianggap "
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


WHATSAPP_EXAMPLE = 'misalnya whatsapp: "0812-3456-7890"'
ID_CODE = 62  # Indonesia's country calling code


def to_whatsapp(value, raw: str | None) -> str:
    """An Indonesian mobile number as written by staff (0812-3456-7890, +62 812..., 62812...,
    (0812) 3456 7890, 0812.3456.7890, +62 0812...) -> the digits wa.me wants: 6281234567890.
    Checked against libphonenumber's numbering plan (phonenumberslite)."""
    import phonenumbers  # 0.1 s to import: only when a product has a number

    _one_value(value)
    written = str(raw if raw is not None else value).strip()
    if re.search(r"[/,;&]|\b(?:atau|dan)\b", written, re.I):
        raise Invalid(
            f"'{written}' memuat lebih dari satu nomor; tulis satu nomor WhatsApp saja, "
            f"{WHATSAPP_EXAMPLE} (nomor lain boleh ditulis di isi tulisan)."
        )
    digits = re.sub(r"[\s\-().]", "", written)
    if not re.fullmatch(r"\+?\d+", digits):
        raise Invalid(
            f"nomor WhatsApp '{written}' hanya boleh berisi angka, spasi, tanda - . ( ) atau "
            f"+; {WHATSAPP_EXAMPLE}."
        )
    abroad = digits.startswith(("+", "00"))  # +60..., or dialled from abroad: 0062 812...
    digits = digits.removeprefix("+").removeprefix("00") if abroad else digits
    if (abroad and not digits.startswith("0")) or digits.startswith("62"):
        digits = "+" + digits  # 62812... is +62 812..., and +62 0812... is read right
    elif not digits.startswith("0"):
        digits = "0" + digits  # 812... means 0812...
    try:
        number = phonenumbers.parse(digits, "ID")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or number.country_code != ID_CODE:
        code = f" (kode negara +{number.country_code})" if number else ""
        raise Invalid(
            f"'{written}' bukan nomor Indonesia{code}; nomor WhatsApp penjual harus nomor "
            f"ponsel Indonesia yang diawali 08 atau +62 8, {WHATSAPP_EXAMPLE}."
        )
    kind = phonenumbers.number_type(number)
    mobile = (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    if phonenumbers.is_valid_number(number) and kind in mobile:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]
    national = digits.removeprefix("+62").lstrip("0")  # as written, without 0 or +62
    plan = phonenumbers.PhoneMetadata.metadata_for_region("ID")
    assert plan is not None and plan.mobile is not None  # shipped inside the package
    lengths = plan.mobile.possible_length
    shortest, longest = min(lengths) + 1, max(lengths) + 1  # counted with the leading 0
    if national.startswith("8") and not shortest <= len(national) + 1 <= longest:
        short = len(national) + 1 < shortest
        raise Invalid(
            f"nomor WhatsApp '{written}' terlalu {'pendek' if short else 'panjang'}: ditulis "
            f"dengan 08 di depan, nomor ini {len(national) + 1} angka, padahal nomor ponsel "
            f"Indonesia {shortest} sampai {longest} angka; "
            + (
                "periksa apakah ada angka yang terlewat."
                if short
                else "periksa apakah ada angka berlebih, dan tulis satu nomor saja."
            )
        )
    if kind == phonenumbers.PhoneNumberType.FIXED_LINE:
        area_digits = phonenumbers.length_of_geographical_area_code(number)
        area = "0" + phonenumbers.national_significant_number(number)[:area_digits]
        raise Invalid(
            f"'{written}' adalah nomor telepon rumah atau kantor (kode wilayah {area}), bukan "
            f"nomor ponsel; WhatsApp memerlukan nomor ponsel yang diawali 08, "
            f"{WHATSAPP_EXAMPLE}."
        )
    raise Invalid(
        f"'{written}' bukan nomor ponsel Indonesia: awalan 0{national[:3]} tidak dipakai "
        f"nomor ponsel; periksa angka-angka awalnya. Nomor ponsel diawali 08, seperti 0812, "
        f"0857 atau 0878; {WHATSAPP_EXAMPLE}."
    )


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
        raise Invalid(missing_image(text, target, root))
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


def missing_image(text: str, target: Path, root: Path) -> str:
    """Where the photo was looked for, and the file the writer most likely meant: the same
    name in another case or with another extension, beside it, one folder up or in img/."""
    looked = target.parent.relative_to(_resolved(root)).as_posix()
    said = f"gambar '{text}' tidak ditemukan di folder {looked}/"
    safe = _safe_name(target.name)
    # a name the build cannot use is said now, not in the next run
    rename = (
        f" Ganti juga nama filenya menjadi '{safe}' dan tulis {safe} di path-nya."
        if not SAFE_NAME.fullmatch(target.name)
        else ""
    )
    folder = target.parent
    names = [p.name for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    same = _same_photo(target.name, names)
    if same:
        return f"{said}; di folder itu ada '{same}' (huruf besar/kecil atau akhiran berbeda)."
    for other in (folder.parent, folder / "img"):
        if other.is_dir() and other.resolve().is_relative_to(_resolved(root)):
            near = _same_photo(target.name, [p.name for p in other.iterdir() if p.is_file()])
            if near:
                where = other.relative_to(_resolved(root)).as_posix()
                return (
                    f"{said}, tetapi ada '{near}' di folder {where}/. Pindahkan foto ke folder "
                    f"{looked}/, atau perbaiki path-nya.{rename}"
                )
    close = difflib.get_close_matches(target.name, names, n=1, cutoff=0.6)
    if close:
        return f"{said}; maksud Anda '{close[0]}'?"
    return f"{said}; periksa nama file dan foldernya."


def _same_photo(name: str, names: list[str]) -> str | None:
    """The name in `names` that is `name` but for case or the photo extension."""
    wanted = PurePosixPath(name.lower())
    for candidate in names:
        found = PurePosixPath(candidate.lower())
        if candidate == name:
            return candidate
        if found == wanted or (
            found.stem == wanted.stem and found.suffix in IMAGE_TYPES | {".jfif", ".heic"}
        ):
            return candidate
    return None


# Alt texts that say nothing about the photo ("foto", "gambar 1", "Foto kegiatan").
VAGUE_ALT = {
    "foto", "gambar", "image", "img", "photo", "picture", "pic", "ilustrasi", "dokumentasi",
    "foto kegiatan", "gambar kegiatan", "dokumentasi kegiatan", "kegiatan", "foto produk",
    "gambar produk", "produk", "foto berita", "gambar berita", "sampul", "foto sampul",
    "gambar sampul", "keterangan", "keterangan foto", "alt",
}  # fmt: skip


def vague_alt(alt: str, src: str) -> str:
    """A warning when the alt text of a photo says nothing about it (or ""), else ""."""
    said = " ".join(re.sub(r"[^a-z0-9]+", " ", alt.lower()).split())
    plain = re.sub(r"(?: ?\d+)+$", "", said).strip()
    stem = " ".join(re.sub(r"[^a-z0-9]+", " ", PurePosixPath(src).stem.lower()).split())
    if (
        not said
        or plain in VAGUE_ALT
        or said == stem
        or re.search(r"\.(jpe?g|png|webp)$", alt, re.I)
    ):
        return (
            f"keterangan foto '{alt}' tidak menjelaskan isi foto; tulis apa yang tampak dalam satu "
            "kalimat, misalnya 'Peserta pelatihan menempelkan label pada kemasan keripik'."
        )
    return ""


def news_photos(value, cover: bool = False) -> str:
    """What to do with a list of photos written on a news item: one is the cover (`image`),
    the others go into the body, each on a line of its own."""
    photos = []
    for item in value if isinstance(value, list) else ():
        src, alt = (item.get("src"), item.get("alt")) if isinstance(item, dict) else (item, "")
        if isinstance(src, str) and src.strip():
            alt = " ".join(alt.split()) if isinstance(alt, str) else ""
            photos.append((src.strip(), alt or "Keterangan foto"))
    first = ""
    if cover and photos:
        first = f"Tulis foto pertama sebagai image: {photos[0][0]}. "
        photos = photos[1:]
    # a name with spaces would not even be read as a photo in the body: the line uses the
    # name the file should get, and says so
    renamed = [(src, safe_path(src), alt) for src, alt in photos[:3]]
    lines = " lalu ".join(f"![{alt}]({safe})" for _, safe, alt in renamed)
    renames = [f"'{src}' menjadi '{safe}'" for src, safe, _ in renamed if safe != src]
    rename = f" Ganti dulu nama file {', '.join(renames)}." if renames else ""
    return (
        f"berita hanya punya satu foto sampul (kolom image). {first}Foto lain dimuat di isi "
        "tulisan, di tempat yang diinginkan, masing-masing di baris tersendiri: "
        f"{lines or '![Keterangan foto](img/foto-2.jpg)'}{rename} "
        "(panduan: 'Foto di dalam isi tulisan')."
    )


def safe_path(src: str) -> str:
    """`src` with each folder and file name made safe (see SAFE_NAME)."""
    parts = src.replace("\\", "/").split("/")
    return "/".join(
        p if p in ("", ".", "..") or SAFE_NAME.fullmatch(p) else _safe_name(p) for p in parts
    )


def to_cover_image(value, md_path: str, root: Path) -> str:
    """A news item's one cover photo; a list of photos is told where the others go."""
    if isinstance(value, list):
        raise Invalid(news_photos(value, cover=True))
    return to_image_path(value, md_path, root)


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
        found = []  # the path and the alt are both checked: every problem at once
        try:
            src = to_image_path(item["src"], md_path, root)
        except Invalid as error:
            found.append(f"gambar ke-{number}: {str(error).rstrip('.')}")
        alt = to_text(item.get("alt"))
        if not alt:
            found.append(
                f"gambar ke-{number} belum punya alt (keterangan untuk pembaca "
                "tunanetra dan mesin pencari); tambahkan alt: ..."
            )
        if found:
            errors += found
            continue
        images.append(Image(src, alt))
    if errors:
        message = "; ".join(errors)
        raise Invalid(message if message.endswith(".") else message + ".")
    return tuple(images)


# Shops and social sites a product may link to: key -> (label, host names it may use). The
# host names are the default of the `link_hosts` option in mkdocs.yml (Settings.link_hosts):
# a link on another host is published with a warning in the build report.
LINK_SITES = {
    "shopee": ("Shopee", ("shopee.co.id", "shopee.com", "shp.ee")),
    "tokopedia": ("Tokopedia", ("tokopedia.com", "tokopedia.link")),
    "tiktokshop": ("TikTok Shop", ("tiktok.com", "tokopedia.com")),
    "instagram": ("Instagram", ("instagram.com", "instagr.am")),
    "facebook": ("Facebook", ("facebook.com", "fb.com", "fb.me")),
}
DEFAULT_LINK_HOSTS = {site: hosts for site, (_label, hosts) in LINK_SITES.items()}
_CERT_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ./\-]{2,39}")


def to_links(value, link_hosts: dict | None = None) -> tuple[tuple[str, str], ...]:
    """{site: https URL} -> ((site, url), ...) in LINK_SITES order, every mistake reported.
    `link_hosts`: site -> known host names (default DEFAULT_LINK_HOSTS); a host on no list
    is accepted here and warned about by `link_host_warning`."""
    hosts = link_hosts or DEFAULT_LINK_HOSTS
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
            found[name] = _shop_url(name, url, hosts)
        except Invalid as error:
            errors.append(f"{name}: {error}")
    if errors:
        raise Invalid("; ".join(e.rstrip(".") for e in errors) + ".")
    return tuple((name, found[name]) for name in LINK_SITES if name in found)


def link_host(url: str) -> str:
    """The host a browser opens for a link that `to_links` accepted."""
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").lower()


def _on(host: str, names) -> bool:
    return any(host == name or host.endswith("." + name) for name in names)


def link_host_warning(name: str, url: str, link_hosts: dict) -> str | None:
    """Indonesian warning for an accepted link whose host is not on the site's list."""
    host = link_host(url)
    known = link_hosts.get(name, ())
    if _on(host, known):
        return None
    return (
        f"tautan {name} {url} menuju {host}, yang tidak ada di daftar situs "
        f"{LINK_SITES[name][0]} ({', '.join(known)}); periksa alamatnya. Bila alamatnya "
        f"benar, minta pengelola situs menambahkan {host} ke link_hosts di mkdocs.yml."
    )


def _shop_url(name: str, value, link_hosts: dict) -> str:
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
    host = link_host(text)
    if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", host):
        raise Invalid(f"alamat '{text}' tidak memuat nama situs yang benar; misalnya {example}")
    known = link_hosts.get(name, hosts)
    if _on(host, known):
        return text
    # A host of another site: the links were swapped (an error, never meant).
    other = next((s for s, names in link_hosts.items() if s != name and _on(host, names)), None)
    if other:
        raise Invalid(
            f"'{text}' adalah alamat {LINK_SITES[other][0]}, bukan {label} (harus di "
            f"{' atau '.join(known)}); periksa apakah tautan tertukar."
        )
    # instagram.com.evil.example: a known name put in front of another site's name.
    mimic = next((n for names in link_hosts.values() for n in names if f"{n}." in host), None)
    if mimic:
        raise Invalid(
            f"'{text}' bukan alamat {label}: situsnya {host}, yang hanya memakai nama "
            f"{mimic} di depannya; salin ulang alamat dari aplikasinya, misalnya {example}"
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
            f"kolom '{extra[0]}' tidak dikenal di sertifikasi; yang boleh: type, number, "
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
