"""Search: the Pagefind index of the fixture site, and the header box, the /cari/ page and
window.kriya.search in headless Chromium."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

PUBLISHED = {
    "/berita/rakernas-uji/",
    "/berita/pelatihan-uji/",
    "/berita/pameran-uji/",
    "/katalog/batik-uji/",
    "/katalog/keripik-uji/",
    "/katalog/tas-uji/",
}
ENGLISH = {"/en/catalog/batik-uji/", "/en/catalog/keripik-uji/"}  # in the English index


def fragments(site: Path) -> list[dict]:
    return [
        json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))
        for p in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    ]


def test_index_holds_exactly_the_published_items(built_site):
    assert {f["url"] for f in fragments(built_site)} == PUBLISHED | ENGLISH


def test_drafts_and_future_items_are_not_in_the_index(built_site):
    bundle = built_site / "pagefind"
    texts = [json.dumps(f) for f in fragments(built_site)]
    texts += [
        gzip.decompress(p.read_bytes()).decode("latin-1")
        for p in bundle.rglob("*")
        if p.suffix in (".pf_index", ".pf_meta", ".pf_filter")
    ]
    texts += [p.read_text(encoding="utf-8") for p in (bundle / "kriya-kata").glob("*.json")]
    assert texts
    for text in texts:
        for marker in ("DRAFTFIXTURE", "FUTUREFIXTURE"):
            assert marker.lower() not in text.lower(), marker


def test_only_main_content_is_indexed(built_site):
    by_url = {f["url"]: f for f in fragments(built_site)}
    article = by_url["/berita/pelatihan-uji/"]
    assert "Berita sebelumnya" not in article["content"]  # neighbours' titles are not indexed
    assert "Dekranasda Uji" not in article["content"]  # header and footer are not indexed
    product = by_url["/katalog/keripik-uji/"]
    assert product["filters"]["jenis"] == ["produk"]
    assert product["filters"]["kecamatan"] == ["Tiris"]
    assert set(product["filters"]["sertifikasi"]) == {"P-IRT", "Halal"}
    assert product["meta"]["harga"] == "Rp 15.000 – Rp 45.000"


def test_bundle_is_packed_with_short_fragment_names(built_site):
    from kriya.search_pack import read_file as _read

    bundle = built_site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    meta = _read(bundle / f"pagefind.{entry['languages']['id']['hash']}.pf_meta")
    names = [name for name, _ in meta[1]]
    prefix = "id_" if len(entry["languages"]) > 1 else ""  # English pages: a second index
    assert names == [prefix + format(i, "x") for i in range(len(names))]  # base 36 below 10
    counts = [count for _, count in meta[1]]
    assert counts == sorted(counts)
    assert {p.stem for p in (bundle / "fragment").glob(prefix + "*.pf_fragment")} == set(names)
    assert meta[4] == []  # no sort lists: nothing uses them
    chunks = {p.stem for p in (bundle / "index").glob("id_*.pf_index")}
    assert {name for _, _, name in meta[2]} == chunks


def _fake_shard(folder: Path, pages: list, words: list, filters: list, fields: list) -> Path:
    """A bundle in Pagefind 1.5's layout: one index chunk, one filter file."""
    import cbor2

    from kriya.search_pack import MAGIC

    def _write(path: Path, value) -> None:
        path.write_bytes(gzip.compress(MAGIC + cbor2.dumps(value), mtime=0))

    for sub in ("fragment", "index", "filter"):
        (folder / sub).mkdir(parents=True)
    _write(folder / "index" / "id_x.pf_index", [sorted(words, key=lambda w: w[0])])
    _write(folder / "filter" / "id_f.pf_filter", ["jenis", filters])
    for name, _ in pages:
        (folder / "fragment" / f"{name}.pf_fragment").write_bytes(
            gzip.compress(b"pagefind_dcd" + json.dumps({"url": name}).encode())
        )
    _write(
        folder / "pagefind.id_m0.pf_meta",
        ["1.5.2", pages, [["k", "l", "id_x"]], [["jenis", "id_f"]], [], fields],
    )
    (folder / "pagefind-entry.json").write_text(
        json.dumps(
            {
                "version": "1.5.2",
                "languages": {"id": {"hash": "id_m0", "wasm": "id", "page_count": len(pages)}},
            }
        )
    )
    (folder / "pagefind.js").write_text("// Pagefind")
    return folder


def _decoded(bundle: Path) -> tuple[dict, dict, list]:
    """word -> [(fragment url, positions, meta positions by field name)], variants alike,
    filters -> {value: {urls}}, checking chunk ranges and gaps on the way."""
    from kriya.search_pack import read_file as _read

    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    meta = _read(bundle / f"pagefind.{entry['languages']['id']['hash']}.pf_meta")
    assert entry["languages"]["id"]["page_count"] == len(meta[1])
    urls = [
        json.loads(
            gzip.decompress(
                (bundle / "fragment" / f"{name}.pf_fragment").read_bytes()
            ).removeprefix(b"pagefind_dcd")
        )["url"]
        for name, _ in meta[1]
    ]

    def pages_of(word_pages):
        number, found = 0, []
        for gap, locs, meta_locs in word_pages:
            assert gap >= 0 and (gap > 0 or not found)
            number += gap
            named = [meta[5][-x - 1] if x < 0 else x for x in meta_locs]
            found.append((urls[number], locs, named))
        return found

    words = {}
    for low, high, name in meta[2]:
        for word, word_pages, variants in _read(bundle / "index" / f"{name}.pf_index")[0]:
            assert low <= word[: len(low)] and word[: len(high)] <= high
            words[word] = (
                pages_of(word_pages),
                {variant: pages_of(vp) for variant, vp in variants},
            )
    filters = {}
    for name, file in meta[3]:
        stored_name, values = _read(bundle / "filter" / f"{file}.pf_filter")
        assert stored_name == name and [v for v, _ in values] == sorted(v for v, _ in values)
        filters[name] = {value: {urls[n] for n in numbers} for value, numbers in values}
    return words, filters, meta


def test_pack_merges_shards_keeping_every_word_page_and_field(tmp_path, monkeypatch):
    """Renumbering, re-chunking and joining shards keep each word's pages, positions, meta
    fields and spelling variants, and each filter's pages."""
    from kriya import search_pack

    monkeypatch.setattr(search_pack, "CHUNK_BYTES", 100)
    one = _fake_shard(
        tmp_path / "a",
        [["id_a", 30], ["id_b", 10], ["id_c", 20]],
        [[f"kata{i:03}", [[0, [1, 2], [-1, 4]], [2, [5], []]], []] for i in range(300)]
        + [
            ["kata", [[1, [7], []]], []],
            ["katalog", [[0, [3], []]], []],
            ["rame", [], [["ramé", [[1, [6], []], [1, [8], [-2, 0]]]]]],
        ],
        [["produk", [0, 2]]],
        ["image", "title"],
    )
    two = _fake_shard(
        tmp_path / "b",
        [["id_d", 15], ["id_e", 5]],
        [
            ["kata001", [[1, [9], [-1, 0]]], []],
            ["zebra", [[0, [1], []]], []],
            ["rame", [[0, [2], []]], [["ramé", [[1, [4], []]]]]],
        ],
        [["berita", [0]], ["produk", [1]]],
        ["harga", "title"],
    )
    bundle = tmp_path / "site" / "pagefind"
    search_pack.pack([search_pack.read_bundle(one), search_pack.read_bundle(two)], bundle)
    words, filters, meta = _decoded(bundle)
    # one page list in order of word count across the shards (id_e, id_b, id_d, id_c, id_a)
    assert meta[1] == [["0", 5], ["1", 10], ["2", 15], ["3", 20], ["4", 30]]
    assert meta[5] == ["harga", "image", "title"]
    assert (bundle / "pagefind.js").exists()
    assert len(meta[2]) > 10
    for i in range(300):
        expected = [("id_c", [5], []), ("id_a", [1, 2], ["image", 4])]  # new numbers 3, 4
        if i == 1:  # field 0 of the second shard; page 0, before the first shard's pages
            expected.insert(0, ("id_e", [9], ["harga", 0]))
        assert words[f"kata{i:03}"] == (expected, {})
    assert words["kata"] == ([("id_b", [7], [])], {})
    assert words["zebra"] == ([("id_d", [1], [])], {})
    assert words["rame"] == (
        [("id_d", [2], [])],
        {"ramé": [("id_e", [4], []), ("id_b", [6], []), ("id_c", [8], ["title", 0])]},
    )
    chunk_of = {
        word: name
        for low, high, name in meta[2]
        for word in words
        if low <= word[: len(low)] and word[: len(high)] <= high
    }
    assert chunk_of["kata"] == chunk_of["kata000"]  # a word and its extensions stay together
    assert filters == {"jenis": {"berita": {"id_d"}, "produk": {"id_a", "id_c", "id_e"}}}

    # the chunks joined on forked workers: the same bundle, byte for byte
    from kriya.speed.workers import parallel_map

    def forked(step, function, items, chunksize=1):
        return parallel_map(function, items, minimum=1, chunksize=chunksize)

    again = tmp_path / "again"
    search_pack.pack([search_pack.read_bundle(one), search_pack.read_bundle(two)], again, forked)

    def files(folder):
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    assert files(again) == files(bundle)


