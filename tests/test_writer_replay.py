"""The four tasks of the writer test (shared/review/writer-test.md), replayed as she worked:
files written with her habits (WhatsApp photo names, text from Word, Instagram tags, prices as
people write them, Tab indentation, times as people write them), then one round of fixes made
only from what `kriya check` said. Each task must pass in at most two check runs, and the
result must build."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import ROOT

NOW = "2026-12-03T10:00:00+07:00"
PHOTO = next((ROOT / "content" / "news" / "img").glob("*.jpg"))


def check(root):
    done = subprocess.run(
        [sys.executable, "-m", "kriya", "check", "--root", str(root)],
        capture_output=True,
        text=True,
        env={"KRIYA_NOW": NOW, "PATH": "/usr/bin:/bin"},
    )
    assert "Traceback" not in done.stdout + done.stderr
    return done.returncode, done.stdout


def follow(root, messages: str, path) -> None:
    """Do what the messages say, as the writer would: nothing here knows the answers."""
    text = path.read_text(encoding="utf-8")
    mine = path.relative_to(root).as_posix() + ":"
    for line in messages.splitlines():
        if "peringatan" in line or not line.startswith(mine):
            continue
        for wrong, right in re.findall(r"nama '([^']+)' memuat spasi.*?menjadi '([^']+)'", line):
            _rename(path.parent, wrong, right)
            text = text.replace(wrong, right)
        for wrong, right in re.findall(
            r"nama foto '([^']+)' memuat spasi.*?menjadi '([^']+)'", line
        ):
            _rename(path.parent, wrong, right)
            text = text.replace(wrong, right)
        for wrong, right in re.findall(r"Ganti dulu nama file '([^']+)' menjadi '([^']+)'", line):
            _rename(path.parent, wrong, right)
        moved = re.findall(
            r"gambar '([^']+)' tidak ditemukan di folder (\S+)/, "
            r"tetapi ada '([^']+)' di folder (\S+)/",
            line,
        )
        for said, folder, found, where in moved:
            safe = re.search(rf"'{re.escape(found)}'.*?menjadi '([^']+)'", line)
            target = safe.group(1) if safe else found
            (root / folder).mkdir(parents=True, exist_ok=True)
            shutil.move(root / where / found, root / folder / target)
            text = text.replace(said, said.rsplit("/", 1)[0] + "/" + target)
        if m := re.search(r":(\d+): (\w+): format tanggal .* tulis date: (\S+)\.", line):
            text = re.sub(r"^date:.*$", f"date: {m.group(3)}", text, flags=re.M)
        if m := re.search(r"(\w+): '([^']+)' bukan \w+ .*maksud Anda '([^']+)'", line):
            text = text.replace(f"{m.group(1)}: {m.group(2)}", f"{m.group(1)}: {m.group(3)}")
        if m := re.search(
            r"(\w+): kolom '\w+' tidak dikenal; maksud Anda '(\w+)'\?(?:.*tulis \2: (\S+)\.)?", line
        ):
            old = re.search(rf"^{m.group(1)}:.*$", text, re.M).group(0)
            value = m.group(3) or old.split(":", 1)[1].strip()
            text = text.replace(old, f"{m.group(2)}: {value}")
        if "foto sampul perlu keterangan" in line:
            text = text.replace(
                "\nimage:", '\nimage_alt: "Peserta menata contoh kemasan di meja"\nimage:', 1
            )
        if "gambar ke-2 belum punya alt" in line:
            text = re.sub(
                r"(- src: [^\n]*14-03-12[^\n]*)", r'\1\n    alt: "Keripik singkong di piring"', text
            )
        if m := re.search(r"di baris tersendiri: (!\[[^\]]*\]\([^)]+\))", line):
            text = re.sub(r"^images:\n(?:[ \t].*\n)*", "", text, flags=re.M)  # the list goes
            text = text.rstrip("\n") + "\n\n" + m.group(1) + "\n"  # its photo: in the body
        if m := re.search(r"lalu tulis (!\[[^\]]*\]\((\S+)\))", line):
            text = re.sub(r"!\[[^\]]*\]\([^)]*\s[^)]*\)", m.group(1), text)
    path.write_text(text, encoding="utf-8")


def _rename(folder, wrong, right):
    for candidate in (folder / wrong, folder / "img" / wrong):
        if candidate.exists():
            candidate.rename(candidate.parent / right)


def test_the_writer_tasks_pass_in_two_check_runs(fixture_copy):
    news = fixture_copy / "content" / "news"
    products = fixture_copy / "content" / "products"
    for name in ("10.15.32", "10.15.33"):
        shutil.copy(PHOTO, news / f"WhatsApp Image 2026-12-01 at {name}.jpeg")
    for name in ("14.03.11", "14.03.12"):
        shutil.copy(PHOTO, products / f"WhatsApp Image 2026-12-02 at {name}.jpeg")

    # Task 1: a news item with two WhatsApp photos, text pasted from Word, Instagram tags.
    task1 = news / "2026-12-01-Pelatihan Desain Kemasan.md"
    task1.write_text(
        "---\n"
        'title: "Dekranasda Gelar “Pelatihan Desain Kemasan” bagi 30 UMKM"\n'
        "date: 01/12/2026\n"
        "description: “Dekranasda Kabupaten Probolinggo melatih 30 UMKM mendesain kemasan.”\n"
        "categories: [pelatihan]\n"
        "tags: #pelatihan #kemasan #umkm\n"
        "image: WhatsApp Image 2026-12-01 at 10.15.32.jpeg\n"
        "images:\n"
        "  - src: WhatsApp Image 2026-12-01 at 10.15.33.jpeg\n"
        "    alt: Peserta berdiskusi tentang label kemasan\n"
        "draft: false\n"
        "---\n"
        "Pelatihan diikuti 30 pelaku UMKM.\x0bBertempat di Pendopo.\n\n"
        "\tPeserta belajar membuat label.\nMateri:\n•\tKomposisi\n•\tBerat bersih\n",
        encoding="utf-8",
    )
    # Task 2: a product priced the way people write prices, images indented with Tab.
    task2 = products / "keripik-singkong-pedas.md"
    task2.write_text(
        "---\ntitle: Keripik Singkong Pedas\nartisan: UMKM Dapur Bu Sri\n"
        "category: kuliner olahan\nkecamatan: Kec. Kraksaan\nharga: Rp 15.000\n"
        "whatsapp: 0812-3456-7890\nimages:\n"
        "\t- src: img/WhatsApp Image 2026-12-02 at 14.03.11.jpeg\n"
        "\t  alt: Keripik singkong pedas dalam kemasan plastik bening\n"
        "\t- src: img/WhatsApp Image 2026-12-02 at 14.03.12.jpeg\n"
        "certifications: [halal, P-IRT]\n"
        "description: Keripik singkong renyah dengan bumbu cabai asli.\n---\n"
        "Keripik dibuat dari singkong pilihan.\n",
        encoding="utf-8",
    )
    # Task 3: an announcement for Monday 7 December at 08.00, written as people write times.
    task3 = news / "2026-12-03-pengumuman-pameran.md"
    task3.write_text(
        '---\ntitle: "Pengumuman: Pendaftaran Pameran Kriya Akhir Tahun"\n'
        "date: 2026-12-07 pukul 08.00\n"
        'description: "Pendaftaran peserta pameran dibuka sampai 20 Desember."\n'
        "draft: false\n---\nSilakan mendaftar di kantor Dekranasda.\n",
        encoding="utf-8",
    )

    code, first = check(fixture_copy)
    assert code == 1
    for path in (task1, task2):
        follow(fixture_copy, first, path)
    task1.rename(news / "2026-12-01-pelatihan-desain-kemasan.md")  # (any name works)
    # Task 4: check again before hand-over, then the build the deploy runs.
    code, second = check(fixture_copy)
    assert code == 0, first + "\n-----\n" + second
    assert "Senin, 07 Desember 2026 pukul 08.00 WIB" in second  # when the announcement appears
    built = subprocess.run(
        [sys.executable, "-m", "kriya", "build", "--root", str(fixture_copy)],
        capture_output=True,
        text=True,
        env={"KRIYA_NOW": NOW, "PATH": "/usr/bin:/bin"},
    )
    assert built.returncode == 0, built.stdout + built.stderr
    page = (
        fixture_copy / "site" / "berita" / "pelatihan-desain-kemasan" / "index.html"
    ).read_text()
    assert page.count("<picture") >= 2  # the cover and the photo moved into the body
    assert (fixture_copy / "site" / "katalog" / "keripik-singkong-pedas" / "index.html").exists()
