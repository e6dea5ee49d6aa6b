"""The search index and the link check with a cache folder (kriya build in CI): through a
series of changes to a small site, the cached result equals the one made from scratch byte
for byte, only what changed is done again, and a damaged cache costs time, never a wrong
result or a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kriya import linkcheck, search, search_pack
from kriya.speed.workers import start_forked

WORDS = "batik tenun anyaman kayu gerabah pasar pameran perajin kain motif warna halus".split()


def page_html(number: int, kind: str, text: str = "") -> str:
    """An article or product page as Kriya renders its searchable part (_search.html)."""
    lang = "en" if kind == "en" else "id"
    words = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(number % 5 + 3))
    meta = (
        f'<span data-pagefind-meta="harga">Rp {number}.000</span>'
        if kind != "berita"
        else f'<span data-pagefind-meta="tanggal">{number} Mei 2026</span>'
    )
    jenis = "berita" if kind == "berita" else "produk"
    return (
        f'<!doctype html><html lang="{lang}"><head><title>Halaman {number}</title></head>'
        f'<body><a href="../../">Beranda</a><main data-pagefind-body>'
        f'<span data-pagefind-filter="jenis:{jenis}" data-pagefind-meta="jenis:{jenis}"></span>'
        f"{meta}<h1>Judul {number} {WORDS[number % len(WORDS)]}</h1>"
        f'<span data-pagefind-meta="ringkasan">Ringkasan {words}</span>'
        f"<p>{words} ramé kafé {text}</p></main></body></html>"
    )


FOLDERS = {"berita": "berita", "katalog": "katalog", "en": "en/catalog"}


def make_site(root: Path, count: int = 14) -> Path:
    """`count` news, product and English product pages, and a home page."""
    root.mkdir(parents=True)
    (root / "index.html").write_text('<html lang="id"><body><a href="berita/">x</a></body></html>')
    for number in range(count):
        kind = ("berita", "katalog", "en")[number % 3]
        write_page(root, f"{FOLDERS[kind]}/halaman-{number}", page_html(number, kind))
    return root


def write_page(site: Path, folder: str, html: str) -> None:
    path = site / folder / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a new file, as a build writes it
    path.write_text(html, encoding="utf-8")


def bundle_bytes(site: Path) -> dict[str, bytes]:
    bundle = site / search.BUNDLE
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


@pytest.fixture
def counted(monkeypatch):
    """Small shards (several of them on a small site); the Pagefind runs, each as the number
    of pages it indexed."""
    monkeypatch.setattr(search, "SHARD_PAGES", 3)
    runs: list[int] = []
    pagefind = search.run_pagefind

    def run_pagefind(site, shards, work, done):
        def counted(number, bundle):
            runs.append(len(shards[number]))
            done(number, bundle)

        pagefind(site, shards, work, counted)

    monkeypatch.setattr(search, "run_pagefind", run_pagefind)
    return runs


def index_both_ways(site: Path, cache: Path, runs: list) -> int:
    """Index `site` from scratch and with `cache` (its vocabulary written by a forked child
    alongside the index, as a build does): asserts the same bundle, byte for byte; returns
    how many shards Pagefind indexed with the cache."""
    search.index_site(site, frequent_pages=2)
    fresh = bundle_bytes(site)
    before = len(runs)
    search.index_site(site, frequent_pages=2, cache=cache, alongside=start_forked)
    assert bundle_bytes(site) == fresh
    # the fragment files are kept, to be linked into the next build's site folder ahead
    kept = search.kept_fragments(cache)
    fragments = {p for p in fresh if p.startswith(search_pack.FRAGMENTS + "/")}
    assert {path.removeprefix(search.BUNDLE + "/") for _, path in kept} == fragments
    assert all(Path(source).read_bytes() == (site / path).read_bytes() for source, path in kept)
    assert len(list((cache / search.FRAGMENT_FILES).iterdir())) == len(fragments)
    return len(runs) - before


def shard_of(site: Path, folder: str) -> int:
    pages = search.indexable_pages(site)
    page = Path(folder, "index.html")
    return next(n for n, shard in enumerate(search.shards_of(pages)) if page in shard)


def test_cached_index_equals_a_fresh_one_and_indexes_only_changed_shards(tmp_path, counted, capsys):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache" / "pencarian"
    shards = len(search.shards_of(search.indexable_pages(site)))
    assert shards >= 4
    assert index_both_ways(site, cache, counted) == shards  # an empty cache: every shard
    assert index_both_ways(site, cache, counted) == 0  # nothing changed
    assert entries(cache) == {
        search.LAST_RUN,
        search.FRAGMENT_FILES,
        search.WORD_LISTS,
        search_pack.LISTS_ENTRY,
    } | {search.shard_key(site, shard) for shard in search.shards_of(search.indexable_pages(site))}

    # a shard with a third of its pages changed is indexed whole
    write_page(site, "berita/halaman-3", page_html(3, "berita", "tambahan kata baru sekali"))
    assert index_both_ways(site, cache, counted) == 1  # one page edited
    assert counted[-1] == len(
        next(
            s
            for s in search.shards_of(search.indexable_pages(site))
            if Path("berita/halaman-3/index.html") in s
        )
    )

    # the rest shows the shards composed: Pagefind reads only the changed pages
    search.COMPOSED_SHARE, share = 1.0, search.COMPOSED_SHARE
    try:
        check_changes(site, cache, counted)
    finally:
        search.COMPOSED_SHARE = share
    assert "rusak" not in capsys.readouterr().out


def check_changes(site: Path, cache: Path, counted: list[int]) -> None:
    """Edits, an addition, a removal and renames: the same bundle as from scratch, Pagefind
    run on the changed pages only."""
    write_page(site, "berita/halaman-3", page_html(3, "berita", "kata lain lagi"))
    assert index_both_ways(site, cache, counted) == 1 and counted[-1] == 1  # one page edited
    # an English page and a product: other languages and meta fields
    write_page(site, "en/catalog/halaman-2", page_html(2, "en", "woven basket"))
    write_page(site, "katalog/halaman-1", page_html(1, "katalog", "harga baru"))
    runs = index_both_ways(site, cache, counted)
    assert sorted(counted[len(counted) - runs :]) in ([1, 1], [2])

    write_page(site, "katalog/halaman-baru", page_html(40, "katalog"))
    assert index_both_ways(site, cache, counted) == 1 and counted[-1] == 1  # one page added

    shutil.rmtree(site / "berita" / "halaman-6")
    assert index_both_ways(site, cache, counted) == 0  # one page removed: nothing to read

    # renamed: into another shard (one loses it, one reads it), then within its shard
    html = (site / "katalog/halaman-4/index.html").read_text()
    moved = next(n for n in names("katalog/pindah") if not same_shard(site, "katalog/halaman-4", n))
    shutil.rmtree(site / "katalog/halaman-4")
    write_page(site, moved, html)
    assert index_both_ways(site, cache, counted) == 1 and counted[-1] == 1
    kept = next(n for n in names("katalog/tetap") if same_shard(site, moved, n))
    shutil.rmtree(site / moved)
    write_page(site, kept, html)
    assert index_both_ways(site, cache, counted) == 1 and counted[-1] == 1

    # a page now without a marked part would be indexed whole on its own: its shard is not
    write_page(site, "katalog/halaman-7", '<html lang="id"><body><p>kosong</p></body></html>')
    index_both_ways(site, cache, counted)
    assert counted[-1] > 1

    # the cache holds the entries of the last run only
    keys = {search.shard_key(site, s) for s in search.shards_of(search.indexable_pages(site))}
    assert entries(cache) == keys | {
        search.LAST_RUN,
        search.FRAGMENT_FILES,
        search.WORD_LISTS,
        search_pack.LISTS_ENTRY,
    }


def entries(cache: Path) -> set[str]:
    """The cache's entries, those of the page lists of each index chunk as one name."""
    found = {p.name for p in cache.iterdir()}
    lists = {name for name in found if name.startswith(search_pack.LISTS_ENTRY + "-")}
    assert lists  # at least one chunk
    return found - lists | {search_pack.LISTS_ENTRY}