def test_sharded_index_finds_what_one_index_finds(built_site, tmp_path, monkeypatch):
    """Pagefind run on shards of two pages, merged, holds the same words, positions,
    variants, filters and fragments as one run over the whole site."""
    import shutil

    from kriya import search

    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
    extra = site / "berita" / "kafe-uji" / "index.html"
    extra.parent.mkdir()
    extra.write_text(
        '<html lang="id"><body><main data-pagefind-body><h1>Kafé uji</h1>'
        "<p>Pasar ramé di kafé pengrajin.</p></main></body></html>"
    )
    search.index_site(site)
    single = _decoded(site / "pagefind")
    single_fragments = sorted(map(json.dumps, fragments(site)))
    shards, command = [], search.pagefind_command
    monkeypatch.setattr(search, "SHARD_PAGES", 2)
    monkeypatch.setattr(
        search,
        "pagefind_command",
        lambda source, output: shards.append(output) or command(source, output),
    )
    search.index_site(site)
    assert len(shards) == len(search.shards_of(search.indexable_pages(site))) > 2  # of 9 pages
    sharded = _decoded(site / "pagefind")

    def by_url(words):  # page numbers (and so the order of a word's pages) differ
        return {
            word: (sorted(pages), {v: sorted(vp) for v, vp in variants.items()})
            for word, (pages, variants) in words.items()
        }

    assert by_url(sharded[0]) == by_url(single[0]) and sharded[1] == single[1]
    # one page list in order of word count, not one run of counts a shard: it compresses
    counts = [count for _, count in sharded[2][1]]
    assert counts == sorted(counts)
    assert "ramé" in sharded[0]["rame"][1] and sharded[0]["rame"][1]["ramé"]
    assert sorted(map(json.dumps, fragments(site))) == single_fragments


def test_vocabulary_is_written_for_spelling_correction(built_site):
    shard = json.loads((built_site / "pagefind" / "kriya-kata" / "k.json").read_text())
    assert "keripik" in shard["w"]
    assert len(shard["w"]) == len(shard["n"])


