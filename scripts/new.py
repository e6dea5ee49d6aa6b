"""Create a new news item or product from a commented template. Never overwrites.

Usage: python scripts/new.py news "Judul berita"
       python scripts/new.py product "Nama produk"
"""

from __future__ import annotations

import json
import sys

from _common import guarded, parser

from kriya.clock import now_wib
from kriya.convert import slugify

NEWS = """---
# Judul berita, apit dengan tanda kutip bila ada titik dua (:).
title: {title}
# Tanggal terbit: tahun-bulan-tanggal (WIB). Tanggal di masa depan = terbit otomatis hari itu.
date: {date}
# Ringkasan satu atau dua kalimat (paling banyak 300 karakter), tampil di daftar berita.
description: "Tulis ringkasan berita di sini."
# Kategori (boleh lebih dari satu): kegiatan, pelatihan, pameran, pengumuman, profil.
categories: [kegiatan]
# Tag bebas, huruf kecil, dipisah koma.
tags: []
# Nama penulis atau unit.
authors: [Humas Dekranasda]
# Foto sampul: simpan di folder img/ di samping file ini, lalu hapus tanda # di dua baris ini.
# image: img/nama-foto.jpg
# image_alt: "Keterangan foto untuk pembaca tunanetra"
# true = belum terbit. Ganti menjadi false (tanpa tanda kutip) bila sudah siap.
draft: true
---

Tulis isi berita di sini. Pisahkan paragraf dengan satu baris kosong.

## Subjudul bila perlu
"""

PRODUCT = """---
# Nama produk, apit dengan tanda kutip bila ada titik dua (:).
title: {title}
# Nama UMKM atau perajin pembuatnya.
artisan: "Nama UMKM"
# Kategori: batik, anyaman, kayu, kulit, gerabah, tenun, kuliner-olahan, lainnya.
category: lainnya
# Kecamatan asal (nama resmi, misalnya Kraksaan, Tiris, Gending).
kecamatan: Kraksaan
# Harga dalam rupiah, angka saja tanpa titik: 150000. Rentang: {{min: 100000, max: 250000}}.
# Hapus baris price bila harga tidak dicantumkan (tampil "Hubungi penjual").
price: 150000
# Nomor WhatsApp penjual, apit dengan tanda kutip, misalnya "0812-3456-7890".
# whatsapp: "0812-3456-7890"
# Foto: simpan di folder img/ di samping file ini. alt = keterangan foto, wajib.
# images:
#   - src: img/nama-foto.jpg
#     alt: "Keterangan foto"
# Bahan utama.
materials: []
# Sertifikasi yang dimiliki: nib, pirt, halal, hki, sni.
certifications: []
# Ringkasan satu atau dua kalimat (paling banyak 300 karakter).
description: "Tulis ringkasan produk di sini."
# true = tampil di Beranda sebagai produk unggulan.
featured: false
# true = belum terbit. Ganti menjadi false bila sudah siap.
draft: true
---

Ceritakan produk ini: bahan, cara pembuatan, ukuran, cara merawat, dan cara memesan.
"""


def main() -> int:
    args = parser(__doc__)
    args.add_argument("kind", choices=["news", "product"], help="news (berita) or product (produk)")
    args.add_argument("title", help="judul berita atau nama produk")
    args = args.parse_args()
    slug = slugify(args.title)
    if not slug:
        print("Judul harus mengandung huruf atau angka.")
        return 1
    today = now_wib().date().isoformat()
    if args.kind == "news":
        path = args.root / "content" / "news" / f"{today}-{slug}.md"
        text = NEWS.format(title=json.dumps(args.title, ensure_ascii=False), date=today)
    else:
        path = args.root / "content" / "products" / f"{slug}.md"
        text = PRODUCT.format(title=json.dumps(args.title, ensure_ascii=False))
    if path.exists():
        print(f"{path.relative_to(args.root)} sudah ada; tidak ditimpa. Pilih judul lain atau "
              "sunting file itu.")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print(f"Dibuat: {path.relative_to(args.root)} (masih draf). Sunting isinya, lalu jalankan "
          "make check.")
    return 0


if __name__ == "__main__":
    guarded(main)