def names(stem: str) -> list[str]:
    return [f"{stem}-{n}" for n in range(100)]


def same_shard(site: Path, folder: str, other: str) -> bool:
    """Would a page at `other` be in the shard of `folder` (as many pages as now)?"""
    count = len(search.shards_of(search.indexable_pages(site)))
    number = search.shard_number
    return number(Path(folder, "index.html"), count) == number(Path(other, "index.html"), count)


def test_an_edit_patches_the_last_page_lists_instead_of_joining_them(tmp_path, monkeypatch):
    """Pages are numbered by word count, so a page that grows or shrinks moves past others
    and renumbers them: each word's page list is the last build's, patched (only the lists
    of words new to the site are joined from the shards), and equals a fresh one."""
    site = make_site(tmp_path / "site", count=40)
    cache = tmp_path / "cache"
    search.index_site(site, frequent_pages=2, cache=cache)
    joined, moves = [], []
    join, move = search_pack._joined_pages, search_pack._moves
    monkeypatch.setattr(search_pack, "_joined_pages", lambda *a: joined.append(1) or join(*a))
    monkeypatch.setattr(search_pack, "_moves", lambda *a: moves.append(move(*a)) or moves[-1])
    for text in ("songket " + "batik tenun kayu " * 6, "", "anyaman"):  # grows, shrinks back
        write_page(site, "berita/halaman-3", page_html(3, "berita", text))
        joined.clear()
        search.index_site(site, frequent_pages=2, cache=cache)
        cached = bundle_bytes(site)
        assert moves[-1] is not None and set(moves[-1].steps) != {0}  # pages renumbered
        assert joined == ([1] if text.startswith("songket") else [])  # the new word only
        search.index_site(site, frequent_pages=2)
        assert bundle_bytes(site) == cached
    assert {step for each in moves for step in each.steps} >= {-1, 1}


