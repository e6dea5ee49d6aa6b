"""Hostile content (shared/review/security.md): each reproduction of a defect found there,
as a test that failed before the fix."""

from __future__ import annotations

import csv
import io
import shutil
import time

from conftest import run_script

PRODUCT = """---
title: "{title}"
artisan: "{artisan}"
category: anyaman
kecamatan: Tiris
price: 10000
{extra}description: "Tikar pandan biasa."
---
{body}
"""


def add_product(root, slug, title="Tikar Pandan Uji", artisan="UMKM Uji", extra="", body="Isi."):
    path = root / "content" / "products" / f"{slug}.md"
    path.write_text(
        PRODUCT.format(title=title, artisan=artisan, extra=extra, body=body), encoding="utf-8"
    )
    return path


def test_h1_a_photo_path_with_a_quote_is_refused_by_the_check(fixture_copy):
    """H1: a folder name holding `"onload=...` went unescaped into srcset/src."""
    photo = next((fixture_copy / "content" / "products" / "img").glob("*.jpg"))
    folder = fixture_copy / "content" / "products" / "img" / 'x"onload="alert(1)"y="'
    folder.mkdir()
    shutil.copy(photo, folder / "p.jpg")
    src = 'img/x"onload="alert(1)"y="/p.jpg'
    add_product(
        fixture_copy, "tikar-pandan-uji", extra=f"images:\n  - src: '{src}'\n    alt: Tikar\n"
    )
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1
    assert "content/products/tikar-pandan-uji.md:" in done.stdout
    assert "ganti nama file atau foldernya" in done.stdout


def test_h1_picture_markup_escapes_every_value():
    from kriya.images import Picture, Variant, picture_html

    odd = 'media/a"b<c>-320.x.webp'
    planned = Picture(
        "content/a.jpg",
        640,
        480,
        (Variant(odd, 320, 240, "webp"), Variant('media/a"b-640.x.jpg', 640, 480, "jpeg")),
    )
    html = str(picture_html(planned, 'alt "x"', "katalog/a/", "100vw"))
    assert 'a"b' not in html and "<c>" not in html
    assert "a&#34;b&lt;c&gt;-320.x.webp" in html


