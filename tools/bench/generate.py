"""Seeded generator of realistic Indonesian news and products, valid under Kriya's schema.

Usage: python tools/bench/generate.py FOLDER N_NEWS N_PRODUCTS [--seed 1]
Writes a complete project (mkdocs.yml, docs/, content/) that scripts/build.py can build.
Pictures come from a small pool of generated JPEGs shared by many items, so the benchmark
measures Kriya's per-item work, not Pillow decoding tens of thousands of distinct photos.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from kriya.settings import KECAMATAN_PROBOLINGGO

KECAMATAN = list(KECAMATAN_PROBOLINGGO)
PRODUCT_KINDS = {
    "batik": [
        "Batik Tulis Motif Mangga",
        "Batik Cap Anggur",
        "Kain Batik Kabut Bromo",
        "Selendang Batik Pewarna Alami",
        "Kemeja Batik Parang Probolinggo",
    ],
    "anyaman": ["Tas Anyaman Pandan", "Keranjang Bambu", "Tikar Pandan Warna", "Topi Anyaman"],
    "kayu": ["Nampan Kayu Jati", "Mainan Kayu Edukatif", "Ukiran Kayu Mahoni", "Talenan Kayu"],
    "kulit": ["Dompet Kulit Lipat", "Sandal Kulit Jahit Tangan", "Ikat Pinggang Kulit Sapi"],
    "gerabah": ["Kendi Gerabah", "Pot Tanah Liat", "Celengan Gerabah Hias"],
    "tenun": ["Sarung Tenun Ikat", "Syal Tenun", "Kain Tenun Songket"],
    "kuliner-olahan": [
        "Keripik Mangga",
        "Kopi Robusta Tiris",
        "Sambal Teri",
        "Dodol Mangga",
        "Abon Ikan Tongkol",
        "Terasi Udang",
    ],
    "lainnya": ["Lampu Hias Batok Kelapa", "Miniatur Perahu Nelayan", "Gantungan Kunci Kerang"],
}
OWNER_WORDS = [
    "Sekar",
    "Wilis",
    "Sri",
    "Rejeki",
    "Lestari",
    "Jaya",
    "Makmur",
    "Karya",
    "Mandiri",
    "Sejahtera",
    "Barokah",
    "Abadi",
    "Tunas",
    "Harapan",
    "Mekar",
    "Sari",
    "Argopuro",
    "Tengger",
]
NEWS_KINDS = {
    "pelatihan": [
        "Pelatihan {p} bagi Perajin {k}",
        "Bimbingan Teknis {p} untuk Pelaku UMKM",
        "Workshop Pemasaran Daring Produk {p}",
    ],
    "pameran": ["Produk {p} Tampil di Pameran Kerajinan", "Dekranasda Boyong Perajin {k} ke Expo"],
    "kegiatan": ["Kunjungan Dekranasda ke Sentra {p} {k}", "Pembinaan Perajin {p} di {k}"],
    "pengumuman": ["Pendaftaran Kurasi Produk {p}", "Pengumuman Peserta Pameran {p}"],
    "profil": ["Kisah Perajin {p} dari {k}", "Mengenal Pengrajin {p} di Kecamatan {k}"],
}
SENTENCES = [
    "Dekranasda Kabupaten Probolinggo terus mendampingi perajin {p} di Kecamatan {k}.",
    "Para pengrajin mendapat pembinaan tentang kualitas produk, legalitas usaha, dan pemasaran.",
    "Pelaku usaha diajak mengurus NIB melalui OSS serta sertifikat halal dan P-IRT.",
    "Produk kerajinan {p} kini dipasarkan lewat lokapasar dan media sosial.",
    "Menurut pengurus, inovasi dari hulu ke hilir menjadi kunci daya saing UMKM daerah.",
    "Bahan baku diperoleh dari petani dan pemasok di sekitar {k}.",
    "Setiap produk dikerjakan dengan tangan sehingga tidak ada dua yang persis sama.",
    "Peserta pelatihan mempraktikkan teknik foto produk menggunakan telepon genggam.",
    "Kurasi produk menilai mutu bahan, kerapian, kemasan, dan kelengkapan izin usaha.",
    "Perajin muda mulai meneruskan usaha keluarga dengan desain yang lebih segar.",
    "Pesanan datang dari Surabaya, Malang, Jakarta, hingga pembeli luar negeri.",
    "Kemasan yang menarik membantu produk diterima toko oleh-oleh dan hotel.",
    "Harga disesuaikan dengan ukuran, tingkat kerumitan motif, dan jumlah pesanan.",
    "Pemerintah daerah membuka akses pasar melalui pameran dan katalog daring.",
    "Kelompok usaha bersama memudahkan perajin membeli bahan dalam jumlah besar.",
    "Pewarna alami dari daun mangga, kulit mahoni, dan tingi kembali digemari.",
    "Pembeli dapat menghubungi penjual langsung melalui WhatsApp untuk memesan.",
    "Sertifikasi membuka peluang produk masuk ke jaringan ritel modern.",
]


def paragraph(rng: random.Random, words: dict, sentences: int) -> str:
    return " ".join(rng.choice(SENTENCES).format(**words) for _ in range(sentences))


def body(rng: random.Random, words: dict, target_words: int) -> str:
    parts, count = [], 0
    while count < target_words:
        text = paragraph(rng, words, rng.randint(3, 6))
        if parts and rng.random() < 0.25:
            parts.append(
                f"## {rng.choice(['Proses pembuatan', 'Pemasaran', 'Rencana ke depan', 'Pendampingan'])}"
            )
        parts.append(text)
        count += len(text.split())
    return "\n\n".join(parts) + "\n"


def make_pool(folder: Path, prefix: str, count: int, size: tuple[int, int], rng: random.Random):
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number in range(count):
        name = f"{prefix}-{number:03d}.jpg"
        names.append(name)
        if (folder / name).exists():
            continue
        image = Image.new("RGB", size, tuple(rng.randint(60, 220) for _ in range(3)))
        draw = ImageDraw.Draw(image)
        for _ in range(40):
            x, y = rng.randint(0, size[0]), rng.randint(0, size[1])
            r = rng.randint(10, 90)
            draw.ellipse(
                (x - r, y - r, x + r, y + r), fill=tuple(rng.randint(30, 250) for _ in range(3))
            )
        image.save(folder / name, quality=82)
    return names


def generate(folder: Path, n_news: int, n_products: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    news_dir, product_dir = folder / "content" / "news", folder / "content" / "products"
    news_images = make_pool(news_dir / "img", "sampul", 40, (1200, 800), rng)
    product_images = make_pool(product_dir / "img", "produk", 60, (1000, 1000), rng)
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text(
        "---\ntitle: Beranda\nhide: [navigation, toc]\n---\n# Dekranasda Uji Skala\n\n"
        "Situs uji dengan banyak berita dan produk.\n",
        encoding="utf-8",
    )
    for name in ("tentang", "kontak"):
        (folder / "docs" / f"{name}.md").write_text(
            f"# {name.title()}\n\nHalaman {name}.\n", encoding="utf-8"
        )
    (folder / "mkdocs.yml").write_text(
        "site_name: Dekranasda Uji Skala\nsite_url: https://skala.example/\nstrict: true\n"
        "theme:\n  name: material\n  language: id\n  font: false\n"
        "nav:\n  - Beranda: index.md\n  - Berita: berita/index.md\n  - Katalog: katalog/index.md\n"
        "  - UMKM: umkm/index.md\n  - Tentang: tentang.md\n  - Kontak: kontak.md\n"
        "plugins:\n  - kriya\n",
        encoding="utf-8",
    )
    start = date(2016, 1, 1)
    for number in range(n_news):
        category = rng.choice(list(NEWS_KINDS))
        product = rng.choice(rng.choice(list(PRODUCT_KINDS.values())))
        words = {"p": product.lower(), "k": rng.choice(KECAMATAN)}
        title = rng.choice(NEWS_KINDS[category]).format(p=product, k=words["k"])
        day = start + timedelta(days=rng.randint(0, 3800))
        draft = "true" if rng.random() < 0.02 else "false"
        text = (
            f'---\ntitle: "{title} ({number})"\ndate: {day.isoformat()}\n'
            f'description: "{paragraph(rng, words, 1)}"\ncategories: [{category}]\n'
            f"tags: [{words['k'].lower()}, {product.split()[0].lower()}]\n"
            f"authors: [Humas Dekranasda]\nimage: img/{rng.choice(news_images)}\n"
            f'image_alt: "Ilustrasi {product.lower()}"\ndraft: {draft}\n---\n'
            + body(rng, words, rng.randint(300, 670))
        )
        (news_dir / f"{day.isoformat()}-berita-{number:05d}.md").write_text(text, encoding="utf-8")
    for number in range(n_products):
        category = rng.choice(list(PRODUCT_KINDS))
        name = rng.choice(PRODUCT_KINDS[category])
        kecamatan = rng.choice(KECAMATAN)
        owner = " ".join(rng.sample(OWNER_WORDS, 2))
        words = {"p": name.lower(), "k": kecamatan}
        price = rng.choice(
            [None, rng.randint(2, 400) * 5000, {"min": 50000, "max": rng.randint(11, 60) * 10000}]
        )
        price_line = (
            ""
            if price is None
            else f"price: {{min: {price['min']}, max: {price['max']}}}\n"
            if isinstance(price, dict)
            else f"price: {price}\n"
        )
        certs = rng.sample(["nib", "pirt", "halal", "hki", "sni"], rng.randint(0, 3))
        text = (
            f'---\ntitle: "{name} {owner} {number}"\nartisan: "UMKM {owner} {number % max(1, n_products // 3)}"\n'
            f"category: {category}\nkecamatan: {kecamatan}\n{price_line}"
            f'whatsapp: "0812-0000-{number % 10000:04d}"\n'
            f'images:\n  - src: img/{rng.choice(product_images)}\n    alt: "Foto {name.lower()}"\n'
            f"materials: [bahan lokal]\ncertifications: [{', '.join(certs)}]\n"
            f'description: "{paragraph(rng, words, 1)}"\nfeatured: {"true" if number < 6 else "false"}\n'
            "---\n" + body(rng, words, rng.randint(150, 350))
        )
        (product_dir / f"produk-{number:05d}.md").write_text(text, encoding="utf-8")


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("folder", type=Path)
    args.add_argument("news", type=int)
    args.add_argument("products", type=int)
    args.add_argument("--seed", type=int, default=1)
    args = args.parse_args()
    generate(args.folder, args.news, args.products, args.seed)


if __name__ == "__main__":
    main()