@pytest.mark.parametrize("damage", ["garbage", "other data"])
def test_damaged_page_lists_are_joined_anew(tmp_path, capsys, damage):
    site = make_site(tmp_path / "site", count=20)
    cache = tmp_path / "cache"
    search.index_site(site, frequent_pages=2, cache=cache)
    write_page(site, "berita/halaman-3", page_html(3, "berita", "batik " * 9))
    for entry in cache.glob(f"{search_pack.LISTS_ENTRY}-*"):
        if damage == "garbage":
            entry.write_bytes(b"rusak")
        else:  # well formed, with a valid digest, but no chunk's lists
            from kriya.cache_files import CacheFolder

            CacheFolder(cache, "").write(entry.name, {"batik": [1, 2]})
    capsys.readouterr()
    search.index_site(site, frequent_pages=2, cache=cache)
    cached = bundle_bytes(site)
    note = search.CACHE_NOTE + "\n" if damage == "garbage" else ""
    assert capsys.readouterr().out == note
    search.index_site(site, frequent_pages=2)
    assert bundle_bytes(site) == cached


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other data", "unreadable"])
def test_a_damaged_cache_entry_costs_its_shard_and_one_note(tmp_path, counted, capsys, damage):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "pencarian"
    search.index_site(site, frequent_pages=2, cache=cache)
    fresh = bundle_bytes(site)
    shards = search.shards_of(search.indexable_pages(site))
    for entry in sorted(cache / search.shard_key(site, shard) for shard in shards)[:2]:
        if damage == "truncated":
            entry.write_bytes(entry.read_bytes()[:-100])
        elif damage == "garbage":
            entry.write_bytes(b"\x00garbage" * 50)
        elif damage == "other data":  # well formed, with a valid digest, but not a shard
            from kriya.cache_files import CacheFolder

            CacheFolder(cache, "").write(entry.name, {"bundle": [1, 2]})
        else:
            entry.unlink()
            entry.mkdir()  # a folder where the file was: reading it fails
    capsys.readouterr()
    before = len(counted)
    search.index_site(site, frequent_pages=2, cache=cache)
    assert bundle_bytes(site) == fresh
    assert len(counted) - before == 2
    assert capsys.readouterr().out == search.CACHE_NOTE + "\n"  # one line, however many
    search.index_site(site, frequent_pages=2, cache=cache)
    before = len(counted)
    search.index_site(site, frequent_pages=2, cache=cache)  # repaired
    assert len(counted) == before and capsys.readouterr().out == ""
    assert bundle_bytes(site) == fresh