@pytest.fixture
def page(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.errors = []
    # Missing files are checked by URL below, so other pages' requests do not count here.
    page.on(
        "console",
        lambda msg: (
            page.errors.append(msg.text)
            if msg.type in ("error", "warning") and "Failed to load resource" not in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "response",
        lambda r: (
            page.errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and ("pagefind" in r.url or "search" in r.url)
            else None
        ),
    )
    yield page
    assert page.errors == []
    page.close()


def test_nothing_of_the_search_loads_before_the_visitor_searches(page, site_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "katalog/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "pagefind" in u or "search.js" in u]
    with page.expect_request(lambda r: r.url.endswith("pagefind/pagefind.js")):
        page.focus("#kriya-search-q")


def test_search_function_returns_ranked_results(page, site_url):
    page.goto(site_url)
    results = page.evaluate("window.kriya.search('keripik mangga')")
    first = results[0]
    assert first["url"] == "/katalog/keripik-uji/"
    assert first["type"] == "produk" and first["title"] == "Keripik Uji"
    assert first["price"] == "Rp 15.000 – Rp 45.000"
    assert first["excerpt"] == "Keripik mangga uji."
    batik = page.evaluate("window.kriya.search('batik')")[0]
    assert batik["image"].endswith(".webp")  # a small thumbnail, never the original photo
    status = page.evaluate("url => fetch(url).then(r => r.status)", batik["image"])
    assert status == 200


def test_search_corrects_a_misspelt_word_and_knows_variants(page, site_url):
    page.goto(site_url)
    assert page.evaluate("window.kriya.search('keripk')")[0]["url"] == "/katalog/keripik-uji/"
    # the fixture says "perajin"; visitors also write "pengrajin"
    urls = [r["url"] for r in page.evaluate("window.kriya.search('pengrajin')")]
    assert "/berita/rakernas-uji/" in urls


@pytest.mark.parametrize("width", [375, 1280])
def test_header_box_shows_results_with_price(browser, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and ("pagefind" in r.url or "search" in r.url)
            else None
        ),
    )
    page.goto(site_url + "berita/")
    page.fill("#kriya-search-q", "batik")
    item = page.locator(".kriya-search__panel .kriya-hasil__item").first
    item.wait_for()
    assert "Batik Uji" in item.inner_text() and "Rp 350.000" in item.inner_text()
    assert "produk" in item.inner_text().casefold()
    assert item.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator(".kriya-search__semua").click()
    page.wait_for_url("**/cari/?q=batik")
    page.locator(".kriya-cari__hasil .kriya-hasil__item").first.wait_for()
    assert errors == []
    page.close()


def test_search_page_browses_by_facet_without_a_query(page, site_url):
    page.goto(site_url + "cari/?kecamatan=Tiris")
    page.locator(".kriya-cari__hasil .kriya-hasil__item").first.wait_for()
    titles = page.locator(".kriya-cari__hasil .kriya-hasil__judul").all_inner_texts()
    assert titles == ["Keripik Uji"]
    assert page.locator('input[name="kecamatan"][value="Tiris"]').is_checked()
    page.locator('input[name="kecamatan"][value="Tiris"]').uncheck()
    page.locator('input[name="jenis"][value="berita"]').check()
    page.wait_for_function("document.querySelectorAll('.kriya-cari__hasil li').length === 3")
    types = page.locator(".kriya-cari__hasil .kriya-hasil__jenis").all_inner_texts()
    assert {t.casefold() for t in types} == {"berita"}
    assert "jenis=berita" in page.url


def test_search_page_combines_query_and_facets(page, site_url):
    page.goto(site_url + "cari/?q=uji&jenis=produk&sertifikasi=Halal")
    page.locator(".kriya-cari__hasil .kriya-hasil__item").first.wait_for()
    titles = page.locator(".kriya-cari__hasil .kriya-hasil__judul").all_inner_texts()
    assert titles == ["Keripik Uji"]
    facets = page.locator(".kriya-cari__facet legend").all_inner_texts()
    assert facets == ["Jenis", "Kategori", "Kecamatan", "Sertifikasi"]


FACET_COUNTS = """() => Object.fromEntries([...document.querySelectorAll(
    '.kriya-cari__facet label:not([hidden])')].map(l => [l.dataset.key,
    Number(l.querySelector('.kriya-cari__jumlah').textContent.slice(1, -1))]))"""


def facet_counts(page, url: str) -> dict:
    """The counts /cari/ shows once it has answered `url` ({"kategori=Batik": 1, ...})."""
    page.goto(url)
    page.wait_for_selector(".kriya-cari--siap")
    page.wait_for_function(
        "!document.querySelector('.kriya-cari__status').textContent.includes('…')"
    )
    page.wait_for_timeout(200)  # counts follow the results
    return page.evaluate(FACET_COUNTS)


def test_facet_counts_follow_the_query(page, site_url):
    everything = facet_counts(page, site_url + "cari/")
    assert everything["jenis=produk"] == 3 and everything["jenis=berita"] == 3
    counts = facet_counts(page, site_url + "cari/?q=keripik")
    assert counts != everything
    # each value shown counts the query's results having it; values with none are hidden
    for key in everything:
        name, value = key.split("=", 1)
        expected = page.evaluate(
            "([n, v]) => window.kriya.search('keripik', {filters: {[n]: v}, limit: 50})"
            ".then(r => r.length)",
            [name, value],
        )
        assert counts.get(key, 0) == expected, key
    assert counts == {
        "jenis=produk": 1,
        "kategori=Kuliner Olahan": 1,
        "kecamatan=Tiris": 1,
        "sertifikasi=Halal": 1,
        "sertifikasi=P-IRT": 1,
    }
    assert page.locator('label[data-key="kategori=Batik"]').is_hidden()
    # counts change as the visitor types
    page.fill("#kriya-cari-q", "batik")
    page.wait_for_function("""() => {
        const l = document.querySelector('label[data-key="kategori=Batik"]');
        return !l.hidden && l.textContent.includes('(1)'); }""")
    assert page.locator('label[data-key="kategori=Kuliner Olahan"]').is_hidden()


def test_facet_counts_leave_out_their_own_facet_and_keep_a_ticked_zero(page, site_url):
    # kategori Batik ticked: Anyaman still counts what it would add; jenis counts within Batik
    counts = facet_counts(page, site_url + "cari/?q=uji&kategori=Batik")
    assert counts["kategori=Anyaman"] == 1 and counts["kategori=Batik"] == 1
    assert counts["jenis=produk"] == 1 and "jenis=berita" not in counts
    # a ticked value with no result stays visible, enabled, so it can be unticked
    counts = facet_counts(page, site_url + "cari/?q=keripik&kategori=Batik")
    assert counts["kategori=Batik"] == 0
    box = page.locator('input[name="kategori"][value="Batik"]')
    assert box.is_visible() and box.is_enabled() and box.is_checked()
    box.uncheck()
    page.locator(".kriya-cari__hasil .kriya-hasil__item").first.wait_for()
    assert "Keripik Uji" in page.locator(".kriya-cari__hasil").inner_text()


def test_facet_counting_fetches_no_fragment(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    counts = facet_counts(page, site_url + "cari/?q=uji&jenis=produk")
    assert counts["jenis=berita"] == 3
    fragments_fetched = [u for u in requested if "/fragment/" in u]
    assert len(fragments_fetched) == 3  # the three results shown, nothing for counting
    page.close()


def test_search_page_shows_results_first_on_a_phone(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(site_url + "cari/?q=uji&jenis=produk&kecamatan=Tiris")
    first = page.locator(".kriya-cari__hasil .kriya-hasil__item").first
    first.wait_for()
    toggle = page.locator(".kriya-cari__tombol")
    assert toggle.inner_text() == "Saring (2)"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "kriya-cari-saring"
    option = page.locator(".kriya-cari__facet label:not([hidden]) input").first  # produk
    assert option.is_hidden()  # the filters wait behind the button
    top = first.bounding_box()["y"]
    assert 0 < top < 800 - 80, top  # the first result is on the first screen
    # keyboard: Tab to the button, Enter opens the sheet, Escape closes it and returns focus
    page.focus("#kriya-cari-q")
    page.keyboard.press("Tab")  # the form's "Cari" button
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('kriya-cari__tombol')")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert option.is_visible()
    assert page.evaluate("!!document.activeElement.closest('#kriya-cari-saring')")
    assert first.bounding_box()["y"] == top  # the sheet covers the results, moves nothing
    assert page.evaluate("document.activeElement.value") == "produk"
    page.keyboard.press("Space")  # unticks it; results and the button follow under the sheet
    page.wait_for_function(
        "document.querySelector('.kriya-cari__tombol').textContent === 'Saring (1)'"
    )
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert option.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('kriya-cari__tombol')")
    page.keyboard.press("Space")  # Space opens it too
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator(".kriya-cari__tutup").click()
    assert toggle.get_attribute("aria-expanded") == "false"
    page.close()


def test_search_page_shows_filters_beside_results_on_a_wide_screen(page, site_url):
    page.goto(site_url + "cari/?q=uji")
    first = page.locator(".kriya-cari__hasil .kriya-hasil__item").first
    first.wait_for()
    assert page.locator(".kriya-cari__tombol").is_hidden()
    option = page.locator(".kriya-cari__facet input").first
    assert option.is_visible()
    assert option.bounding_box()["x"] < first.bounding_box()["x"]  # a side column


def test_search_page_without_javascript_shows_no_filter_button(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url + "cari/?q=batik")
    assert page.locator(".kriya-cari__status").is_visible()
    assert "Katalog" in page.locator(".kriya-cari__status").inner_text()
    assert page.locator(".kriya-cari__tombol").is_hidden()
    assert page.locator(".kriya-cari__saring").is_hidden()
    context.close()


def _top_lists(pages: list[tuple[str, list, list]], counts, listed_pages, frequent_pages=None):
    """search_lists.top_lists over (name, title words, text words) of each page."""
    from kriya.search_lists import FREQUENT_PAGES, ListedPage, top_lists, weights

    postings: dict = {}
    for index, (_, title, text) in enumerate(pages):
        for word, weight in weights(title, text).items():
            found, values = postings.setdefault(word, ([], []))
            found.append(index)
            values.append(weight)
    listed = [ListedPage(name, len(text), {"u": name}) for name, _, text in pages]
    return top_lists(listed, postings, counts, listed_pages, frequent_pages or FREQUENT_PAGES)


def test_frequent_words_are_ranked_at_build_time():
    from kriya.search_lists import TOP_PAGES

    filler = ["kata"] * 40
    pages = [
        ("judul", ["tenun", "ikat"], ["tenun", "ikat"] + filler),
        ("sering", [], ["tenun"] * 5 + filler),
        ("sekali", [], ["tenun"] + filler),
        ("tanpa", [], ["batik"] + filler),
    ]
    counts = {"tenun": 3, "ikat": 1, "batik": 1, "kata": 4}
    lists = _top_lists(pages, counts, listed_pages=3)
    assert set(lists) == {"tenun", "kata"}  # only words on 3 or more pages
    tenun = lists["tenun"]
    assert tenun["n"] == 3
    assert tenun["p"] == ["judul", "sering", "sekali"]  # title first, then more mentions
    assert tenun["s"] == sorted(tenun["s"], reverse=True) and tenun["s"][-1] > 0
    assert tenun["c"] == [{"u": name} for name in tenun["p"]]
    many = [(str(i), [], ["kain"] * (i % 7 + 1) + filler) for i in range(TOP_PAGES + 50)]
    counts = {"kain": len(many)}
    every = _top_lists(many, counts, listed_pages=3)["kain"]  # fewer than FREQUENT_PAGES pages
    assert len(every["p"]) == len(many) and len(every["c"]) == TOP_PAGES
    best = _top_lists(many, counts, listed_pages=3, frequent_pages=len(many))["kain"]
    assert len(best["p"]) == TOP_PAGES and best["n"] == len(many)
    assert best["p"] == every["p"][:TOP_PAGES]
    assert best == _top_lists(list(reversed(many)), counts, 3, len(many))["kain"]


@pytest.fixture(scope="module")
def listed_site(built_site, tmp_path_factory):
    """The fixture site re-indexed with ranked lists for words on 2+ pages, served in a
    subfolder (like a GitHub Pages project site)."""
    import shutil

    from serve import serve_folder

    from kriya import search

    host = tmp_path_factory.mktemp("host")
    site = host / "arsip"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
    search.index_site(site, frequent_pages=2)
    assert (site / "pagefind" / "kriya-sering" / "uji.json").exists()
    with serve_folder(host, prefix="arsip/") as base:
        yield base


def test_frequent_words_are_read_from_their_lists_in_a_subfolder(page, listed_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(listed_site)
    results = page.evaluate("window.kriya.search('uji', {limit: 10})")
    urls = {r["url"] for r in results}
    assert urls == {"/arsip" + u for u in PUBLISHED}  # every published page, links intact
    assert any(u.endswith("kriya-sering/uji.json") for u in requested)
    assert not [u for u in requested if "/pagefind/index/" in u]  # Pagefind was not asked
    assert not [u for u in requested if "/pagefind/fragment/" in u]  # cards came with the list
    keripik = next(r for r in results if r["url"] == "/arsip/katalog/keripik-uji/")
    assert keripik["title"] == "Keripik Uji" and keripik["price"] == "Rp 15.000 – Rp 45.000"
    assert keripik["excerpt"] == "Keripik mangga uji."
    batik = next(r for r in results if r["url"] == "/arsip/katalog/batik-uji/")
    assert "/arsip/" in batik["image"] and batik["image"].endswith(".webp")
    status = page.evaluate("url => fetch(url).then(r => r.status)", batik["image"])
    assert status == 200
    # with a facet chosen, Pagefind filters as before
    filtered = page.evaluate("window.kriya.search('uji', {filters: {jenis: 'produk'}})")
    assert {r["url"] for r in filtered} == {"/arsip" + u for u in PUBLISHED if "katalog" in u}


def test_facet_counts_are_whole_when_a_ranked_list_keeps_only_the_best_pages(browser, fixture_copy):
    """A word on FREQUENT_PAGES pages or more has a list of its best TOP_PAGES only, which
    /cari/ reads for its first results; the counts must still cover every page with it."""
    from unittest import mock

    from conftest import run_script
    from serve import serve_folder

    from kriya import search, search_lists

    for i in range(30):
        (fixture_copy / "content" / "news" / f"2025-07-{i % 28 + 1:02d}-uji-{i}.md").write_text(
            f"---\ntitle: Kabar Uji {i}\ndate: 2025-07-{i % 28 + 1:02d}\n"
            "description: Kabar uji.\ncategories: [kegiatan]\n---\nIsi uji.\n"
        )
    assert run_script("build.py", root=fixture_copy).returncode == 0
    site = fixture_copy / "site"
    with mock.patch.object(search_lists, "TOP_PAGES", 25):  # above the 21 asked for
        search.index_site(site, frequent_pages=2)
    cut = json.loads((site / "pagefind" / "kriya-sering" / "uji.json").read_text())
    assert cut["n"] == 36 and len(cut["p"]) == 25
    with serve_folder(site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        counts = facet_counts(page, base + "cari/?q=uji")
        page.close()
    assert counts["jenis=produk"] == 3 and counts["jenis=berita"] == 33


def test_search_js_agrees_with_the_build():
    """search.js repeats a few of the build's constants (it is served as written, less its
    comment lines): they must stay equal."""
    from kriya import search, search_lists, search_prices

    script = (ROOT / "src" / "kriya" / "assets" / "search.js").read_text(encoding="utf-8")
    assert f"const BUCKETS_PER_DECADE = {search_prices.BUCKETS_PER_DECADE};" in script
    assert f"const EXCERPT_WORDS = {search.EXCERPT_WORDS};" in script
    assert f"pagefind/{search.VOCABULARY}/${{letter}}.json" in script
    assert f"pagefind/{search_lists.FOLDER}/${{word}}.json" in script
    assert f"pagefind/{search.SPLIT_STEMS}/${{stem}}.json" in script
    assert f"pagefind/{search.NAMED}/${{word}}.json" in script
    assert f"pagefind/{search.DERIVED}/${{word}}.json" in script


def test_scripts_are_served_without_their_comment_lines(built_site):
    """The site's copy of search.js has no whole-line comments (a third of it, gzipped), and
    keeps its code; a script with a template literal over several lines is served whole."""
    from kriya.adapter.plugin import served_script

    source = (ROOT / "src" / "kriya" / "assets" / "search.js").read_text(encoding="utf-8")
    served = (built_site / "assets" / "kriya" / "search.js").read_text(encoding="utf-8")
    assert served == served_script(source)
    code = [line for line in source.splitlines() if not line.lstrip().startswith("//")]
    assert served.splitlines() == code and len(served) < 0.75 * len(source)
    spanning = "const a = `x\n// not a comment\n`;\n// a comment\n"
    assert served_script(spanning) == spanning
    assert served_script("// a\nlet b = 1; // b\n") == "let b = 1; // b\n"


def test_word_forms_and_translations_are_built_from_the_vocabulary():
    """Sastrawi's roots join the site's forms of a word; the glossary works both ways and
    only names words the site uses."""
    from collections import Counter

    from kriya import search_morphology as morphology

    counts = Counter({"anyaman": 5, "menganyam": 2, "tenun": 3, "dompet": 4, "wallet": 1})
    extras = morphology.shard_extras(counts)
    assert extras["a"]["a"]["anyam"] == ["anyaman", "menganyam"]  # most used first
    assert extras["m"]["r"]["menganyam"] == "anyam"
    assert extras["w"]["g"]["woven"] == ["anyaman", "tenun"]  # English -> Indonesian
    assert extras["w"]["g"]["wallet"] == ["dompet"]
    assert extras["d"]["g"]["dompet"] == ["wallet"]  # and back, as the site uses "wallet"
    assert "bag" not in extras["b"]["g"]  # "tas" is not on this site
    # informal words reach the standard words the site uses, one way only
    counts = Counter({"pria": 3, "dompet": 2, "cowok": 1})
    extras = morphology.shard_extras(counts)
    assert extras["c"]["g"]["cowok"] == ["pria"]  # "laki-laki" is not on this site
    assert "pria" not in extras["p"]["g"]
    assert "cewek" not in extras["c"]["g"]  # "wanita", "perempuan": not on this site
    # the English pages' words: an Indonesian word reaches those the glossary names for it
    english = morphology.to_english({"woven", "bag", "chips", "keripik"})
    assert english["anyaman"] == ["woven"] and english["tas"] == ["bag"]
    assert english["keripik"] == ["chips"] and "jaket" not in english
    # a general word reaches the words for its kinds that the site uses, most used first
    counts = Counter({"keripik": 2, "dodol": 5, "camilan": 1, "kursi": 3})
    extras = morphology.shard_extras(counts)
    assert extras["c"]["j"]["camilan"] == ["dodol", "keripik"]
    assert extras["k"]["j"]["kudapan"] == ["dodol", "keripik"]  # though not on the site
    assert "keripik" not in extras["k"]["j"]  # one way only


def test_derived_words_are_those_with_a_prefix_before_a_shorter_word_of_their_stem():
    """pewarnaan and mewarnai have a prefix before warna, which Pagefind stems alike; tenunan
    only adds a suffix to tenun, and warnanya a particle to warna."""
    from kriya import search_morphology as morphology

    words = ["warna", "warnanya", "pewarnaan", "mewarnai", "tenun", "tenunan", "kopi"]
    derived = morphology.derived_words(words)
    assert derived == {
        "pewarnaan": ["mewarnai", "warna", "warnanya"],
        "mewarnai": ["pewarnaan", "warna", "warnanya"],
    }


def test_root_words_that_pagefind_stems_alike_are_split():
    """Pagefind's stemmer reads the start of kemeja (shirt) and ketua (chair) as a prefix and
    stems them as meja (table) and tua (old); the build splits those stems by root. A root
    word that only adds a suffix (alami to alam) stays with it, and a word whose root is not a
    dictionary root word is under "" (every root's pages)."""
    from kriya import search_morphology as morphology

    words = ["meja", "mejanya", "kemeja", "kemejanya", "tua", "tertua", "ketua", "alam"]
    more = ["alami", "empat", "tempat", "menempatkan", "minat", "berminat", "diminati", "mati"]
    word_roots = morphology.roots([*words, *more])
    split = morphology.split_stems(word_roots)
    assert split["meja"]["meja"] == ["meja", "mejanya"]
    assert split["meja"]["kemeja"] == ["kemeja", "kemejanya"]
    assert split["tua"] == {"ketua": ["ketua"], "tua": ["tertua", "tua"]}
    assert split["empat"] == {"empat": ["empat"], "tempat": ["menempatkan"]}
    assert "alam" not in split
    # Sastrawi reads diminati as mati; the site uses minat, which it is written from
    assert word_roots["diminati"] == "minat" and "minat" not in split
    extras = morphology.shard_extras(Counter(dict.fromkeys(word_roots, 1)), word_roots)
    assert extras["k"]["x"]["kemejanya"] == ["meja", "kemeja"]
    assert extras["m"]["x"]["meja"] == ["meja", "meja"]
    assert "alami" not in extras["a"]["x"]


def test_a_root_sastrawi_misreads_is_mended_by_the_words_the_site_uses():
    """Sastrawi's dictionary holds rare roots and some derived words, which it takes first:
    dipesan as pes, bersihkan as sih, kesiapan as kesiap, berupa as upa. The longer root the
    word is written from, or the one under a prefix Sastrawi left on, is taken when the site
    uses it; a root the site uses keeps a shorter reading out (kemasan stays kemas, not mas)."""
    from kriya import search_morphology as morphology

    words = ["dipesan", "pesan", "bersihkan", "bersih", "kesiapan", "siap", "berupa", "rupa"]
    more = ["kemasan", "dikemas", "mas", "membelinya", "beli", "menuangkan", "uang"]
    word_roots = morphology.roots([*words, *more])
    assert word_roots["dipesan"] == "pesan" and word_roots["bersihkan"] == "bersih"
    assert word_roots["kesiapan"] == "siap" and word_roots["berupa"] == "rupa"
    assert word_roots["membelinya"] == "beli"
    assert word_roots["kemasan"] == "kemas"  # kemas is the root of two of the site's words
    assert word_roots["menuangkan"] == "tuang"  # meN- is not "men" before a vowel: not uang
    # without the site's words Sastrawi's reading stands
    assert morphology.roots(["dipesan", "bersihkan"]) == {"dipesan": "pes", "bersihkan": "sih"}
    assert morphology.readings("berupa") == {"rupa", "upa"}  # be- before r, ber- before u
    assert "siap" in morphology.readings("kesiapannya")


def test_a_nasal_prefix_read_two_ways_takes_the_root_its_pages_use():
    """pengemasan is peng- + kemas (pack) or peng- + emas (gold); Sastrawi says emas. The
    word's pages decide: beside "kemasan" it is kemas, and the stem Pagefind gives both
    ("emas") is then split; beside gold it stays emas."""
    from kriya import search_morphology as morphology

    other = morphology.other_nasal_roots
    assert other("pengemasan", "emas") == ["kemas"]
    assert other("mengurus", "urus") == ["kurus"]
    assert other("memadukan", "madu") == ["padu", "adu"]  # a nasal read as the root's own
    assert other("dipadukan", "padu") == []  # no nasal prefix
    assert other("keemasan", "emas") == []
    assert other("menganyam", "anyam") == []  # "kanyam", "nganyam": no root words
    words = ["pengemasan", "mengemas", "kemasan", "dikemas", "emas", "keemasan"]
    word_roots = morphology.roots(words)
    assert word_roots["pengemasan"] == "emas"  # Sastrawi's first reading
    pages = {
        "pengemasan": {1, 2},
        "mengemas": {3},
        "kemasan": {1, 3},
        "dikemas": {2},
        "emas": {5, 6},
        "keemasan": {6},
    }
    settled = morphology.settle_nasal_roots(word_roots, lambda word: pages[word])
    assert settled == {"pengemasan": "kemas", "mengemas": "kemas"}
    split = morphology.split_stems({**word_roots, **settled}, settled)
    assert split["emas"] == {"emas": ["emas", "keemasan"], "kemas": ["mengemas", "pengemasan"]}
    # on a page about gold, beside "keemasan", mengemas keeps Sastrawi's root
    pages["mengemas"] = {6}
    assert morphology.settle_nasal_roots(word_roots, lambda word: pages[word]) == {
        "pengemasan": "kemas"
    }


def test_the_build_stems_words_as_pagefind_does(built_site):
    """Every word of the vocabulary, stemmed as split_stems stems it, is a word of Pagefind's
    index: the split files name the stems Pagefind searches."""
    from kriya import search_morphology as morphology

    indexed, _, _ = _decoded(built_site / "pagefind")
    vocabulary = [
        word
        for shard in (built_site / "pagefind" / "kriya-kata").glob("*.json")
        for word in json.loads(shard.read_text())["w"]
        if word.isalpha() and word.isascii()
    ]
    stem = morphology._pagefind_stemmer().stemWord
    assert len(vocabulary) > 50
    assert [word for word in vocabulary if stem(word) not in indexed] == []


@pytest.mark.parametrize("name", ["glosarium.tsv", "kata-gaul.tsv", "jenis.tsv"])
def test_word_lists_are_well_formed(name):
    """Every line of the shipped word lists is a comment, empty, or a word, a tab and its
    equivalents, in lower case; no word is listed twice."""
    from kriya import search_morphology as morphology

    text = (ROOT / "src" / "kriya" / "data" / name).read_text(encoding="utf-8")
    lines = [x for x in text.splitlines() if x.strip() and not x.startswith("#")]
    assert all(x.count("\t") == 1 and x == x.lower() for x in lines), name
    rows = morphology._word_list(name)
    assert len(rows) == sum(len(x.split("\t")[0].split(",")) for x in lines)
    words = [word for word, _ in rows]
    assert len(words) == len(set(words)), name
    # a line typed with spaces for the tab, or an empty equivalent, gives no empty word
    assert morphology.rows("kaos  kaus\nCowok\tPria, \n# x\tz\n") == (("cowok", ("pria",)),)
    # several words for one thing share the line's equivalents
    assert morphology.rows("camilan, kudapan\tkeripik\n") == (
        ("camilan", ("keripik",)),
        ("kudapan", ("keripik",)),
    )


def _engine(page, site_url):
    """search.js as a module (the same instance window.kriya.search started)."""
    page.goto(site_url)
    page.evaluate("window.kriya.search('uji')")
    return "(async () => await import(new URL('assets/kriya/search.js', document.baseURI)))()"


def test_prices_are_read_from_queries_as_people_write_them(page, site_url):
    engine = _engine(page, site_url)
    read = page.evaluate(
        f"""async (queries) => {{ const m = await {engine};
        return queries.map((q) => m.readPrice(q)); }}""",
        [
            "Rp150.000",
            "150rb",
            "tas di bawah 200 ribu",
            "1,5 juta",
            "100-250rb",
            "di atas Rp 1.000.000",
            "murah 50 ribuan",
            "kopi 2025",
            "beras 5 kg",
        ],
    )
    near = {"min": 120000, "max": 180000, "near": 150000}
    assert {k: read[0][k] for k in near} == near and read[0]["rest"] == ""
    assert {k: read[1][k] for k in near} == near
    assert (read[2]["min"], read[2]["max"], read[2]["rest"]) == (0, 200000, "tas")
    assert read[2]["label"] == "sampai Rp 200.000"
    assert read[3]["near"] == 1500000
    assert (read[4]["min"], read[4]["max"]) == (100000, 250000)
    assert read[5]["min"] == 1000000 and read[5]["max"] == float("inf")
    assert (read[6]["min"], read[6]["max"], read[6]["rest"]) == (
        40000,
        59999,
        "",
    )  # fifty-something
    assert read[7] is None and read[8] is None
    cheap = page.evaluate(f"async () => (await {engine}).readPrice('Batik murah')")
    assert (cheap["cheap"], cheap["rest"], cheap["label"]) == (True, "batik", "termurah dulu")


def test_a_price_in_the_query_filters_products(page, site_url):
    page.goto(site_url)

    def found(query):
        return [r["url"] for r in page.evaluate("q => window.kriya.search(q)", query)]

    assert found("di bawah 50rb") == ["/katalog/keripik-uji/"]  # Rp15.000 - Rp45.000
    assert found("350 ribu") == ["/katalog/batik-uji/"]
    assert found("batik di atas Rp100.000") == ["/katalog/batik-uji/"]
    assert found("keripik di atas 100rb") == []


def test_murah_lists_priced_products_cheapest_first(page, site_url):
    page.goto(site_url)
    found = page.evaluate("window.kriya.search('uji murah')")
    # the products with a price (the bag has none), cheapest first; no news
    assert [r["url"] for r in found] == ["/katalog/keripik-uji/", "/katalog/batik-uji/"]


def _built_with_news(
    tmp_path_factory, label: str, news: dict[str, tuple[str, str]], products: dict | None = None
) -> Path:
    """A copy of the fixture site with more news and products (file name -> (title,
    text[, a product's category[, its price]])), built."""
    import shutil

    from conftest import FIXTURE_SITE, run_script

    source = tmp_path_factory.mktemp(label) / "src"
    shutil.copytree(FIXTURE_SITE, source)
    for name, (title, text) in news.items():
        (source / "content" / "news" / f"{name}.md").write_text(
            f"---\ntitle: {title}\ndate: {name[:10]}\ndescription: {text}\n"
            f"categories: [kegiatan]\n---\n{text}\n"
        )
    for name, (title, text, *more) in (products or {}).items():
        price = f"price: {more[1]}\n" if len(more) > 1 else ""
        (source / "content" / "products" / f"{name}.md").write_text(
            f"---\ntitle: {title}\nartisan: Dapur Uji\n"
            f"category: {more[0] if more else 'kuliner-olahan'}\n{price}"
            f"kecamatan: Tiris\ndescription: {title}.\n---\n{text}\n"
        )
    assert run_script("build.py", root=source).returncode == 0
    return source


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory):
    """The fixture site with more news: "umkm" on most pages, "gerabah" on two, "oleh" (by)
    on several and "oleh-oleh" (gifts to take home) on one; ranked lists for words on 2+
    pages, so that list-reading paths run."""
    from serve import serve_folder

    from kriya import search

    news = {
        f"2025-06-{i + 1:02d}-kabar-umkm-{i}": (
            f"Kabar Pendampingan {i}",
            f"Pendampingan UMKM binaan oleh petugas dinas, dibuka oleh camat ke-{i}.",
        )
        for i in range(8)
    }
    news["2025-05-01-sentra-gerabah"] = ("Sentra Gerabah Dringu", "Tungku gerabah menyala pagi.")
    news["2025-05-02-gerabah-umkm"] = ("Gerabah UMKM Binaan", "Pendampingan UMKM gerabah.")
    news["2025-05-03-toko-oleh-oleh"] = ("Toko Baru di Alun-alun", "Toko oleh-oleh khas kota.")
    source = _built_with_news(tmp_path_factory, "crowded", news)
    search.index_site(source / "site", frequent_pages=2)
    assert (source / "site" / "pagefind" / "kriya-sering" / "oleh.json").exists()
    with serve_folder(source / "site") as base:
        yield base


def _found(browser, base, queries):
    page = browser.new_page()
    page.goto(base)
    found = [[r["url"] for r in page.evaluate("q => window.kriya.search(q)", q)] for q in queries]
    page.close()
    return found


def test_a_word_on_many_pages_is_not_required_next_to_a_rare_one(browser, crowded_site):
    """A query like "umkm gerabah": a page about pottery that never says "umkm" is found,
    and pages that only say "umkm" are not padded in; a function word ("dan") need not
    match."""
    found = _found(browser, crowded_site, ["umkm gerabah", "umkm dan gerabah"])
    assert found[0] == ["/berita/gerabah-umkm/", "/berita/sentra-gerabah/"]
    assert found[1] == found[0]


def test_a_doubled_word_is_not_read_from_the_lists_of_its_parts(browser, crowded_site):
    """ "oleh-oleh" (gifts) is one word to Pagefind; the ranked list of "oleh" (by) would
    answer another question. (The keripik is a kind of oleh-oleh, data/jenis.tsv.)"""
    found = _found(browser, crowded_site, ["oleh-oleh"])[0]
    assert sorted(found) == ["/berita/toko-oleh-oleh/", "/katalog/keripik-uji/"]


@pytest.fixture(scope="module")
def synonym_site(tmp_path_factory):
    """The fixture site with eleven news items that say "oleh-oleh" (one in its title, the
    others in passing) and one about "suvenir" (a synonym in VARIANTS, rarer, in its
    title), one that says "keripik" (a kind of oleh-oleh in data/jenis.tsv), "tahu" (tofu)
    and "tahun" (year) in one each, and "pewarnaan" (colouring), "warna" (colour, many times)
    and "mewarnai" (to colour) in one each: Pagefind stems all three "warna"; "ukir" (carving)
    in the eleven, "diukir" (carved) and "pule" (a wood) in one each; one about people buying
    keripik; one about a buyer's "keluhan" (complaint); and two vases for Rp 280.000 and
    Rp 390.000."""
    from serve import serve_folder

    news = {
        f"2025-07-{i + 1:02d}-pasar-minggu-{i}": (
            f"Pasar Minggu ke-{i}",
            f"Pengunjung membeli oleh-oleh di lapak seni ukir nomor {i} sore hari.",
        )
        for i in range(11)
    }
    news["2025-07-01-pasar-minggu-0"] = (
        "Oleh-oleh Pasar Minggu",
        news["2025-07-01-pasar-minggu-0"][1],
    )
    news["2025-07-20-suvenir-pandan"] = (
        "Suvenir Pandan untuk Tamu",
        "Suvenir pandan dianyam perajin Wonomerto.",
    )
    news["2025-07-21-lomba-masak"] = ("Lomba Masak Desa", "Peserta membawa keripik singkong.")
    news["2025-07-22-tahu-goreng"] = ("Tahu Goreng Kuning", "Tahu kuning digoreng renyah.")
    news["2025-07-23-ulang-tahun-pasar"] = ("Ulang Tahun Pasar", "Pasar merayakan ulang tahun.")
    news["2025-07-24-kelas-pewarnaan"] = ("Kelas Pewarnaan", "Kelas pewarnaan kain dengan daun.")
    news["2025-07-25-warna-pasar"] = ("Warna Pasar", "Warna merah, warna kuning, warna hijau.")
    news["2025-07-26-mewarnai-topeng"] = ("Lomba Topeng", "Anak-anak mewarnai topeng kayu.")
    news["2025-07-28-kelas-membatik"] = ("Kelas Sore", "Anak-anak belajar membatik di balai desa.")
    news["2025-07-29-topeng-panji"] = ("Topeng Panji", "Topeng ini diukir perajin desa.")
    news["2025-07-30-meja-pule"] = ("Meja Teras", "Meja dari kayu pule.")
    news["2025-07-27-warga-membeli-madu"] = ("Warga Membeli Madu", "Warga membeli madu, madu asli.")
    news["2025-07-31-keluhan-pembeli"] = ("Suara Pembeli", "Pembeli menyampaikan keluhan.")
    products = {
        "sirup-jahe": ("Sirup Jahe Madu", "Sirup jahe dengan madu.", "kuliner-olahan", 30000),
        "vas-besar": ("Vas Besar", "Vas tanah liat.", "gerabah", 280000),
        "vas-hias": ("Vas Hias", "Vas tanah liat berglasir.", "gerabah", 390000),
    }
    source = _built_with_news(tmp_path_factory, "synonym", news, products)
    with serve_folder(source / "site") as base:
        yield base


def test_the_visitors_own_word_comes_before_its_synonym(browser, synonym_site):
    """Pagefind scores the rarer synonym above the pages that say the word typed in passing;
    when that word fills a page of results, the synonym's pages still come, after them."""
    page = browser.new_page()
    page.goto(synonym_site)
    found = [r["url"] for r in page.evaluate("window.kriya.search('oleh-oleh', {limit: 20})")]
    page.close()
    literal = [url for url in found if "/pasar-minggu-" in url]
    assert len(literal) == 11
    assert found.index("/berita/suvenir-pandan/") > max(map(found.index, literal))


def test_a_general_word_reaches_the_pages_of_its_kinds(browser, synonym_site):
    """data/jenis.tsv: "oleh-oleh" also finds the news that says "keripik" in passing, after
    the pages that say "oleh-oleh", and the product named Keripik (a product named for a kind
    of the thing asked for comes first, as one named for a synonym does); "kudapan" (a snack,
    on no page) finds both, and so does "makanan ringan"; "keripik" finds no other snack."""
    page = browser.new_page()
    page.goto(synonym_site)

    def found(query):
        answer = page.evaluate("(q) => window.kriya.search(q, {limit: 30})", query)
        return [r["url"] for r in answer]

    gifts = found("oleh-oleh")
    literal = [url for url in gifts if "/pasar-minggu-" in url]
    assert len(literal) == 11
    assert gifts.index("/berita/lomba-masak/") > max(map(gifts.index, literal))
    assert gifts[0] == "/katalog/keripik-uji/"
    snacks = found("kudapan")
    assert snacks[0] == "/katalog/keripik-uji/" and "/berita/lomba-masak/" in snacks
    assert found("makanan ringan")[0] == "/katalog/keripik-uji/"  # a phrase of VARIANTS
    assert not [url for url in found("keripik") if "/pasar-minggu-" in url]
    # a general phrase gives its kinds to its head: a topeng is a wall decoration, though
    # neither "hiasan" nor "dinding" is on its page, and "hiasan" alone does not find it
    assert "/berita/topeng-panji/" in found("hiasan dinding")
    assert "/berita/topeng-panji/" not in found("hiasan")
    page.close()


def test_a_word_does_not_find_the_longer_words_it_starts(browser, synonym_site):
    """Pagefind matches every indexed word that starts with a query word: "tahu" (tofu) would
    find "tahun" (year). Only the page with the word itself is found."""
    page = browser.new_page()
    page.goto(synonym_site)
    found = [r["url"] for r in page.evaluate("window.kriya.search('tahu')")]
    page.close()
    assert found == ["/berita/tahu-goreng/"]


def test_a_derived_word_finds_its_own_pages_first(browser, synonym_site):
    """A query for "pewarnaan" finds the page that says it first, then the one that says
    "mewarnai" (another derived form), and the page that only says "warna" last, though
    Pagefind ranks that one first."""
    page = browser.new_page()
    page.goto(synonym_site)
    found = [r["url"] for r in page.evaluate("window.kriya.search('pewarnaan')")]
    plain = [r["url"] for r in page.evaluate("window.kriya.search('pewarnaan', {plain: true})")]
    page.close()
    assert found == ["/berita/kelas-pewarnaan/", "/berita/mewarnai-topeng/", "/berita/warna-pasar/"]
    assert plain[0] == "/berita/warna-pasar/"


def test_a_derived_word_is_not_generic_for_its_stems_pages(browser, synonym_site):
    """A word on many pages is left out next to a rare one ("kerajinan bambu"). "diukir"
    (carved) is on one page; "ukir" is on eleven, and Pagefind finds those for "diukir" too
    (the same stem). Those do not make "diukir" generic: "diukir pule" finds the page that
    says "diukir", not only the one that says "pule"."""
    page = browser.new_page()
    page.goto(synonym_site)
    found = [r["url"] for r in page.evaluate("window.kriya.search('diukir pule')")]
    page.close()
    assert set(found[:2]) == {"/berita/topeng-panji/", "/berita/meja-pule/"}


def test_other_forms_and_english_words_reach_the_page(page, site_url):
    engine = _engine(page, site_url)
    relatives = page.evaluate(
        f"async () => {{ const m = await {engine}; return m.relatives('menganyam'); }}"
    )
    assert "anyaman" in relatives  # "menganyam" is not on the site; its root's form is
    page.goto(site_url)
    assert page.evaluate("window.kriya.search('woven bag')")[0]["url"] == "/katalog/tas-uji/"
    assert page.evaluate("window.kriya.search('tas-tas')")[0]["url"] == "/katalog/tas-uji/"
    concepts = page.evaluate(
        f"""async () => {{ const m = await {engine};
        return ["oleh oleh khas", "tas tas", "kain-kain", "dan dan", "buah-buahan", "warna-warni"]
          .map((q) => m.concepts(q).map((c) => c.text)); }}"""
    )
    # a word typed twice with a space is the doubled word; doubled with -an, the word
    assert concepts == [
        ["oleh-oleh", "khas"],
        ["tas"],
        ["kain"],
        ["dan"],
        ["buah"],
        ["warna-warni"],
    ]


def test_a_word_the_site_lacks_finds_the_pages_of_its_roots_forms_first(browser, synonym_site):
    """ "dikeluhkan" is on no page: its root's form "keluhan" is, while Pagefind's own guess for
    the word matches the "ke" of "Pasar Minggu ke-1"; the guesses come after the form's page.
    A word with peN- before a root in b, c, d or j ("pemberian", "pendataan"), or with a
    spoken nasal ("nunggu", "motretin"), is read back to its root."""
    page = browser.new_page()
    page.goto(synonym_site)
    found = [r["url"] for r in page.evaluate("window.kriya.search('dikeluhkan')")]
    assert found[0] == "/berita/keluhan-pembeli/"
    engine = _engine(page, synonym_site)
    candidates = page.evaluate(
        f"""async () => {{ const m = await {engine};
        return ["pemberian", "pendataan", "nunggu", "motretin", "mengunjung"]
          .map((word) => m.affixCandidates(word)); }}"""
    )
    assert "beri" in candidates[0] and "data" in candidates[1]
    # spoken n- and m- before a root in t or p (not the start of me- or pe-)
    assert "tunggu" in candidates[2] and "potret" in candidates[3]
    assert "pengunjung" not in candidates[4] and "kunjung" in candidates[4]
    page.close()


def test_a_shoppers_query_lists_products_first(browser, synonym_site):
    """ "beli madu" (buy honey) asks for the product, not for the news item about people
    buying honey, which ranks first without the shopper's word."""
    page = browser.new_page()
    page.goto(synonym_site)

    def found(query):
        return [r["url"] for r in page.evaluate("(q) => window.kriya.search(q)", query)]

    news, product = "/berita/warga-membeli-madu/", "/katalog/sirup-jahe/"
    assert found("madu") == [news, product]
    assert found("beli madu") == [product, news]
    assert found("tempat membeli madu") == [product, news]
    page.close()


def test_making_a_craft_is_its_verb(browser, synonym_site):
    """ "bikin batik" (make batik) asks about the doing: the page that says "membatik" comes
    first, before the batik product that "batik" alone finds first."""
    page = browser.new_page()
    page.goto(synonym_site)

    def found(query):
        return [r["url"] for r in page.evaluate("(q) => window.kriya.search(q)", query)]

    assert found("batik")[0] == "/katalog/batik-uji/"
    assert found("bikin batik")[0] == "/berita/kelas-membatik/"
    assert found("cara membuat batik")[0] == "/berita/kelas-membatik/"
    page.close()


def test_a_price_said_with_an_is_read_from_the_amount_up(browser, synonym_site):
    """ "300 ribuan" is three-hundred-something thousand: the products from Rp 300.000 up
    come first (the closest first), then the nearest below."""
    page = browser.new_page()
    page.goto(synonym_site)
    found = [r["url"] for r in page.evaluate("window.kriya.search('300 ribuan')")]
    page.close()
    assert found == ["/katalog/batik-uji/", "/katalog/vas-hias/", "/katalog/vas-besar/"]


def test_search_page_shows_the_price_it_read_and_removes_it(page, site_url):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + "cari/?q=keripik+di+bawah+50rb")
    chip = page.locator(".kriya-cari__harga")
    chip.wait_for()
    assert chip.inner_text() == "Harga sampai Rp 50.000 ✕"
    assert chip.get_attribute("aria-label") == "Hapus saringan harga sampai Rp 50.000"
    page.wait_for_function("document.querySelectorAll('.kriya-cari__hasil li').length === 1")
    page.screenshot(path="/tmp/kriya-cari-harga.png")
    chip.click()
    page.wait_for_function("!document.querySelector('.kriya-cari__harga').offsetParent")
    assert page.input_value("#kriya-cari-q") == "keripik"
    assert "q=keripik" in page.url and "50rb" not in page.url


def test_products_are_listed_under_the_first_word_of_their_name():
    """The head noun comes first in an Indonesian name: Sabun Kopi is soap. News and a first
    word that cannot name a file are left out. A product is also listed under the words of
    its category's label that no other label has."""
    from kriya.search import ListedPage, _bitmap, named_for

    def page(name, title, category="Kuliner Olahan", jenis="produk"):  # name: base 36
        card = {"u": "/", "m": {"title": title, "jenis": jenis}}
        return ListedPage(f"id_{name}", 10, card, (category,))

    pages = [
        page("1", "Kopi Bubuk Tiris"),
        page("2", "Sabun Kopi", "Lainnya"),
        page("h", "KOPI Luwak"),
        page("3", "Kopi di Pameran", jenis="berita"),
        page("4", "../Kopi", "Kerajinan Kayu"),
        page("5", "Ко́фе", "Kerajinan Kulit"),
    ]
    assert named_for(pages) == {
        "kopi": {"n": {1, 17, 4}},
        "sabun": {"n": {2}},
        "kuliner": {"k": {1, 17}},
        "olahan": {"k": {1, 17}},
        "lainnya": {"k": {2}},
        "kayu": {"k": {4}},
        "kulit": {"k": {5}},
    }  # ("kerajinan" is in two labels)
    assert _bitmap({1, 17}) == "AgAC"  # bytes 0b10, 0, 0b10: page n is bit n % 8 of byte n // 8


@pytest.fixture(scope="module")
def named_site(tmp_path_factory):
    """The fixture site with a coffee soap whose text says "kopi" often, a ground coffee that
    says it once, and a news item about coffee."""
    from serve import serve_folder

    source = _built_with_news(
        tmp_path_factory,
        "named",
        {
            "2025-07-05-panen-kopi": ("Panen Kopi Tiris", "Petani kopi Tiris memetik kopi merah."),
            "2025-07-06-alat-tenun": (
                "Bantuan Alat Tenun",
                "Alat tenun untuk kelompok tenun, penenun belajar menenun kain tenun ikat.",
            ),
        },
        products={
            "sabun-kopi": (
                "Sabun Kopi Wangi",
                "Sabun dari ampas kopi: kopi sangrai, kopi "
                "giling dan minyak kopi, wangi kopi sepanjang hari.",
            ),
            "kopi-bubuk": (
                "Kopi Bubuk Argopuro",
                "Bubuk robusta petik merah dari lereng "
                "Argopuro, digiling halus, cocok untuk kopi tubruk. Ampasnya "
                "bisa dijadikan sabun.",
            ),
            "songket-uji": ("Kain Songket Uji", "Songket benang emas, tenun tangan.", "tenun"),
        },
    )
    with serve_folder(source / "site") as base:
        yield base


def test_a_product_named_for_the_query_comes_first(browser, named_site):
    """Pagefind ranks the soap that says "kopi" most above the ground coffee; for a query
    about coffee, the product that is coffee comes first, then the rest in Kriya's order
    without it. The head word is the query's first in Indonesian, its last in English; a
    page that matches more of the query's words still comes first."""
    page = browser.new_page()
    page.goto(named_site)

    def run(query, plain=False):
        found = page.evaluate("([q, plain]) => window.kriya.search(q, {plain})", [query, plain])
        return [r["url"] for r in found]

    stock, found = run("kopi", True), run("kopi")
    assert stock.index("/katalog/sabun-kopi/") < stock.index("/katalog/kopi-bubuk/")
    assert found[0] == "/katalog/kopi-bubuk/"
    assert found.index("/berita/panen-kopi/") < found.index("/katalog/sabun-kopi/")
    assert sorted(found) == sorted(stock)
    assert run("kopi sabun", True)[0] == "/katalog/sabun-kopi/"
    assert run("kopi sabun")[0] == "/katalog/kopi-bubuk/"  # a coffee (with soap)
    assert run("coffee soap")[0] == "/katalog/sabun-kopi/"  # a soap (with coffee)
    assert run("kopi wangi")[0] == "/katalog/sabun-kopi/"  # the only one that is "wangi"
    # the songket is a Tenun product (its category), though the news says "tenun" more;
    # "penenun" (weaver) asks about people
    assert run("tenun", True)[0] == "/berita/alat-tenun/"
    assert run("tenunan")[0] == run("tenun")[0] == "/katalog/songket-uji/"
    assert run("penenun")[0] == "/berita/alat-tenun/"
    page.close()


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    """The fixture site with news about shirts (kemeja), tables (meja) and the council's chair
    (ketua), words Pagefind stems alike."""
    from serve import serve_folder

    texts = {
        "2025-07-01-kemeja-batik": "Siswa memakai kemeja batik tulis buatan perajin setempat.",
        "2025-07-02-meja-jati": "Perajin mebel memamerkan meja jati ukir di balai desa.",
        "2025-07-03-ketua-baru": "Ketua Dekranasda membuka bazar perajin di alun-alun.",
        "2025-07-04-kayu-tua": "Perajin mengolah kayu tua bekas rumah menjadi hiasan.",
    }
    news = {name: (f"Kabar {name[11:]}", text) for name, text in texts.items()}
    source = _built_with_news(tmp_path_factory, "split", news)
    with serve_folder(source / "site") as base:
        yield base


@pytest.mark.parametrize(
    "query, wanted, other",
    [
        ("kemeja", "/berita/kemeja-batik/", "/berita/meja-jati/"),
        ("meja", "/berita/meja-jati/", "/berita/kemeja-batik/"),
        ("ketua", "/berita/ketua-baru/", "/berita/kayu-tua/"),
        ("tua", "/berita/kayu-tua/", "/berita/ketua-baru/"),
    ],
)
def test_words_pagefind_stems_alike_find_their_own_pages(browser, split_site, query, wanted, other):
    """Stock Pagefind finds both pages of a split stem; Kriya's search only the one that has
    the word's root."""
    page = browser.new_page()
    page.goto(split_site)
    run = "([q, plain]) => window.kriya.search(q, {plain})"
    stock = {r["url"] for r in page.evaluate(run, [query, True])}
    found = [r["url"] for r in page.evaluate(run, [query, False])]
    page.close()
    assert {wanted, other} <= stock
    assert wanted in found and other not in found
