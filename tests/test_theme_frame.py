"""Material's frame rendered once per folder (kriya.adapter.internals.SharedFrame) gives the
same pages as
rendering it for every page."""

from __future__ import annotations

import pytest
from conftest import NOW

from kriya.adapter.internals import SharedFrame


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
