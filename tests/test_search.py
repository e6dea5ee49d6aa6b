"""Search: the Pagefind index of the fixture site, and the header box, the /cari/ page and
window.kriya.search in headless Chromium."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

PUBLISHED = {"/berita/rakernas-uji/", "/berita/pelatihan-uji/", "/berita/pameran-uji/",
             "/katalog/batik-uji/", "/katalog/keripik-uji/", "/katalog/tas-uji/"}


def fragments(site: Path) -> list[dict]:
    return [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))
            for p in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))]


def test_index_holds_exactly_the_published_items(built_site):
    assert {f["url"] for f in fragments(built_site)} == PUBLISHED


def test_drafts_and_future_items_are_not_in_the_index(built_site):
    bundle = built_site / "pagefind"
    texts = [json.dumps(f) for f in fragments(built_site)]
    texts += [gzip.decompress(p.read_bytes()).decode("latin-1")
              for p in bundle.rglob("*") if p.suffix in (".pf_index", ".pf_meta", ".pf_filter")]
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
    from kriya.search_order import _read
    bundle = built_site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    meta = _read(bundle / f"pagefind.{entry['languages']['id']['hash']}.pf_meta")
    names = [name for name, _ in meta[1]]
    assert names == [format(i, "x") for i in range(len(names))]  # base 36 below 10 pages
    counts = [count for _, count in meta[1]]
    assert counts == sorted(counts)
    assert {p.stem for p in (bundle / "fragment").glob("*.pf_fragment")} == set(names)
    assert meta[4] == []  # no sort lists: nothing uses them
    chunks = {p.stem for p in (bundle / "index").glob("*.pf_index")}
    assert {name for _, _, name in meta[2]} == chunks


def test_pack_keeps_every_word_and_page(tmp_path, monkeypatch):
    """Re-chunking and renumbering keep each word's pages and positions."""
    from kriya import search_pack
    from kriya.search_order import _read, _write
    monkeypatch.setattr(search_pack, "CHUNK_BYTES", 100)
    bundle = tmp_path / "pagefind"
    for folder in ("fragment", "index", "filter"):
        (bundle / folder).mkdir(parents=True)
    pages = [["id_a", 30], ["id_b", 10], ["id_c", 20]]
    words = [[f"kata{i:03}", [[0, [1, 2], []], [2, [5], []]], []] for i in range(300)]
    words += [["kata", [[1, [7], []]], []], ["katalog", [[0, [3], []]], []]]
    words.sort(key=lambda w: w[0])
    _write(bundle / "index" / "id_x.pf_index", [words])
    _write(bundle / "filter" / "id_f.pf_filter", ["jenis", [["produk", [0, 2]]]])
    for name, _ in pages:
        (bundle / "fragment" / f"{name}.pf_fragment").write_bytes(
            gzip.compress(b"pagefind_dcd" + json.dumps({"url": name}).encode()))
    meta = ["1.5.2", pages, [["k", "l", "id_x"]], [["jenis", "id_f"]], [], []]
    _write(bundle / "pagefind.id_m.pf_meta", meta)
    (bundle / "pagefind-entry.json").write_text(json.dumps(
        {"version": "1.5.2", "languages": {"id": {"hash": "id_m", "wasm": "id"}}}))
    search_pack.pack(bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    packed = _read(bundle / f"pagefind.{entry['languages']['id']['hash']}.pf_meta")
    assert packed[1] == [["0", 10], ["1", 20], ["2", 30]]  # id_b, id_c, id_a
    assert fragments(tmp_path)[2] == {"url": "id_a"}
    old_to_new = {0: 2, 1: 0, 2: 1}
    found, chunk_of = {}, {}
    for low, high, name in packed[2]:
        for word, word_pages, _ in _read(bundle / "index" / f"{name}.pf_index")[0]:
            assert low <= word[:len(low)] and word[:len(high)] <= high
            chunk_of[word] = name
            number, found[word] = 0, []
            for gap, locs, meta_locs in word_pages:
                number += gap
                found[word].append((number, locs))
    for word, word_pages, _ in words:
        number, expected = 0, []
        for gap, locs, _ in word_pages:
            number += gap
            expected.append((old_to_new[number], locs))
        assert found[word] == sorted(expected)
    assert len(packed[2]) > 10
    assert chunk_of["kata"] == chunk_of["kata000"]  # a word and its extensions stay together
    filters = _read(bundle / "filter" / f"{packed[3][0][1]}.pf_filter")
    assert filters == ["jenis", [["produk", [1, 2]]]]


def test_vocabulary_is_written_for_spelling_correction(built_site):
    shard = json.loads((built_site / "pagefind" / "kriya-kata" / "k.json").read_text())
    assert "keripik" in shard["w"]
    assert len(shard["w"]) == len(shard["n"])


@pytest.fixture
def page(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.errors = []
    # Missing files are checked by URL below, so other pages' requests do not count here.
    page.on("console", lambda msg: page.errors.append(msg.text)
            if msg.type in ("error", "warning") and "Failed to load resource" not in msg.text
            else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and ("pagefind" in r.url or "search" in r.url) else None)
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
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and ("pagefind" in r.url or "search" in r.url) else None)
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


def test_frequent_words_are_ranked_at_build_time():
    from kriya.search_lists import TOP_PAGES, IndexedPage, top_lists

    filler = ["kata"] * 40
    pages = [IndexedPage("judul", ["tenun", "ikat"], ["tenun", "ikat"] + filler),
             IndexedPage("sering", [], ["tenun"] * 5 + filler),
             IndexedPage("sekali", [], ["tenun"] + filler),
             IndexedPage("tanpa", [], ["batik"] + filler)]
    counts = {"tenun": 3, "ikat": 1, "batik": 1, "kata": 4}
    lists = top_lists(pages, counts, listed_pages=3)
    assert set(lists) == {"tenun", "kata"}  # only words on 3 or more pages
    tenun = lists["tenun"]
    assert tenun["n"] == 3
    assert tenun["p"] == ["judul", "sering", "sekali"]  # title first, then more mentions
    assert tenun["s"] == sorted(tenun["s"], reverse=True) and tenun["s"][-1] > 0
    many = [IndexedPage(str(i), [], ["kain"] * (i % 7 + 1) + filler) for i in range(TOP_PAGES + 50)]
    counts = {"kain": len(many)}
    every = top_lists(many, counts, listed_pages=3)["kain"]  # fewer than FREQUENT_PAGES pages
    assert len(every["p"]) == len(many) and len(every["c"]) == TOP_PAGES
    best = top_lists(many, counts, listed_pages=3, frequent_pages=len(many))["kain"]
    assert len(best["p"]) == TOP_PAGES and best["n"] == len(many)
    assert best["p"] == every["p"][:TOP_PAGES]
    assert best == top_lists(list(reversed(many)), counts, 3, len(many))["kain"]


@pytest.fixture(scope="module")
def listed_site(built_site, tmp_path_factory):
    """The fixture site re-indexed with ranked lists for words on 2+ pages, served in a
    subfolder (like a GitHub Pages project site)."""
    import shutil

    from kriya import search
    from serve import serve_folder

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
