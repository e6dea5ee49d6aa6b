"""Where product pages send buyers: WhatsApp numbers (phonenumberslite's numbering plan) and
shop/social links (https only, known hosts from mkdocs.yml, unknown hosts warned about)."""

from __future__ import annotations

import pytest
from conftest import run_script

from kriya import convert
from kriya.convert import Invalid, link_host_warning, to_links, to_whatsapp

WA = "6281234567890"


@pytest.mark.parametrize(
    ("value", "raw"),
    [
        ("0812-3456-7890", None),
        ("0812 3456 7890", None),
        ("0812.3456.7890", None),
        ("(0812) 3456 7890", None),
        ("+62 812-3456-7890", None),
        ("+62 812 3456 7890", None),
        ("62812-3456-7890", None),
        ("+62 0812-3456-7890", None),  # the 0 kept after +62: a common mistake, normalised
        ("+62 (0) 812 3456 7890", None),
        ("0062 812 3456 7890", None),
        ("812-3456-7890", None),
        ("081234567890", "081234567890"),  # unquoted: YAML keeps it as text
        (6281234567890, "6281234567890"),  # unquoted: YAML reads an int, the raw text is used
        (6281234567890, "+6281234567890"),
        ("  0812-3456-7890 ", None),
    ],
)
def test_whatsapp_numbers_in_the_ways_staff_write_them(value, raw):
    assert to_whatsapp(value, raw) == WA


def test_whatsapp_numbers_of_other_lengths_and_operators():
    assert to_whatsapp("0811-234-567", None) == "62811234567"  # 10 digits, the shortest
    assert to_whatsapp("0857 1234 5678", None) == "6285712345678"
    assert to_whatsapp("0878-1234-56789", None) == "62878123456789"  # 13 digits, the longest


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "0812",
            "terlalu pendek: ditulis dengan 08 di depan, nomor ini 4 angka, padahal nomor "
            "ponsel Indonesia 10 sampai 13 angka",
        ),
        ("0812-345-67", "terlalu pendek"),
        ("+62 812 345", "terlalu pendek"),
        ("0812-3456-7890-12", "terlalu panjang: ditulis dengan 08 di depan, nomor ini 14 angka"),
        ("0335-421234", "nomor telepon rumah atau kantor (kode wilayah 0335), bukan nomor ponsel"),
        ("(021) 1234 5678", "(kode wilayah 021)"),
        ("0800-1234-567", "awalan 0800 tidak dipakai nomor ponsel"),
        ("+60 12-345 6789", "bukan nomor Indonesia (kode negara +60)"),
        ("+1 650 253 0000", "bukan nomor Indonesia (kode negara +1)"),
        ("WA 0812 3456 7890", "hanya boleh berisi angka, spasi, tanda - . ( ) atau +"),
        ("0812-3456-7890 / 0857-1234-5678", "memuat lebih dari satu nomor"),
        ("0812 3456 7890 atau 0857 1234 5678", "memuat lebih dari satu nomor"),
    ],
)
def test_wrong_whatsapp_numbers_are_named_with_the_fix(value, expected):
    with pytest.raises(Invalid) as error:
        to_whatsapp(value, None)
    message = str(error.value)
    assert expected in message
    assert f"'{value}'" in message  # the value as written, so staff find it
    assert "08" in message  # every message shows what a right number looks like


def test_links_must_be_https_with_the_fix():
    with pytest.raises(Invalid, match=r"bukan http://; tulis https://shopee\.co\.id/toko"):
        to_links({"shopee": "http://shopee.co.id/toko"})
    with pytest.raises(Invalid, match=r"harus diawali https://; tulis https://shopee\.co\.id/toko"):
        to_links({"shopee": "shopee.co.id/toko"})