def test_a_missing_or_unusable_cache_folder_gives_the_full_index(tmp_path, counted, capsys):
    site = make_site(tmp_path / "site")
    search.index_site(site, frequent_pages=2)
    fresh = bundle_bytes(site)
    search.index_site(site, frequent_pages=2, cache=tmp_path / "belum" / "ada")  # first build
    assert bundle_bytes(site) == fresh and capsys.readouterr().out == ""
    assert (tmp_path / "belum" / "ada").is_dir()
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder")
    search.index_site(site, frequent_pages=2, cache=blocked)
    assert bundle_bytes(site) == fresh
    assert capsys.readouterr().out == search.CACHE_NOTE + "\n"


def test_a_new_shard_count_moves_pages_and_the_cache_follows(tmp_path, counted):
    site = make_site(tmp_path / "site", count=12)  # 4 shards of 3
    cache = tmp_path / "pencarian"
    index_both_ways(site, cache, counted)
    write_page(site, "berita/halaman-13", page_html(13, "berita"))  # 13 pages: 5 shards
    assert index_both_ways(site, cache, counted) == len(
        search.shards_of(search.indexable_pages(site))
    )


# The link check


def link_site(root: Path) -> Path:
    pages = {
        "index.html": '<a href="berita/a/">a</a><a href="berita/b/">b</a>',
        "berita/a/index.html": '<a href="../b/">b</a>\n<img src="../../media/x.webp">',
        "berita/b/index.html": '<a href="../a/">a</a><a href="/berita/c/">c</a>',
        "berita/c/index.html": '<a href="../../">home</a>',
        "katalog/d/index.html": '<a href="../../berita/c/">c</a><img src="../../media/y.webp">',
        "media/x.webp": "x",
        "media/y.webp": "y",
    }
    for rel, text in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def reads(monkeypatch):
    """Pages whose links the check reads."""
    found: list[str] = []
    links = linkcheck._links
    monkeypatch.setattr(linkcheck, "_links", lambda text: found.append(text) or links(text))
    return found


def check_both_ways(site: Path, cache: Path, reads: list) -> tuple[list[str], int]:
    fresh = linkcheck.check_site(site, "https://uji.example/")
    before = len(reads)
    cached = linkcheck.check_site(site, "https://uji.example/", cache)
    assert cached == fresh
    return cached, len(reads) - before


def test_link_check_with_cache_rereads_only_what_could_change(tmp_path, reads, capsys):
    site = link_site(tmp_path / "site")
    cache = tmp_path / "tautan"
    assert check_both_ways(site, cache, reads) == ([], 5)
    assert check_both_ways(site, cache, reads) == ([], 0)
    (site / "media" / "z.webp").write_text("z")  # a file added breaks nothing
    assert check_both_ways(site, cache, reads) == ([], 0)

    # a target deleted: the unchanged pages linking to it are read again, and fail
    shutil.rmtree(site / "berita" / "c")
    assert check_both_ways(site, cache, reads) == (
        ["berita/b/index.html:1: /berita/c/", "katalog/d/index.html:1: ../../berita/c/"],
        2,
    )
    # broken pages are read every time, until the target is back
    assert check_both_ways(site, cache, reads)[1] == 2
    (site / "berita" / "c").mkdir()
    (site / "berita" / "c" / "index.html").write_text("<p>kembali</p>")
    assert check_both_ways(site, cache, reads) == ([], 1)  # the page back; b and d as before

    # a page edited: only it is read
    (site / "berita" / "a" / "index.html").write_text(
        '<a href="../b/">b</a>\n<a href="../x/">x</a>'
    )
    assert check_both_ways(site, cache, reads) == (["berita/a/index.html:2: ../x/"], 1)
    assert capsys.readouterr().out == ""


