"""`kriya new news "Judul berita"` / `kriya new product "Nama produk"`: a new file from a
commented template (every field of the schema, its label and help). Never overwrites."""

from __future__ import annotations

import json
import textwrap

from kriya import schema
from kriya.adapter.config import load_settings
from kriya.clock import now_wib
from kriya.convert import slugify

BODIES = {
    "news": "Tulis isi berita di sini. Pisahkan paragraf dengan satu baris kosong.\n\n"
    "## Subjudul bila perlu\n",
    "products": "Ceritakan produk ini: bahan, cara pembuatan, ukuran, cara merawat, dan cara "
    "memesan.\n",
}

HOW_TO = (
    "# Baris berawalan # hanya catatan. Untuk memakai kolom yang masih dinonaktifkan, hapus\n"
    "# tanda # dan spasi di depan namanya, lalu ganti contohnya."
)


def template(collection: str, values: dict, settings) -> str:
    """A new file's text: every field of the schema, its label and help as comment lines above
    it. Required fields and those given in `values` are written out (with the row's example
    when not given); the others are commented out, ready to be switched on."""
    lines = ["---", HOW_TO]
    for row in schema.FIELDS[collection]:
        note = f"{row.label}: {row.help}"
        if row.choices:
            note += f" Pilihan: {', '.join(getattr(settings, row.choices))}."
        lines += textwrap.wrap(
            note, 96, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False
        )
        line = f"{row.key}: {values.get(row.key, row.example)}"
        lines.append(line if row.required or row.key in values else f"# {line}")
    return "\n".join([*lines, "---", "", BODIES[collection]])


MAX_SLUG = 80  # characters of the file name's slug: a whole title could exceed the disk's limit


def short(slug: str) -> str:
    """The slug cut at a '-' to at most MAX_SLUG characters."""
    if len(slug) <= MAX_SLUG:
        return slug
    cut = slug[: MAX_SLUG + 1].rsplit("-", 1)[0]
    return cut if cut and len(cut) <= MAX_SLUG else slug[:MAX_SLUG].rstrip("-")


def run(args) -> int:
    slug = short(slugify(args.title))
    if not slug:
        print("Judul harus mengandung huruf atau angka.")
        return 1
    today = now_wib().date().isoformat()
    # a new file is a draft: it validates, but is published only once staff set draft: false
    values = {"title": json.dumps(args.title, ensure_ascii=False), "draft": "true"}
    if args.kind == "news":
        path = args.root / "content" / "news" / f"{today}-{slug}.md"
        values["date"] = today
    else:
        path = args.root / "content" / "products" / f"{slug}.md"
    collection = "news" if args.kind == "news" else "products"
    text = template(collection, values, load_settings(args.root / "mkdocs.yml"))
    if path.exists():
        print(
            f"{path.relative_to(args.root)} sudah ada; tidak ditimpa. Pilih judul lain atau "
            "sunting file itu."
        )
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print(
        f"Dibuat: {path.relative_to(args.root)} (masih draf: draft: true). Sunting isinya, "
        "ganti ke draft: false bila sudah siap terbit, lalu jalankan: kriya check"
    )
    return 0
