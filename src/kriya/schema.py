"""The front matter as data: one row per key, one table per collection.

Everything that knows the fields reads these tables: the validator (which keys exist, which are
required, how each value is converted, how the item is built), the item classes below,
scripts/new.py (its commented templates), tools/guide_tables.py (the field tables of
PANDUAN-PENULIS.md) and the browser editor's generated configuration (`widget`, `choices`).
Adding a field is adding a row, plus the line of template that shows it.

Keys are English; labels, help texts and examples are Indonesian. Every `example` is YAML as a
writer types it after `key: ` and must validate (tests/test_schema.py checks that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, make_dataclass, replace
from functools import cached_property
from typing import Any, NamedTuple

from . import convert as c
from .formatting import weight_text
from .model import Image
from .settings import Settings

MAX_DESCRIPTION = 300  # characters: one or two sentences for listings and link previews


class Context(NamedTuple):  # a tuple: made for every value of every file, so kept cheap
    """What a converter may need besides the parsed YAML value."""

    field: Field
    raw: str | None  # the scalar as written: YAML reads price: 150.000 as 150.0
    path: str  # the content file, relative to the project root (images are relative to it)
    settings: Settings

    @property
    def choices(self) -> list[str]:
        """The allowed values of a choice field, from the site's settings."""
        return list(getattr(self.settings, self.field.choices))


Converter = Callable[[Any, Context], Any]


@dataclass(frozen=True)
class Field:
    """One front-matter key."""

    key: str
    label: str  # short Indonesian name: form label, guide table, template comment
    help: str  # Indonesian: how to fill it in (in the file)
    example: str  # valid YAML, as written after "key: "
    widget: str  # kind of editor input: text, textarea, datetime, boolean, number, list,
    #              choice, choices, image, images, links, certifications, price, whatsapp, slug
    convert: Converter  # raw YAML value -> typed value, or raises convert.Invalid
    required: bool = False
    default: Any = None  # the item's value when the key is absent (a tuple: one per attribute)
    aliases: tuple[str, ...] = ()  # wrong names writers use for this key (Indonesian, typos)
    choices: str = ""  # the Settings attribute listing the allowed values
    # Item attributes the converted value fills: None is one attribute named like the key,
    # () none (another row's `build` reads it), several: the converter returns one value each.
    fills: tuple[str, ...] | None = None
    build: Callable[[dict], Any] | None = None  # converted values of the record -> the value
    show: Callable[[Any], str] | None = None  # value -> text for readers (item.shown(key))
    form_help: str = ""  # the browser editor's hint, where the file's syntax does not apply

    @cached_property
    def attributes(self) -> tuple[str, ...]:
        return (self.key,) if self.fills is None else self.fills

    @property
    def defaults(self) -> tuple:
        """One per attribute."""
        return (self.default,) if len(self.attributes) == 1 else tuple(self.default or ())

    def item_values(self, values: dict) -> dict:
        """The item attributes this key fills, from every converted value of the record."""
        value = self.build(values) if self.build else values[self.key]
        if len(self.attributes) == 1:
            return {self.attributes[0]: value}
        return dict(zip(self.attributes, value))


# Adapters from the converters in convert.py to the (value, context) call of a row.
def _with_raw(convert) -> Converter:  # they look at the text as written, for YAML's traps
    return lambda value, ctx: convert(value, ctx.raw)


def _plain(convert) -> Converter:
    return lambda value, ctx: convert(value)


def _in_file(convert) -> Converter:  # image paths are written relative to the content file
    return lambda value, ctx: convert(value, ctx.path, ctx.settings.root)


def _one_of(noun: str) -> Converter:
    return lambda value, ctx: c.to_choice(value, ctx.choices, noun)


def _some_of(noun: str) -> Converter:
    return lambda value, ctx: c.to_choice_list(value, ctx.choices, noun, ctx.field.key)


def _text_list(value, ctx: Context):
    return c.to_text_list(value, ctx.field.key)