def test_h2_a_body_cannot_set_ids(fixture_copy):
    """H2: a body's <div id="__config"> (or a heading '## __config') replaced Material's
    configuration element."""
    body = (
        'Teks.\n\n<div id="__config">{"base": "https://attacker.example/"}</div>\n\n'
        '## __config\n\n<span id="kriya-search-box">x</span>\n\nCatatan[^1].\n\n[^1]: Kaki.\n'
    )
    add_product(fixture_copy, "tikar-pandan-uji", body=body)
    done = run_script("build.py", root=fixture_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (fixture_copy / "site" / "katalog" / "tikar-pandan-uji" / "index.html").read_text()
    assert page.count('id="__config"') == 1  # Material's own
    assert page.count('id="kriya-search-box"') <= 1
    assert 'id="isi-__config"' in page  # the heading keeps an anchor of its own
    assert 'id="fn:1"' in page  # footnotes keep theirs


def test_m1_yaml_aliases_are_refused_quickly(fixture_copy):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    text = "---\n" + "\n".join(levels) + '\ntitle: "Uji"\ndescription: "uji"\ndate: *i\n---\nisi\n'
    (fixture_copy / "content" / "news" / "2026-01-01-bom.md").write_text(text, encoding="utf-8")
    started = time.monotonic()
    done = run_script("check.py", root=fixture_copy)
    assert time.monotonic() - started < 30
    assert done.returncode == 1 and len(done.stdout) < 5000
    assert "content/news/2026-01-01-bom.md:2:" in done.stdout and "tanda & dan *" in done.stdout


def test_m1_a_list_where_one_value_belongs_is_not_written_out():
    import pytest

    from kriya import convert

    for function in (convert.to_bool, convert.to_datetime, convert.to_whatsapp):
        with pytest.raises(convert.Invalid, match="bukan daftar"):
            function(["x"] * 1000, None)


def test_m2_csv_cells_that_spreadsheets_run_are_neutralised(fixture_copy):
    add_product(
        fixture_copy,
        "tikar-pandan-uji",
        title="=HYPERLINK('https://evil.example/','Klik')",
        artisan="+cmd|' /C calc'!A0",
    )
    done = run_script("build.py", root=fixture_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = list(
        csv.DictReader(
            io.StringIO(
                (fixture_copy / "site" / "katalog" / "produk.csv").read_text(encoding="utf-8")
            )
        )
    )
    row = next(r for r in rows if r["slug"] == "tikar-pandan-uji")
    assert row["name"].startswith("'=") and row["artisan"].startswith("'+")
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_m3_body_images_outside_the_project_are_refused(fixture_copy, tmp_path):
    outside = tmp_path / "rahasia.jpg"
    shutil.copy(next((fixture_copy / "content" / "products" / "img").glob("*.jpg")), outside)
    link = fixture_copy / "content" / "products" / "img" / "tautan.jpg"
    link.symlink_to(outside)
    add_product(fixture_copy, "tikar-pandan-uji", body=f"![a]({outside})\n\n![b](img/tautan.jpg)\n")
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1
    assert done.stdout.count("content/products/tikar-pandan-uji.md:") == 2
    assert done.stdout.count("berada di luar folder situs") == 2


def test_m6_a_shop_link_cannot_hide_its_host():
    import pytest

    from kriya import convert

    for url in ("https://evil.example\\@shopee.co.id/toko", "https://evil.example@shopee.co.id/"):
        with pytest.raises(convert.Invalid):
            convert.to_links({"shopee": url})
    assert convert.to_links({"tiktokshop": "https://www.tiktok.com/@toko"})


def test_m9_control_characters_do_not_break_the_feeds(fixture_copy):
    from xml.etree import ElementTree

    news = fixture_copy / "content" / "news" / "2025-10-20-kendali.md"
    news.write_text(
        '---\ntitle: "Judul\\u000b dari Word"\ndate: 2025-10-20\n'
        'description: "Ringkasan\\u0008."\n---\nIsi \x0c halaman.\n',
        encoding="utf-8",
    )
    done = run_script("build.py", root=fixture_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    for feed in (fixture_copy / "site").rglob("feed.xml"):
        ElementTree.parse(feed)  # raises on invalid XML


def test_files_that_are_not_ordinary_content(fixture_copy, tmp_path):
    """Hidden files are ignored; symlinks, folders named .md and Markdown in subfolders are
    named with what to do."""
    products = fixture_copy / "content" / "products"
    (products / "._tas-uji.md").write_bytes(b"\x00\x05\x16\x07 Mac OS X resource fork")
    (products / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    outside = tmp_path / "luar.md"
    outside.write_text(PRODUCT.format(title="Luar", artisan="U", extra="", body="x"))
    (products / "luar.md").symlink_to(outside)
    (products / "folder.md").mkdir()
    (products / "arsip").mkdir()
    (products / "arsip" / "lama.md").write_text("x")
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1
    assert "._tas-uji.md" not in done.stdout and ".DS_Store" not in done.stdout
    assert "content/products/luar.md: file ini adalah tautan (symlink)" in done.stdout
    assert "content/products/folder.md: ini folder" in done.stdout
    assert "content/products/arsip: file .md di dalam subfolder diabaikan" in done.stdout


def test_a_required_value_of_only_spaces_is_missing(fixture_copy):
    add_product(fixture_copy, "tikar-pandan-uji", title="   ")
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1
    assert "tikar-pandan-uji.md:2: title: wajib diisi" in done.stdout


def test_the_site_folder_is_readable_by_a_web_server(built_site):
    assert built_site.stat().st_mode & 0o755 == 0o755


def test_m7_broken_photos_are_found_by_the_check_not_the_build(fixture_copy):
    """A cut-off JPEG and a photo too long for WebP passed the check, then crashed the build."""
    from PIL import Image

    img = fixture_copy / "content" / "products" / "img"
    whole = next(img.glob("*.jpg")).read_bytes()
    (img / "terpotong.jpg").write_bytes(whole[: len(whole) // 2])
    Image.new("RGB", (400, 30000), (200, 180, 150)).save(img / "panjang.png")
    add_product(
        fixture_copy,
        "tikar-pandan-uji",
        extra="images:\n  - src: img/terpotong.jpg\n    alt: a\n"
        "  - src: img/panjang.png\n    alt: b\n",
    )
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1
    assert "content/products/img/terpotong.jpg: file foto ini terpotong" in done.stdout
    assert "content/products/img/panjang.png: foto ini sangat panjang" in done.stdout
    built = run_script("build.py", root=fixture_copy)
    assert built.returncode == 1 and "Traceback" not in built.stdout + built.stderr


def test_m9_a_tag_or_artisan_without_letters_is_refused(fixture_copy):
    add_product(fixture_copy, "tikar-pandan-uji", artisan="!!!")
    news = fixture_copy / "content" / "news" / "2025-10-21-tanda.md"
    news.write_text(
        '---\ntitle: "Uji"\ndate: 2025-10-21\ndescription: "x"\ntags: ["#@!"]\n---\nIsi.\n'
    )
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1
    assert "tikar-pandan-uji.md:3: artisan: '!!!' tidak memuat huruf atau angka" in done.stdout
    assert "2025-10-21-tanda.md:5: tags: '#@!' tidak memuat huruf atau angka" in done.stdout


def test_a_second_build_at_once_is_refused_and_leftovers_are_cleaned(fixture_copy):
    import fcntl
    import time

    stale = fixture_copy / ".site-build-mati"
    stale.mkdir()
    (stale / "x.html").write_text("sisa")
    with open(fixture_copy / ".site.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        busy = run_script("build.py", root=fixture_copy)
        assert busy.returncode == 1 and "Build lain sedang berjalan" in busy.stdout
        assert stale.exists()  # nothing touched without the lock
    done = run_script("build.py", root=fixture_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    deadline = time.monotonic() + 30  # removed by a process of its own
    while stale.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not stale.exists()


def test_bad_settings_get_a_message_not_an_internal_error(fixture_copy):
    config = fixture_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("products_per_page: 2", "products_per_page: -1"),
        encoding="utf-8",
    )
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1
    assert "products_per_page: harus angka 1 atau lebih" in done.stdout
    assert "kesalahan internal" not in done.stdout + done.stderr
    config.write_text(text + "\nnav: [\n", encoding="utf-8")  # not YAML any more
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1 and "mkdocs.yml tidak bisa dipakai" in done.stdout
    assert "kesalahan internal" not in done.stdout + done.stderr


def test_m10_an_endless_body_is_refused_before_markdown_runs(fixture_copy):
    news = fixture_copy / "content" / "news" / "2025-10-22-panjang.md"
    news.write_text(
        '---\ntitle: "Uji"\ndate: 2025-10-22\ndescription: "x"\n---\n' + "*a " * 40_000 + "\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    done = run_script("check.py", root=fixture_copy)
    assert time.monotonic() - started < 30
    assert (
        done.returncode == 1
        and "2025-10-22-panjang.md:6: isi tulisan terlalu panjang" in done.stdout
    )


def test_m5_hand_written_pages_are_sanitised_and_their_title_escaped(fixture_copy):
    (fixture_copy / "docs" / "jahat.md").write_text(
        '---\ntitle: "<img src=x onerror=alert(1)>"\n---\n\n# Halaman\n\n'
        '<script>alert(2)</script>\n\n<div id="__config">{}</div>\n\n'
        '<a href="javascript:alert(3)">tautan</a>\n',
        encoding="utf-8",
    )
    done = run_script("build.py", root=fixture_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (fixture_copy / "site" / "jahat" / "index.html").read_text()
    assert "onerror=alert(1)" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "alert(2)" not in page and "javascript:alert(3)" not in page
    assert page.count('id="__config"') == 1
    home = (fixture_copy / "site" / "index.html").read_text()
    assert "kriya-card" in home  # the home page's generated lists are still there


def test_m4_no_original_photo_is_ever_published(built_site):
    """Only resized variants (named with the original's hash) reach media/: an original would
    carry the camera's EXIF data, GPS location included."""
    import re

    media = [p for p in (built_site / "media").rglob("*") if p.is_file()]
    assert media
    assert all(re.search(r"\.[0-9a-f]{10}\.(webp|jpg)$", p.name) for p in media), media


# Low-severity findings (security.md §3), each reproduction as a test.

NEWS = '---\ntitle: "Uji"\ndate: 2025-10-21\ndescription: "x"\n{extra}---\n{body}\n'


def add_news(root, slug, extra="", body="Isi."):
    path = root / "content" / "news" / f"2025-10-21-{slug}.md"
    path.write_text(NEWS.format(extra=extra, body=body), encoding="utf-8")
    return path


def test_l7_aliases_cannot_take_generated_files_or_differ_only_in_case(fixture_copy):
    """`/berita/feed.xml` passed the check and crashed the build; `/Berita/` is the news
    listing on a Windows or macOS disk."""
    add_news(fixture_copy, "a", extra="aliases: [/berita/feed.xml, /sitemap.xml]\n")
    add_news(fixture_copy, "b", extra="aliases: [/katalog/produk-saring.json, /Berita/]\n")
    add_news(fixture_copy, "c", extra="aliases: [/BERITA/rakernas-uji/, /Lama/]\n")
    add_news(fixture_copy, "d", extra="aliases: [/lama/]\n")
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1
    out = done.stdout
    for alias in ("/berita/feed.xml/", "/sitemap.xml/", "/katalog/produk-saring.json/", "/Berita/"):
        assert f"alamat lama {alias} milik halaman atau file yang dibuat otomatis" in out
    assert "alamat lama /BERITA/rakernas-uji/ sama dengan alamat halaman yang masih ada" in out
    assert "alamat lama /lama/ juga dialihkan oleh content/news/2025-10-21-c.md" in out


def test_l11_a_protocol_relative_link_is_external_and_l12_feeds_have_absolute_srcset(
    fixture_copy,
):
    add_news(
        fixture_copy,
        "luar",
        body="Lihat [toko](//toko.example/x).\n\n![Foto](img/sampul.jpg)\n",
    )
    done = run_script("build.py", root=fixture_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    page = (fixture_copy / "site" / "berita" / "luar" / "index.html").read_text()
    assert 'href="//toko.example/x"' in page
    feed = (fixture_copy / "site" / "berita" / "feed.xml").read_text()
    sets = feed.split('srcset="')[1:]
    assert sets
    for candidates in (s.split('"')[0] for s in sets):
        assert all(c.split()[0].startswith("https://uji.example/") for c in candidates.split(","))


def test_l11_a_protocol_relative_image_is_an_image_from_the_internet(fixture_copy):
    add_news(fixture_copy, "pixel", body="![x](//pelacak.example/p.png)\n")
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1
    assert "gambar '//pelacak.example/p.png' diambil dari internet" in done.stdout


def test_l13_resource_limits_give_messages(fixture_copy):
    """Nested emphasis recursed past Python's limit (internal error); 60,000 tags took 28 s;
    an 88-megapixel PNG of 257 KB took 1.15 GB to decode."""
    from PIL import Image

    add_news(fixture_copy, "dalam", body="*" * 5000 + "x" + "*" * 5000)
    tags = ", ".join(f"t{i}" for i in range(5000))
    add_news(fixture_copy, "tag", extra=f"tags: [{tags}]\n")
    Image.new("L", (9400, 9400)).save(fixture_copy / "content" / "news" / "img" / "besar.png")
    add_news(fixture_copy, "besar", extra="image: img/besar.png\nimage_alt: besar\n")
    started = time.monotonic()
    done = run_script("check.py", root=fixture_copy)
    assert time.monotonic() - started < 60
    assert done.returncode == 1 and "kesalahan internal" not in done.stdout + done.stderr
    assert "2025-10-21-dalam.md:6: isi: isi tulisan bersarang terlalu dalam" in done.stdout
    assert "2025-10-21-tag.md:5: tags: terlalu banyak butir (5000, batas 30)" in done.stdout
    assert "img/besar.png: foto ini terlalu besar (9400 x 9400 piksel, 88 megapiksel" in (
        done.stdout
    )


def test_l14_a_very_long_title_makes_a_short_file_name(fixture_copy):
    done = run_script("new.py", "news", "Pelatihan " * 40, root=fixture_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    made = list((fixture_copy / "content" / "news").glob("2026-11-20-*.md"))
    assert len(made) == 1 and len(made[0].stem) <= len("2026-11-20-") + 80
    assert made[0].stem.endswith("pelatihan")  # cut between words


def test_l3_machine_and_setting_problems_are_not_internal_errors(fixture_copy, monkeypatch):
    config = fixture_copy / "mkdocs.yml"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    said = [run_script("check.py", root=fixture_copy, now="")]
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    plugins = config.read_text(encoding="utf-8").split("plugins:")[0] + "plugins:\n  - search\n"
    config.write_text(plugins, encoding="utf-8")
    said.append(run_script("check.py", root=fixture_copy))
    config.unlink()
    said.append(run_script("check.py", root=fixture_copy))
    expected = (
        "SOURCE_DATE_EPOCH=99999999999999 tidak valid",
        "plugin kriya tidak ada di bagian plugins",
        "Config file",  # MkDocs names the missing file
    )
    for done, message in zip(said, expected):
        out = done.stdout + done.stderr
        assert done.returncode == 1 and message in out, out
        assert "kesalahan internal" not in out


def test_l3_a_full_disk_is_named_not_an_internal_error(capsys):
    import errno

    import pytest

    from kriya.commands.common import guarded

    def full():
        raise OSError(errno.ENOSPC, "No space left on device", "site/berita/index.html")

    with pytest.raises(SystemExit) as stopped:
        guarded(full)
    assert stopped.value.code == 1
    out = capsys.readouterr()
    assert "Tidak bisa menulis site/berita/index.html: disk penuh" in out.out
    assert "kesalahan internal" not in out.out + out.err


def test_a_failure_in_a_forked_worker_is_raised_in_the_parent():
    """A full disk in the rendering child reached the parent as 'child stopped without a
    result' (an internal error); the child's exception is raised again instead."""
    import errno

    import pytest

    from kriya.speed.workers import start_forked

    def fails():
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError) as raised:
        start_forked(fails)()
    assert raised.value.errno == errno.ENOSPC
    assert start_forked(lambda: 41 + 1)() == 42


def test_l5_a_site_with_nothing_published_builds(fixture_copy, browser):
    """A new site (no products yet, every news item dated after 'now') has nothing to index."""
    for product in (fixture_copy / "content" / "products").glob("*.md"):
        product.unlink()
    done = run_script("build.py", root=fixture_copy, now="2001-01-01")
    assert done.returncode == 0, done.stdout + done.stderr
    assert ": 0 berita, 0 produk," in done.stdout
    from serve import serve_folder

    with serve_folder(fixture_copy / "site") as base:
        page = browser.new_page()
        errors: list = []
        page.on("pageerror", lambda error: errors.append(error))  # noqa: PLW0108 (Playwright needs a Python function)
        page.goto(base + "cari/?q=batik")
        page.get_by_text("Tidak ada hasil.").wait_for()
        page.close()
    assert not errors


def test_l1_the_new_site_is_swapped_in_at_once(tmp_path):
    """Two renames left a moment with no site/ at all; one exchange leaves none."""
    from kriya.commands.build import swap

    site, staging = tmp_path / "site", tmp_path / ".site-build-x"
    site.mkdir()
    (site / "lama.html").write_text("lama")
    staging.mkdir()
    (staging / "baru.html").write_text("baru")
    swap(staging, site)
    assert [p.name for p in site.iterdir()] == ["baru.html"]
    assert not staging.exists() and [p.name for p in tmp_path.iterdir()] == ["site"]


def test_the_replaced_site_is_removed_by_a_process_of_its_own(tmp_path):
    """A build does not wait for the old site's files to go (10 s at 10,000 + 10,000 items);
    a process of its own removes them."""
    import time

    from kriya.commands.build import remove_later, swap

    site, staging = tmp_path / "site", tmp_path / ".site-build-x"
    for folder, name in ((site, "lama.html"), (staging, "baru.html")):
        (folder / "a" / "b").mkdir(parents=True)
        (folder / "a" / "b" / name).write_text(name)
    swap(staging, site, remove=remove_later)
    assert [p.name for p in (site / "a" / "b").iterdir()] == ["baru.html"]
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
