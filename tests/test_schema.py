"""The field tables drive the validator, the item classes, the unknown-key hints and the
writers' guide (scripts/new.py: tests/test_scripts.py)."""

from __future__ import annotations

import dataclasses
import importlib.util
import pickle
from datetime import datetime

import pytest
from conftest import ROOT

from kriya import schema
from kriya.convert import WIB
from kriya.formatting import weight_text
from kriya.load import parse_text
from kriya.model import Image, NewsItem, Price, Product
from kriya.settings import Settings
from kriya.validate import validate_all, validate_record

PATHS = {"news": "content/news/2025-09-23-contoh.md", "products": "content/products/contoh.md"}
WIDGETS = {
    "text",
    "textarea",
    "date",
    "datetime",
    "boolean",
    "number",
    "list",
    "choice",
    "choices",
    "image",
    "images",
    "links",
    "certifications",
    "price",
    "whatsapp",
    "slug",
}


def record(collection: str, lines: list[str]):
    found, problems = parse_text(
        "---\n" + "\n".join(lines) + "\n---\nIsi.\n", PATHS[collection], collection
    )
    assert not problems
    return found


def examples(collection: str, only_required: bool = False) -> list[str]:
    return [
        f"{row.key}: {row.example}"
        for row in schema.FIELDS[collection]
        if row.required or not only_required
    ]


@pytest.mark.parametrize("collection", ["news", "products"])
def test_a_record_of_every_example_validates(tmp_path, collection):
    for folder in ("news", "products"):  # the photo the examples name
        (tmp_path / "content" / folder / "img").mkdir(parents=True)
        (tmp_path / "content" / folder / "img" / "nama-foto.jpg").write_bytes(b"")
    news, products, problems = validate_all(
        [record(collection, examples(collection))], Settings(root=tmp_path), {}
    )
    assert problems == []
    (item,) = news or products
    rows = schema.FIELDS[collection]
    for row in rows:  # every example arrived in the item, not a default
        if row.attributes:
            assert getattr(item, row.attributes[0]) != row.defaults[0], row.key
    assert item.slug == next(r for r in rows if r.key == "slug").example


@pytest.mark.parametrize("collection", ["news", "products"])
def test_aliases_from_the_table_name_their_key(collection):
    rows = schema.FIELDS[collection]
    keys = {row.key for row in rows}
    aliases = [(alias, row.key) for row in rows for alias in row.aliases]
    assert len({alias for alias, _ in aliases}) == len(aliases)  # one meaning per collection
    for alias, key in aliases:
        assert alias not in keys
        found = record(collection, [*examples(collection, only_required=True), f"{alias}: x"])
        _, problems = validate_record(found, Settings(root=ROOT))
        said = [f"{p.field}: {p.message}" for p in problems]
        # (the value 'x' may need fixing too: the message then says so after the hint)
        assert any(
            s.startswith(f"{alias}: kolom '{alias}' tidak dikenal; maksud Anda '{key}'?")
            for s in said
        ), said


@pytest.mark.parametrize("collection", ["news", "products"])
def test_rows_are_complete(collection):
    for row in schema.FIELDS[collection]:
        assert row.label and row.help.endswith(".") and row.example, row.key
        assert row.widget in WIDGETS, row.key
        assert not row.choices or row.choices in {f.name for f in dataclasses.fields(Settings)}
        assert len(row.defaults) == len(row.attributes)


def test_unknown_key_lists_every_key_of_the_table():
    found = record("products", [*examples("products", only_required=True), "xyzzy: 1"])
    _, problems = validate_record(found, Settings(root=ROOT))
    keys = ", ".join(row.key for row in schema.PRODUCTS)
    assert problems[0].message == f"kolom 'xyzzy' tidak dikenal. Kolom yang boleh: {keys}."
    assert "dimensions, weight" in keys


def test_item_classes_keep_their_attributes_and_defaults():
    """The generated classes have the attributes the hand-written ones had, plus the new
    rows; templates and every later step read these names."""
    assert NewsItem is schema.NewsItem and Product is schema.Product
    assert (NewsItem.kind, Product.kind) == ("news", "product")
    news = {f.name: f.default for f in dataclasses.fields(NewsItem)}
    missing = dataclasses.MISSING
    assert news == {
        "path": missing,
        "slug": missing,
        "title": missing,
        "date": missing,
        "description": missing,
        "body": missing,
        "categories": (),
        "tags": (),
        "authors": (),
        "image": None,
        "draft": False,
        "body_line": 1,
        "updated": None,
        "expires": None,
        "aliases": (),
        "lang": "id",  # "en": an English version (validate.translate)
    }
    product = {f.name: f.default for f in dataclasses.fields(Product)}
    assert product == {
        "path": missing,
        "slug": missing,
        "title": missing,
        "artisan": missing,
        "category": missing,
        "kecamatan": missing,
        "description": missing,
        "body": missing,
        "price": None,
        "whatsapp": None,
        "images": (),
        "materials": (),
        "dimensions": None,
        "weight": None,
        "certifications": (),
        "certificate_numbers": (),
        "links": (),
        "date": None,
        "featured": False,
        "draft": False,
        "body_line": 1,
        "updated": None,
        "expires": None,
        "aliases": (),
        "certificate_expiry": (),
        "lang": "id",
    }


def test_items_are_frozen_hashable_and_picklable():
    item = Product(
        path="content/products/a.md",
        slug="a",
        title="A",
        artisan="U",
        category="batik",
        kecamatan="Maron",
        description="x",
        body="",
        price=Price(1, 2),
        images=(Image("a.jpg", "alt"),),
        weight=1200,
        date=datetime(2025, 1, 1, tzinfo=WIB),
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.title = "B"
    assert hash(item) == hash(dataclasses.replace(item))
    copy = pickle.loads(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == item and type(copy) is Product
    assert item.shown("weight") == "1,2 kg" and item.shown("dimensions") is None


@pytest.mark.parametrize(
    "grams, text",
    [
        (850, "850 gram"),
        (999, "999 gram"),
        (1000, "1 kg"),
        (1200, "1,2 kg"),
        (12345, "12,345 kg"),
        (1500000, "1.500 kg"),
    ],
)
def test_weight_is_shown_in_grams_or_kilograms(grams, text):
    assert weight_text(grams) == text


def test_guide_tables_follow_the_schema():
    spec = importlib.util.spec_from_file_location("guide_tables", ROOT / "tools/guide_tables.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    text = tool.GUIDE.read_text(encoding="utf-8")
    assert tool.with_tables(text) == text, "run python tools/guide_tables.py"
    for collection, rows in schema.FIELDS.items():
        assert tool.table(collection) in text
        for row in rows:
            assert f"| `{row.key}` | {row.label} |" in text