def _certifications(value, ctx: Context):
    return c.to_certifications(value, ctx.choices, "sertifikasi")


TEXT, MOMENT, BOOLEAN = _with_raw(c.to_text), _with_raw(c.to_datetime), _with_raw(c.to_bool)
TITLE_ALIASES = ("judul", "nama", "name")

# Rows both collections share; each table below adjusts them where they differ.
DESCRIPTION = Field(
    "description",
    "Ringkasan",
    f"Satu atau dua kalimat, paling banyak {MAX_DESCRIPTION} karakter. Tampil di daftar, hasil "
    "pencarian dan pratinjau tautan di media sosial.",
    '"Dua puluh pelaku usaha makanan olahan belajar membuat label kemasan yang lengkap."',
    "textarea",
    TEXT,
    required=True,
    aliases=("deskripsi", "ringkasan", "keterangan"),
)
DATE = Field(
    "date",
    "Tanggal terbit",
    "`TAHUN-BULAN-TANGGAL`, boleh dengan jam WIB: `2025-09-23 08.30` atau `2025-09-23 08:30`. "
    "Tanggal dan jam di masa depan: terbit otomatis pada waktu itu, di situs paling lambat satu "
    "jam kemudian (asal `draft: false`).",
    "2025-09-23",
    "datetime",
    MOMENT,
    required=True,
    aliases=("tanggal", "tgl", "waktu"),
)
DRAFT = Field(
    "draft",
    "Draf",
    "`true` = disimpan sebagai draf, tidak akan terbit walau tanggalnya tiba; ganti ke `false` "
    "agar terbit pada tanggalnya. Tanpa tanda kutip; bila tidak ditulis: `false`.",
    "true",
    "boolean",
    BOOLEAN,
    default=False,
    aliases=("draf", "konsep"),
)
SLUG = Field(
    "slug",
    "Alamat halaman",
    "Mengganti bagian akhir alamat halaman, yang biasanya diambil dari nama file. Huruf kecil, "
    "angka dan tanda `-` saja. Jarang diperlukan.",
    "pelatihan-kemasan-2025",
    "slug",
    _plain(c.to_slug),
    fills=(),
)  # not an attribute of its own: validate.py takes it, or the file name
UPDATED = Field(
    "updated",
    "Diperbarui",
    "Tanggal perubahan berarti terakhir, agar pembaca umpan berita dan mesin pencari tahu ada "
    "pembaruan. Tidak boleh sebelum `date`.",
    "2025-10-01",
    "datetime",
    MOMENT,
    aliases=("diperbarui", "update", "modified"),
)
EXPIRES = Field(
    "expires",
    "Batas tayang",
    "Tampil sampai akhir tanggal ini (WIB), lalu hilang dari situs, umpan berita, peta situs "
    "dan data katalog pada build berikutnya.",
    "2026-12-31",
    "datetime",
    _with_raw(c.to_expiry),
    aliases=("kedaluwarsa", "berakhir", "expiry", "expired"),
)
ALIASES = Field(
    "aliases",
    "Alamat lama",
    "Alamat lama halaman ini setelah nama filenya diganti, agar tautan lama tetap sampai ke "
    "sini. Tidak boleh sama dengan halaman yang masih ada.",
    "[/berita/judul-lama/]",
    "list",
    _plain(c.to_aliases),
    default=(),
    aliases=("alias", "redirect", "url_lama", "alamat_lama"),
)