def test_known_hosts_pass_and_unknown_hosts_are_warned_not_refused():
    hosts = convert.DEFAULT_LINK_HOSTS
    known = to_links({"shopee": "https://shopee.co.id/toko", "facebook": "https://fb.me/toko"})
    assert known == (("shopee", "https://shopee.co.id/toko"), ("facebook", "https://fb.me/toko"))
    assert all(link_host_warning(site, url, hosts) is None for site, url in known)
    assert link_host_warning("instagram", "https://m.instagram.com/toko", hosts) is None
    unknown = to_links({"tokopedia": "https://toko-baru.example/batik"})
    assert unknown == (("tokopedia", "https://toko-baru.example/batik"),)
    warning = link_host_warning("tokopedia", "https://toko-baru.example/batik", hosts)
    assert warning is not None
    assert "toko-baru.example" in warning and "tokopedia.com, tokopedia.link" in warning
    assert "link_hosts di mkdocs.yml" in warning


def test_hosts_come_from_the_settings():
    hosts = {**convert.DEFAULT_LINK_HOSTS, "tokopedia": ("toko-baru.example",)}
    assert to_links({"tokopedia": "https://toko-baru.example/batik"}, hosts)
    assert link_host_warning("tokopedia", "https://toko-baru.example/batik", hosts) is None
    assert link_host_warning("tokopedia", "https://tokopedia.com/batik", hosts) is not None


@pytest.mark.parametrize(
    ("site", "url", "expected"),
    [
        ("shopee", "https://evil.example\\@shopee.co.id/toko", "memuat tanda \\\\ atau @"),
        ("shopee", "https://evil.example@shopee.co.id/", "memuat tanda \\\\ atau @"),
        ("shopee", "https://shopee.co.id@evil.example/", "memuat tanda \\\\ atau @"),
        ("instagram", "https://instagram.com.evil.example/toko", "hanya memakai nama instagram"),
        ("shopee", "https://www.shopee.co.id.evil.example/", "hanya memakai nama shopee.co.id"),
        ("tokopedia", "https://shopee.co.id/toko", "adalah alamat Shopee, bukan Tokopedia"),
        ("shopee", "https://shopee%2eco%2eid/toko", "tidak memuat nama situs yang benar"),
        ("shopee", "https://shópee.co.id/toko", "tidak memuat nama situs yang benar"),
        ("facebook", "javascript:alert(1)", "harus diawali https://"),
    ],
)
def test_spoofed_and_swapped_hosts_are_still_refused(site, url, expected):
    with pytest.raises(Invalid, match=expected):
        to_links({site: url})


def test_a_tiktok_shop_on_tokopedia_is_not_a_swap():
    assert to_links({"tiktokshop": "https://www.tokopedia.com/toko"})


def _configure(root, hosts: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("      news_per_page: 2\n", f"      news_per_page: 2\n{hosts}"),
        encoding="utf-8",
    )


def _product(root, links: str) -> None:
    (root / "content" / "products" / "tikar-uji.md").write_text(
        "---\ntitle: Tikar Uji\nartisan: UMKM Uji\ncategory: anyaman\nkecamatan: Tiris\n"
        f'whatsapp: "+62 0812-3456-7890"\nlinks:\n{links}description: "Tikar."\n---\nIsi.\n',
        encoding="utf-8",
    )


def test_check_warns_about_unknown_hosts_and_reads_link_hosts(fixture_copy):
    _product(fixture_copy, "  tokopedia: https://toko-baru.example/tikar\n")
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        "Peringatan: Tikar Uji (content/products/tikar-uji.md): tautan tokopedia "
        "https://toko-baru.example/tikar menuju toko-baru.example"
    ) in done.stdout
    _configure(fixture_copy, "      link_hosts:\n        tokopedia: [toko-baru.example]\n")
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Peringatan" not in done.stdout


def test_bad_link_hosts_options_get_a_message(fixture_copy):
    _configure(
        fixture_copy,
        "      link_hosts:\n        tokped: [tokopedia.com]\n"
        "        shopee: [https://shopee.co.id/]\n        facebook: []\n",
    )
    done = run_script("check.py", root=fixture_copy)
    assert done.returncode == 1
    assert "link_hosts: 'tokped' bukan toko/media sosial yang dikenal" in done.stdout
    assert "link_hosts: shopee: 'https://shopee.co.id/' bukan nama situs" in done.stdout
    assert "link_hosts: facebook perlu daftar nama situs" in done.stdout
    assert "kesalahan internal" not in done.stdout + done.stderr