def test_link_check_entry_read_ahead_is_used_as_read_from_the_cache(tmp_path, reads, capsys):
    """A build reads the link check's entry while the site renders (`read_ahead`)."""
    site = link_site(tmp_path / "site")
    cache = tmp_path / "tautan"
    linkcheck.check_site(site, "https://uji.example/", cache)
    assert linkcheck.read_ahead(cache, "https://uji.example/other/") is None  # another entry
    ahead = linkcheck.read_ahead(cache, "https://uji.example/")
    (entry,) = cache.iterdir()
    before = len(reads)
    assert linkcheck.check_site(site, "https://uji.example/", cache, ahead=ahead) == []
    assert len(reads) == before and entry.exists()  # nothing changed: the entry stays
    entry.write_bytes(b"rusak")  # damaged since: only what was read ahead can serve
    (site / "berita" / "a" / "index.html").write_text('<a href="../x/">x</a>')
    before = len(reads)
    found = linkcheck.check_site(site, "https://uji.example/", cache, ahead=ahead)
    assert found == ["berita/a/index.html:1: ../x/"] and len(reads) - before == 1
    assert capsys.readouterr().out == ""
    assert [p.name for p in cache.iterdir()] == [entry.name]  # kept for the next run


def test_link_check_cache_depends_on_the_site_address(tmp_path, reads):
    site = link_site(tmp_path / "site")
    cache = tmp_path / "tautan"
    linkcheck.check_site(site, "https://uji.example/", cache)
    before = len(reads)
    # under /sub/, the absolute link /berita/c/ leaves the site: broken
    assert linkcheck.check_site(site, "https://uji.example/sub/", cache) == [
        "berita/b/index.html:1: /berita/c/"
    ]
    assert len(reads) - before == 5
    assert len(list(cache.iterdir())) == 1


def test_link_cache_entry_keeps_the_numbers_of_pages_not_read_until_most_are_unused():
    def paths(entry):
        return {rel: [entry["t"][n] for n in targets] for rel, (_, targets) in entry["p"].items()}

    names = ["a/", "b/", "c/", "d/"]
    pages = {"x.html": (b"1", [0, 1]), "y.html": (b"2", ["e/", "a/"])}  # y read: paths
    entry = linkcheck._entry(pages, names, {"y.html"})
    assert entry["t"] == [*names, "e/"]  # nothing renumbered, the new target at the end
    assert entry["p"]["x.html"] == [b"1", [0, 1]]
    assert paths(entry) == {"x.html": ["a/", "b/"], "y.html": ["e/", "a/"]}
    # x gone: 2 targets of 5 used, numbered anew in order
    entry = linkcheck._entry({"y.html": tuple(entry["p"]["y.html"])}, entry["t"], set())
    assert entry["t"] == ["a/", "e/"]
    assert paths(entry) == {"y.html": ["e/", "a/"]}


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other data"])
def test_a_damaged_link_cache_means_a_full_check_and_one_note(tmp_path, reads, capsys, damage):
    site = link_site(tmp_path / "site")
    cache = tmp_path / "tautan"
    linkcheck.check_site(site, "https://uji.example/", cache)
    (entry,) = cache.iterdir()
    if damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:-10])
    elif damage == "garbage":
        entry.write_bytes(b"sampah" * 20)
    else:
        from kriya.cache_files import CacheFolder

        CacheFolder(cache, "").write(entry.name, {"berita/a/index.html": 3})
    shutil.rmtree(site / "berita" / "c")
    before = len(reads)
    assert linkcheck.check_site(site, "https://uji.example/", cache) == [
        "berita/b/index.html:1: /berita/c/",
        "katalog/d/index.html:1: ../../berita/c/",
    ]
    assert len(reads) - before == 4
    assert capsys.readouterr().out == linkcheck.CACHE_NOTE + "\n"


# What the build knows of each page: the digest of its inputs instead of its bytes


def test_given_page_digests_key_the_shards_without_reading_those_pages(tmp_path, counted):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "pencarian"
    pages = [p.as_posix() for p in search.indexable_pages(site)]
    digests = {page: f"{n:064x}" for n, page in enumerate(pages)}
    search.index_site(site, frequent_pages=2, cache=cache, digests=digests)
    # a page's bytes changed under the same digest: trusted, so no shard is indexed again
    edited = "berita/halaman-3"
    write_page(site, edited, page_html(3, "berita", "kata yang tidak terlihat"))
    before = len(counted)
    search.index_site(site, frequent_pages=2, cache=cache, digests=digests)
    assert len(counted) == before
    # a new digest for that page: its shard only, and the bundle of its bytes
    digests[f"{edited}/index.html"] = "f" * 64
    search.index_site(site, frequent_pages=2, cache=cache, digests=digests)
    assert len(counted) == before + 1
    cached = bundle_bytes(site)
    search.index_site(site, frequent_pages=2)
    assert bundle_bytes(site) == cached