NEWS: tuple[Field, ...] = (
    Field(
        "title",
        "Judul",
        "Apit dengan tanda kutip, terutama bila ada titik dua (:).",
        '"Pelatihan Desain Kemasan untuk Usaha Makanan Olahan"',
        "text",
        TEXT,
        required=True,
        aliases=TITLE_ALIASES,
    ),
    DATE,
    DESCRIPTION,
    Field(
        "categories",
        "Kategori",
        "Satu atau beberapa kategori berita, dalam kurung siku.",
        "[pelatihan, kegiatan]",
        "choices",
        _some_of("kategori berita"),
        default=(),
        aliases=("kategori", "category"),
        choices="news_categories",
    ),
    Field(
        "tags",
        "Tag",
        "Kata kunci bebas, huruf kecil, dipisah koma.",
        "[kemasan, umkm]",
        "list",
        _text_list,
        default=(),
        aliases=("tag", "label"),
    ),
    Field(
        "authors",
        "Penulis",
        "Nama penulis atau unit.",
        "[Humas Dekranasda]",
        "list",
        _text_list,
        default=(),
        aliases=("penulis", "author"),
    ),
    Field(
        "image",
        "Foto sampul",
        "Path foto relatif ke file ini; simpan fotonya di folder `img/` di samping file berita.",
        "img/nama-foto.jpg",
        "image",
        _in_file(c.to_cover_image),
        aliases=("gambar", "foto", "photo"),
        build=lambda values: Image(values["image"], values["image_alt"]),
    ),
    Field(
        "image_alt",
        "Keterangan foto sampul",
        "Wajib bila ada `image`: apa yang tampak di foto, "
        "dalam satu kalimat, untuk pembaca tunanetra dan mesin pencari.",
        '"Peserta pelatihan memegang contoh kemasan keripik berlabel baru"',
        "text",
        TEXT,
        aliases=("alt", "keterangan_gambar"),
        fills=(),
    ),
    DRAFT,
    SLUG,
    UPDATED,
    EXPIRES,
    ALIASES,
)

