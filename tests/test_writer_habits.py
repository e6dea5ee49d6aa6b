"""Issue #19 (items 3-7, 9): what a writer coming from Word, WhatsApp and Instagram types is
read as she meant it, or named with the fix; every problem of a file comes in one run; the
tag chips and certification badges sit side by side on a phone. The messages themselves are
in tests/golden (time-notation, word-habits, all-at-once, news-photos, image-missing-nearby)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import run_script
from test_validate_golden import NOW, TINY_JPEG

from kriya import ci, pipeline
from kriya.body import BodyRenderer, Links
from kriya.convert import Invalid, to_datetime
from kriya.load import parse_text
from kriya.model import Problem
from kriya.settings import Settings


@pytest.mark.parametrize(
    ("written", "hour", "minute", "offset"),
    [
        ("2026-12-07 08.30", 8, 30, 7),
        ("2026-12-07 08.30 WIB", 8, 30, 7),
        ("2026-12-07 pukul 08.30", 8, 30, 7),
        ("2026-12-07 jam 8.30", 8, 30, 7),
        ("2026-12-07 pkl. 19.05 wib", 19, 5, 7),
        ("2026-12-07T08.00", 8, 0, 7),
        ("2026-12-07 08.30 WITA", 8, 30, 8),
        ("2026-12-07 08:30 WIT", 8, 30, 9),
        ("2026-12-07 08:30", 8, 30, 7),
        ("2026-12-07T08:30:00+07:00", 8, 30, 7),
    ],
)
def test_indonesian_time_notation_is_read_as_meant(written, hour, minute, offset):
    moment = to_datetime(written, written)
    assert (moment.hour, moment.minute, moment.second, moment.microsecond) == (hour, minute, 0, 0)
    assert moment.utcoffset() == timedelta(hours=offset)
    assert moment.astimezone(UTC) == datetime(
        2026, 12, 7, hour, minute, tzinfo=timezone(timedelta(hours=offset))
    )


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("07-12-2026 08.00", "tulis date: 2026-12-07 08.00."),
        ("Senin, 7 Desember 2026 pukul 08.00 WIB", "tulis date: 2026-12-07 08.00 WIB."),
        ("23/9/2025", "tulis date: 2025-09-23."),
        ("2026-12-07 08.3", "dengan jam: 2025-09-23 08.30"),
    ],
)
def test_other_date_forms_are_refused_with_the_line_to_write(written, fix):
    with pytest.raises(Invalid, match=fix.replace(".", r"\.").replace("(", r"\(")):
        to_datetime(written, written)


WORD_BODY = (
    "Kegiatan di Kraksaan.\x0bDibuka Ketua.\u2028Baris ketiga.\n\n"
    "\tDalam sambutannya, Ketua berharap kemasan makin menarik dan memenuhi aturan label.\n\n"
    "Materi meliputi:\n"
    "•\tPrinsip dasar desain label\n"
    "•\tPemilihan bahan kemasan\n\n"
    "Langkah:\n"
    "1.\tDaftar\n"
    "2.\tIkuti kelas\n\n"
    "Jadwal berikutnya:\n- Pendampingan\n- Kurasi\n\n"
    "```\n\tkode\n```\n"
)


def test_word_body_becomes_paragraphs_breaks_and_lists(tmp_path):
    renderer = BodyRenderer(Links(root=tmp_path, published={}))
    html, problems, _ = renderer.render("content/news/a.md", "berita/a/", WORD_BODY, 10)
    assert problems == []
    assert "\x0b" not in html and "\u2028" not in html
    assert html.count("<br") == 2
    assert "<p>Dalam sambutannya" in html  # not an indented code block
    assert html.count("<pre>") == 1  # the fenced block stays code
    assert "<li>Prinsip dasar desain label</li>" in html
    assert "<li>Pemilihan bahan kemasan</li>" in html
    assert "<ol>" in html and "<li>Ikuti kelas</li>" in html
    assert "<li>Pendampingan</li>" in html and "<li>Kurasi</li>" in html
    assert "•" not in html


def test_front_matter_habits_are_read_as_meant():
    text = (
        "---\n"
        "title: “Pengumuman: Pendaftaran Pameran”\n"
        'description: “Ia berkata "siap" – lalu pergi.”\n'
        "tags: #pelatihan #kemasan, #UMKM\n"
        "images:\n"
        "\t- src: img/a.jpg\n"
        "\t  alt: ‘Keripik’\n"
        "\t- src: img/b.jpg\n"
        "\t\talt: Keripik di piring\n"
        "---\n"
    )
    record, problems = parse_text(text, "content/products/a.md", "products")
    assert record is not None
    assert all(p.warning for p in problems) and len(problems) == 5
    assert record.data["title"] == "Pengumuman: Pendaftaran Pameran"
    assert record.data["description"] == 'Ia berkata "siap" – lalu pergi.'
    assert record.data["tags"] == ["pelatihan", "kemasan", "UMKM"]
    assert record.data["images"] == [
        {"src": "img/a.jpg", "alt": "Keripik"},
        {"src": "img/b.jpg", "alt": "Keripik di piring"},
    ]


def test_quotes_inside_a_value_and_apostrophes_stay():
    text = "---\ntitle: “Batik” dan “Tenun”\ndescription: ‘Batik’ Probolinggo’s\n---\n"
    record, problems = parse_text(text, "content/news/a.md", "news")
    assert record is not None and problems == []
    assert record.data["title"] == "“Batik” dan “Tenun”"
    assert record.data["description"] == "‘Batik’ Probolinggo’s"


def test_a_broken_line_hides_no_other_field_and_keeps_the_item_out():
    text = '---\ntitle: A\ndescription: "tidak ditutup\ndate: 23/9/2025\ncategories: [bukan]\n---\n'
    record, problems = parse_text(text, "content/news/a.md", "news")
    assert record is not None and record.broken == ("description",)
    assert [p.line for p in problems] == [3]
    assert record.data == {"title": "A", "date": "23/9/2025", "categories": ["bukan"]}


def _project(root: Path, news: str) -> Path:
    (root / "content" / "news" / "img").mkdir(parents=True)
    (root / "content" / "news" / "img" / "sampul.jpg").write_bytes(TINY_JPEG)
    (root / "content" / "news" / "2025-01-01-a.md").write_text(news, encoding="utf-8")
    return root


NEWS = (
    "---\ntitle: A\ndate: 2025-01-01 08.30\ndescription: “Ringkasan.”\ntags: #umkm\n"
    "image: img/sampul.jpg\nimage_alt: Foto\n---\nTeks.\x0bLagi.\n"
)


def test_warnings_do_not_stop_a_build_and_are_reported(tmp_path):
    root = _project(tmp_path, NEWS)
    result = pipeline.run(Settings(root=root), NOW)
    assert result.problems == []
    assert [p.field for p in result.warnings] == ["description", "tags", "image_alt", "isi"]
    (item,) = result.index.news
    assert item.date.hour == 8 and item.date.minute == 30
    assert item.description == "Ringkasan." and item.tags == ("umkm",)


def test_check_prints_warnings_and_passes(tmp_path):
    root = _project(tmp_path, NEWS)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: Uji\nplugins:\n  - kriya\n", encoding="utf-8")
    result = run_script("check.py", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 peringatan di 1 file" in result.stdout
    assert "Konten OK: 1 berita" in result.stdout


def test_a_warning_is_a_warning_annotation_in_github():
    warning = Problem("content/news/a.md", 4, "tags", "tag ditulis seperti di Instagram", True)
    assert ci.annotation(warning).startswith("::warning file=content/news/a.md,line=4,")
    assert str(warning) == "content/news/a.md:4: tags: peringatan: tag ditulis seperti di Instagram"


def test_chips_and_badges_sit_side_by_side_on_a_phone(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    try:
        page.goto(site_url + "berita/rakernas-uji/")
        tops = page.eval_on_selector_all(
            "ul.kriya-taxa > li", "items => items.map(i => i.getBoundingClientRect().top)"
        )
        assert len(tops) >= 3 and len(set(tops)) < len(tops)  # chips share a row
        page.goto(site_url + "katalog/batik-uji/")
        boxes = page.eval_on_selector_all(
            "ul.kriya-badges > li",
            "items => items.map(i => [i.getBoundingClientRect().left,"
            " i.getBoundingClientRect().right, i.getBoundingClientRect().top])",
        )
        assert len(boxes) >= 2
        (_, right, top), (next_left, _, next_top) = boxes[0], boxes[1]
        assert next_top == top and next_left - right >= 6  # a visible gap
    finally:
        page.close()
