"""Material's frame rendered once per folder (kriya.adapter.internals.SharedFrame) gives the
same pages as
rendering it for every page."""

from __future__ import annotations

import json
import re
import sys

import pytest
from conftest import NOW, ROOT

from kriya.adapter import internals
from kriya.adapter.internals import FramedPages, SharedFrame

sys.path.append(str(ROOT / "tools" / "bench"))  # after tests/: both have a serve.py
from generate import generate


@pytest.fixture
def fresh_plugins():
    """MkDocs caches plugin instances per process: each build here gets a new KriyaPlugin."""
    from mkdocs.config.defaults import MkDocsConfig

    plugins = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    plugins.clear()
    yield
    plugins.clear()


def build(root, out) -> dict[str, bytes]:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(out)))
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}


def test_shared_frame_gives_the_same_pages(fixture_copy, tmp_path, monkeypatch, fresh_plugins):
    monkeypatch.setenv("KRIYA_NOW", NOW)
    monkeypatch.setenv("KRIYA_SERIAL", "1")  # one process, so the spy below sees every page
    monkeypatch.setattr(internals, "FRAMED_TEMPLATE", "main.html")  # every page rendered
    # A page in `nav:` below a generated page: that page's links to it differ from its
    # neighbours' (batik/panduan/ against ../batik/panduan/), so it must not share its frame.
    guide = fixture_copy / "docs" / "katalog" / "kategori" / "batik" / "panduan.md"
    guide.parent.mkdir(parents=True)
    guide.write_text("# Panduan memilih batik\n")
    config = fixture_copy / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - Katalog: katalog/index.md\n",
            "  - Katalog: katalog/index.md\n  - Panduan: katalog/kategori/batik/panduan.md\n",
        )
    )
    served = []
    share = SharedFrame.__call__

    def spy(self, name, page, caller):
        if self.shareable(page) and (name, page.url) not in served:
            served.append((name, page.url))
        return share(self, name, page, caller)

    monkeypatch.setattr(SharedFrame, "__call__", spy)
    shared = build(fixture_copy, tmp_path / "shared")
    monkeypatch.setattr(SharedFrame, "__call__", lambda self, name, page, caller: caller())
    full = build(fixture_copy, tmp_path / "full")

    assert shared.keys() == full.keys()
    assert [page for page in shared if shared[page] != full[page]] == []
    pages = {url for _, url in served}
    # Generated pages in several folders and depths share; pages in `nav:` never do.
    assert {"berita/rakernas-uji/", "katalog/batik-uji/", "katalog/kategori/anyaman/"} <= pages
    assert not pages & {"berita/", "katalog/", "", "katalog/kategori/batik/"}
    assert 'href="panduan/"' in full["katalog/kategori/batik/index.html"].decode()


def _framed_build(root, out, monkeypatch) -> tuple[dict[str, bytes], int]:
    """A build's pages, and how many were made from a frame."""
    made = []
    start = FramedPages.__init__

    def spy(self, *args, **kwargs):
        start(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(FramedPages, "__init__", spy)
    pages = build(root, out)
    return pages, sum(framed.filled for framed in made)


def _tricky_products(root) -> None:
    """Products whose own values are what a frame could get wrong: markup, entities,
    quotes and runs of spaces in the title and description, and a body with a heading."""
    products = root / "content" / "products"
    source = sorted(products.glob("*.md"))[0].read_text(encoding="utf-8")
    titles = [
        'Tas "Pandan" <Anyaman> & Co',
        "Kopi  Tiris   &amp; Gula {{ page.title }}",
        "Batik </title><script>alert(1)</script>",
    ]
    for number, title in enumerate(titles):
        text = re.sub(r"(?m)^title: .*$", "title: " + json.dumps(title), source, count=1)
        text = re.sub(
            r"(?m)^description: .*$",
            "description: " + json.dumps(f'Ringkas <i>{number}</i> & "kutip"'),
            text,
            count=1,
        )
        (products / f"rumit-{number}.md").write_text(text + "\n# Judul di isi\n", "utf-8")


def test_framed_pages_are_the_pages_rendered_whole(tmp_path, monkeypatch, fresh_plugins):
    monkeypatch.setenv("KRIYA_NOW", NOW)
    monkeypatch.setenv("KRIYA_SERIAL", "1")
    root = tmp_path / "proyek"
    generate(root, 40, 40, seed=5)
    _tricky_products(root)
    framed, filled = _framed_build(root, tmp_path / "framed", monkeypatch)
    # the plain path: MkDocs renders main.html for every page
    monkeypatch.setattr(internals, "FRAMED_TEMPLATE", "main.html")
    whole, none_filled = _framed_build(root, tmp_path / "whole", monkeypatch)
    assert none_filled == 0
    assert framed.keys() == whole.keys()
    assert [page for page in framed if framed[page] != whole[page]] == []
    assert filled > 100  # most article, product and UMKM pages
    titles = [framed[f"katalog/rumit-{n}/index.html"].decode() for n in range(3)]
    assert "<title>Tas &quot;Pandan&quot; &lt;Anyaman&gt; &amp; Co - " in titles[0]
    assert "<script>alert(1)</script>" not in titles[2]


def test_a_frame_that_differs_from_a_page_is_not_used(tmp_path, monkeypatch, fresh_plugins):
    """If the frame held a value of its first page (here: the description is not marked),
    the check on the folder's next page finds it, and the folder is rendered whole."""
    monkeypatch.setenv("KRIYA_NOW", NOW)
    monkeypatch.setenv("KRIYA_SERIAL", "1")
    root = tmp_path / "proyek"
    generate(root, 20, 20, seed=6)
    whole_frame = FramedPages._frame

    def unmarked_description(self, variables, page):
        frame = whole_frame(self, variables, page)
        kept = [frame[0]]
        for name, text in zip(frame[1::2], frame[2::2]):
            if name == "description":  # the first page's own, left in the frame
                kept[-1] += page.meta["description"] + text
            else:
                kept += [name, text]
        return kept

    framed, filled = _framed_build(root, tmp_path / "framed", monkeypatch)
    monkeypatch.setattr(FramedPages, "_frame", unmarked_description)
    broken, broken_filled = _framed_build(root, tmp_path / "broken", monkeypatch)
    assert filled > 40 and broken_filled == 0
    assert [page for page in framed if framed[page] != broken[page]] == []