PRODUCTS: tuple[Field, ...] = (
    Field(
        "title",
        "Nama produk",
        "Apit dengan tanda kutip, terutama bila ada titik dua (:).",
        '"Dodol Mangga Khas Kraksaan"',
        "text",
        TEXT,
        required=True,
        aliases=TITLE_ALIASES,
    ),
    Field(
        "artisan",
        "UMKM",
        "Nama UMKM atau perajin pembuatnya. Produk dengan nama yang sama "
        "dikumpulkan di satu halaman UMKM (`/umkm/...`), jadi tulis nama yang sama persis di "
        "setiap produknya.",
        '"Dapur Manis Kraksaan"',
        "text",
        TEXT,
        required=True,
        aliases=("pengrajin", "perajin", "umkm", "pembuat", "penjual"),
    ),
    Field(
        "category",
        "Kategori",
        "Satu kategori produk.",
        "kuliner-olahan",
        "choice",
        _one_of("kategori produk"),
        required=True,
        aliases=("kategori", "categories"),
        choices="product_categories",
    ),
    Field(
        "kecamatan",
        "Kecamatan",
        'Satu kecamatan di Kabupaten Probolinggo, ejaan persis, tanpa kata "Kecamatan".',
        "Kraksaan",
        "choice",
        _one_of("kecamatan di Kabupaten Probolinggo"),
        required=True,
        aliases=("kec", "district"),
        choices="kecamatan",
    ),
    Field(
        "price",
        "Harga",
        "Rupiah, angka bulat saja tanpa titik atau Rp. Rentang harga: "
        "`{min: 100000, max: 250000}`. Hapus baris ini bila harga tidak dicantumkan (tampil "
        '"Hubungi penjual").',
        "150000",
        "price",
        _with_raw(c.to_price),
        aliases=("harga",),
    ),
    Field(
        "whatsapp",
        "WhatsApp",
        "Nomor ponsel WhatsApp penjual (diawali 08), apit dengan tanda kutip. Bentuk "
        '`"+62 812-3456-7890"`, `"6281234567890"`, `"(0812) 3456 7890"` dan '
        '`"0812.3456.7890"` juga diterima.',
        '"0812-3456-7890"',
        "whatsapp",
        _with_raw(c.to_whatsapp),
        aliases=("wa", "no_wa", "nomor_wa", "telepon", "hp", "phone"),
    ),
    Field(
        "images",
        "Foto",
        "Daftar foto, masing-masing dengan `src` (path foto di folder "
        "`img/` di samping file ini) dan `alt` (keterangan foto, wajib). Foto pertama menjadi "
        "foto utama. Sangat dianjurkan.",
        '[{src: img/nama-foto.jpg, alt: "Dodol mangga dalam kemasan mika"}]',
        "images",
        _in_file(c.to_images),
        default=(),
        aliases=("gambar", "foto", "image", "photo", "photos"),
    ),
    Field(
        "materials",
        "Bahan",
        "Bahan utama, dipisah koma.",
        "[mangga, tepung ketan, gula kelapa]",
        "list",
        _text_list,
        default=(),
        aliases=("bahan", "material"),
    ),
    Field(
        "dimensions",
        "Ukuran",
        f"Ukuran produk dengan satuannya dalam satu baris, paling "
        f"banyak {c.MAX_DIMENSIONS} karakter, misalnya panjang x lebar x tinggi.",
        '"30 x 20 x 10 cm"',
        "text",
        _with_raw(c.to_dimensions),
        aliases=("ukuran", "dimensi", "dimension", "size"),
    ),
    Field(
        "weight",
        "Berat (gram)",
        "Berat dalam gram untuk perkiraan ongkos kirim: angka bulat "
        "saja, tanpa satuan, titik atau tanda kutip (1,5 kg ditulis `1500`).",
        "850",
        "number",
        _with_raw(c.to_weight),
        aliases=("berat", "bobot", "berat_gram"),
        show=weight_text,
    ),
    Field(
        "certifications",
        "Sertifikasi",
        "Legalitas dan sertifikat yang sudah dimiliki. "
        'Nomornya boleh ditulis, satu per baris: `- nib: "0220001234567"` (NIB selalu '
        '13 angka). Dengan masa berlaku: `- {type: halal, number: "ID35110000123450824", '
        "expires: 2027-06-30}`.",
        "[nib, pirt, halal]",
        "certifications",
        _certifications,
        default=((), (), ()),
        aliases=("sertifikat", "sertifikasi", "certification"),
        choices="certifications",
        fills=("certifications", "certificate_numbers", "certificate_expiry"),
    ),
    Field(
        "links",
        "Toko daring",
        "Toko daring dan media sosial, alamat lengkap diawali "
        f"`https://`: {', '.join(f'`{site}`' for site in c.LINK_SITES)}. Alamatnya harus "
        "benar-benar di situs itu; alamat di situs yang tidak dikenal diberi peringatan.",
        "{shopee: https://shopee.co.id/nama-toko}",
        "links",
        lambda value, ctx: c.to_links(value, ctx.settings.link_hosts),
        default=(),
        aliases=(
            "link",
            "tautan",
            "toko",
            "marketplace",
            "lokapasar",
            "sosmed",
            "media_sosial",
            "shopee",
            "tokopedia",
            "tiktok",
            "tiktokshop",
            "instagram",
            "facebook",
        ),
    ),
    replace(
        DESCRIPTION,
        example='"Dodol legit dari daging buah mangga dan tepung ketan, '
        'dimasak lebih dari empat jam."',
    ),
    replace(DATE, required=False),
    DRAFT,
    Field(
        "featured",
        "Produk unggulan",
        "`true` agar tampil sebagai produk unggulan di Beranda; tanpa tanda kutip.",
        "true",
        "boolean",
        BOOLEAN,
        default=False,
        aliases=("unggulan",),
    ),
    replace(SLUG, example="dodol-mangga-kraksaan"),
    UPDATED,
    EXPIRES,
    replace(ALIASES, example="[/katalog/dodol-mangga-lama/]"),
)