def test_given_page_digests_spare_the_link_check_reading_those_pages(tmp_path, reads):
    site = link_site(tmp_path / "site")
    cache = tmp_path / "tautan"
    digests = {"berita/a/index.html": "a" * 64, "berita/b/index.html": "b" * 64}
    assert linkcheck.check_site(site, "https://uji.example/", cache, digests) == []
    before = len(reads)
    assert linkcheck.check_site(site, "https://uji.example/", cache, digests) == []
    assert len(reads) == before
    # a broken link written under an unchanged digest is trusted; a new digest reads it
    (site / "berita/a/index.html").write_text('<a href="../hilang/">x</a>')
    assert linkcheck.check_site(site, "https://uji.example/", cache, digests) == []
    digests["berita/a/index.html"] = "c" * 64
    assert linkcheck.check_site(site, "https://uji.example/", cache, digests) == [
        "berita/a/index.html:1: ../hilang/"
    ]
    assert len(reads) == before + 1


def test_kept_fragments_linked_into_a_new_site_are_replaced_not_changed(tmp_path, counted):
    """A build links the last bundle's fragment files (kept in the cache, shared with the last
    site) into its new site folder ahead; those that differ are replaced there, never
    changed in place: the last site and the cache keep what they held."""
    from kriya.adapter import internals

    first = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    search.index_site(first, frequent_pages=2, cache=cache)
    before = bundle_bytes(first)
    second = tmp_path / "baru"
    shutil.copytree(first, second, ignore=shutil.ignore_patterns(search.BUNDLE))
    # a longer page takes another place in the word-count order: fragments change names
    write_page(second, "berita/halaman-0", page_html(0, "berita", "kata " * 40))
    linked = internals.link_outputs(search.kept_fragments(cache), str(second))
    assert len(linked) == len([p for p in before if p.startswith(search_pack.FRAGMENTS)])
    search.index_site(second, frequent_pages=2, cache=cache)
    assert bundle_bytes(first) == before
    search.index_site(second, frequent_pages=2)
    fresh = bundle_bytes(second)
    assert fresh != before
    assert all(
        Path(source).read_bytes() == (second / path).read_bytes()
        for source, path in search.kept_fragments(cache)
    )


def test_shards_read_ahead_are_used_as_read_from_the_cache(tmp_path, counted, capsys):
    """A build reads the last run's shards while the site renders (`read_ahead`); the index
    then takes them from what was read."""
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    search.index_site(site, frequent_pages=2, cache=cache)
    before = bundle_bytes(site)
    ahead = search.read_ahead(cache)
    keys = {search.shard_key(site, s) for s in search.shards_of(search.indexable_pages(site))}
    assert set(ahead) == keys | {search.WORD_LISTS} | {
        p.name for p in cache.iterdir() if p.name.startswith(search_pack.LISTS_ENTRY + "-")
    }
    for key in ahead:  # damaged since: only what was read ahead can serve
        (cache / key).write_bytes(b"rusak")
    runs = len(counted)
    search.index_site(site, frequent_pages=2, cache=cache, ahead=ahead)
    assert len(counted) == runs and bundle_bytes(site) == before
    assert capsys.readouterr().out == ""
    assert keys <= {p.name for p in cache.iterdir()}  # kept for the next run


def test_a_shard_that_cannot_be_composed_is_indexed_whole(tmp_path, counted, monkeypatch):
    site = make_site(tmp_path / "site")
    cache = tmp_path / "cache"
    index_both_ways(site, cache, counted)
    monkeypatch.setattr(search, "COMPOSED_SHARE", 1.0)
    monkeypatch.setattr(search, "compose", lambda old, gone, new: None)
    write_page(site, "berita/halaman-3", page_html(3, "berita", "kata lain lagi"))
    shard = next(
        s
        for s in search.shards_of(search.indexable_pages(site))
        if Path("berita/halaman-3/index.html") in s
    )
    assert index_both_ways(site, cache, counted) == 2  # the page alone, then its whole shard
    assert counted[-2:] == [1, len(shard)]