# What the browser editor's form says instead of the file's syntax.
FORM_HELP = {
    "categories": "Pilih satu atau beberapa kategori berita.",
    "price": "Harga dalam rupiah, angka saja tanpa titik atau Rp. Untuk rentang harga, isi juga "
    'harga tertinggi. Kosongkan bila harga tidak dicantumkan (tampil "Hubungi penjual").',
    "images": "Unggah foto (disimpan di folder img/ di samping entri ini) dan tulis "
    "keterangannya, wajib. Foto pertama menjadi foto utama.",
    "certifications": "Centang legalitas dan sertifikat yang sudah dimiliki. Nomor dan masa "
    "berlaku bisa ditambahkan kemudian oleh tim teknis.",
    "links": "Alamat lengkap toko daring atau media sosial, diawali https://; kosongkan yang "
    "tidak ada.",
    "draft": "Nyala = disimpan sebagai draf, tidak akan terbit walau tanggalnya tiba. Matikan "
    "agar terbit pada tanggalnya.",
}
NEWS = tuple(replace(row, form_help=FORM_HELP.get(row.key, "")) for row in NEWS)
PRODUCTS = tuple(replace(row, form_help=FORM_HELP.get(row.key, "")) for row in PRODUCTS)
FIELDS = {"news": NEWS, "products": PRODUCTS}
KEYS = {collection: tuple(row.key for row in rows) for collection, rows in FIELDS.items()}

# English versions (content/products/<slug>.en.md beside <slug>.md): the only keys a
# translation may set, with what the writer is told; every other field (price, photos,
# UMKM, kecamatan, WhatsApp, links, draft and dates) comes from the Indonesian file.
TRANSLATION_HELP = {
    "title": "Nama produk dalam bahasa Inggris.",
    "description": "Ringkasan dalam bahasa Inggris, satu atau dua kalimat.",
    "materials": "Bahan dalam bahasa Inggris. Bila tidak ditulis, halaman bahasa Inggris "
    "menampilkan bahan dari file bahasa Indonesia.",
}
TRANSLATED: dict[str, tuple[Field, ...]] = {
    "products": tuple(
        replace(row, help=TRANSLATION_HELP[row.key])
        for row in PRODUCTS
        if row.key in TRANSLATION_HELP
    )
}


def meant(key: str, collection: str) -> str | None:
    """The key a wrong name such as 'harga' or 'berat' stands for, from the rows' aliases."""
    wanted = key.lower().strip()
    return next((f.key for f in FIELDS[collection] if wanted in f.aliases), None)


# The item classes follow the tables: an attribute per row (see Field.fills) plus the fixed
# ones. Frozen, hashable (every default is a tuple or a scalar) and picklable (they are
# module attributes of kriya.schema); importable from kriya.model as before.
def _item_class(name: str, kind: str, rows: tuple[Field, ...]) -> type:
    required = [(a, Any) for f in rows if f.required for a in f.attributes]
    optional = [
        (a, Any, field(default=d))
        for f in rows
        if not f.required
        for a, d in zip(f.attributes, f.defaults)
    ]
    attributes: list[Any] = [
        ("path", str),
        ("slug", str),
        *required,
        ("body", str),
        ("body_line", int, field(default=1)),
        *optional,
        ("lang", str, field(default="id")),
    ]  # body_line: for messages; lang: "en" for an English version (validate.translate)
    return make_dataclass(
        name,
        attributes,
        frozen=True,
        namespace={
            "__module__": __name__,
            "__doc__": f"A validated {kind}; attributes from schema rows.",
            "kind": kind,
            "rows": rows,
            "shown": _shown,
        },
    )


def _shown(item, key: str):
    """`key`'s value as readers see it, e.g. weight 1200 -> '1,2 kg' (the row's `show`)."""
    row = next(f for f in item.rows if f.key == key)
    value = getattr(item, key)
    return row.show(value) if row.show and value is not None else value


NewsItem = _item_class("NewsItem", "news", NEWS)
Product = _item_class("Product", "product", PRODUCTS)
ITEMS = {"news": NewsItem, "products": Product}
