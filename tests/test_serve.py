"""The live preview (`kriya serve`, `make serve`): its loop over real HTTP, its fast render
(the edited item's page first) against a fresh build of the same content, and what it does
with problems, deleted and renamed files."""

from __future__ import annotations

import re
import signal
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import NOW, free_port, start_serve

ARTICLE = "content/news/2025-09-23-rakernas-uji.md"
PORT = 8123  # in the pages' addresses; the in-process tests start no server


def get(url: str, referer: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Referer": referer} if referer else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def until(condition, timeout: float = 30.0):
    """The first true value of `condition()`, asked every 50 ms."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("not within the time allowed")


def edit(project: Path, path: str, change) -> None:
    file = project / path
    file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture
def preview(fixture_copy):
    """`kriya serve` on the fixture project, as `make serve` runs it; yields its base URL."""
    server, port = start_serve(fixture_copy)
    said: list[str] = []  # read all along, so that the server never waits on a full pipe
    reader = threading.Thread(target=lambda: said.extend(server.stdout), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}/"

    def ready():
        assert server.poll() is None, "".join(said)
        try:
            return get(base)[0] == 200
        except OSError:
            return False

    until(ready, timeout=120)
    yield base
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)
    reader.join(timeout=10)
    server.stdout.close()
    out = "".join(said)
    assert server.returncode == 0 and "Traceback" not in out, out


def test_an_edit_is_served_and_reloads_the_browsers_showing_it(preview, fixture_copy):
    page = preview + "berita/rakernas-uji/"
    status, html = get(page)
    assert status == 200 and "Kalimat suntingan baru." not in html
    epoch = re.search(r"livereload\((\d+), \d+\)", html)[1]
    edit(fixture_copy, ARTICLE, lambda text: text + "\nKalimat suntingan baru.\n")
    assert until(lambda: "Kalimat suntingan baru." in get(page)[1])
    # the page's live-reload poll answers with a newer epoch: its browser reloads
    poll = f"{preview}livereload/{epoch}/1"
    assert int(get(poll, referer=page)[1]) > int(epoch)


def test_a_content_problem_shows_over_the_last_good_page(preview, fixture_copy):
    page = preview + "berita/rakernas-uji/"
    edit(fixture_copy, ARTICLE, lambda text: text.replace("date:", "date: 23/9/2025\nx_date:", 1))
    problems = until(lambda: get(preview + "kriya-masalah.json")[1].strip("[]\n"))
    assert f"{ARTICLE}" in problems and '"field": "date"' in problems
    status, html = get(page)
    assert status == 200 and "Para perajin hadir" in html  # the last good page stays
    assert "kriya-masalah.json" in html  # with the script drawing the problems over it


def test_a_deleted_or_renamed_file_takes_its_page_away(preview, fixture_copy):
    product = fixture_copy / "content" / "products" / "tas-uji.md"
    assert get(preview + "katalog/tas-uji/")[0] == 200
    product.rename(product.with_name("tas-baru-uji.md"))
    assert until(lambda: get(preview + "katalog/tas-baru-uji/")[0] == 200)
    assert get(preview + "katalog/tas-uji/")[0] == 404
    (fixture_copy / "content" / "news" / "2025-11-05-pameran-uji.md").unlink()
    assert until(lambda: get(preview + "berita/pameran-uji/")[0] == 404)
    assert "pameran-uji" not in get(preview + "berita/")[1]


def test_browsers_follow_edits_and_problems(preview, fixture_copy, browser, tmp_path):
    """In Chromium: the page of an edited article reloads by itself and shows the edit, while
    a product page that did not change stays as it is; an edit with a problem reloads every
    page, each with the problem drawn over it."""
    article, product = browser.new_page(), browser.new_page()
    article.goto(preview + "berita/rakernas-uji/")
    product.goto(preview + "katalog/batik-uji/")
    for page in (article, product):
        page.evaluate("window.kriyaKept = true")  # gone once the page reloads
    edit(fixture_copy, ARTICLE, lambda text: text + "\nKalimat suntingan baru.\n")
    # (while the page reloads there is a moment without a body: asked again, not an error)
    article.wait_for_function(
        "document.body !== null && document.body.innerText.includes('Kalimat suntingan baru.')"
    )
    article.wait_for_timeout(2000)  # the rebuild of the rest of the site is over by now
    assert product.evaluate("window.kriyaKept === true")
    edit(fixture_copy, ARTICLE, lambda text: text.replace("date:", "date: 23/9/2025\nx_date:", 1))
    for page in (article, product):
        alert = page.get_by_role("alert")
        alert.wait_for(timeout=15000)
        assert f"{ARTICLE}:" in alert.inner_text() and "date" in alert.inner_text()
    assert "Kalimat suntingan baru." in article.inner_text("body")  # the last good page
    article.screenshot(path=str(tmp_path / "masalah.png"), full_page=False)
    article.close()
    product.close()


# In process: the preview's session without its HTTP server.


@pytest.fixture
def sessions(monkeypatch):
    """Makes `Preview` sessions, each with a fresh Kriya plugin (MkDocs keeps a plugin that
    has on_startup for the whole process), and leaves none in serve mode behind."""
    from mkdocs.config.defaults import MkDocsConfig

    from kriya.adapter.serving import Preview

    monkeypatch.setenv("KRIYA_NOW", NOW)
    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache
    cache.clear()

    def make(project: Path, site: Path) -> Preview:
        cache.clear()
        preview = Preview(project / "mkdocs.yml", str(site), PORT)
        preview.build()
        return preview

    yield make
    cache.clear()


def every_file(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def differing(ours: dict[str, bytes], fresh: dict[str, bytes]) -> list[str]:
    return sorted(p for p in ours.keys() | fresh.keys() if ours.get(p) != fresh.get(p))


EDITS = {
    # title, date (its place among the news) and body
    ARTICLE: lambda text: (
        text.replace('title: "', 'title: "Diubah: ', 1).replace(
            "date: 2025-09-23", "date: 2025-11-30", 1
        )
        + "\nKalimat suntingan baru.\n"
    ),
    # a product with an English version: both pages follow
    "content/products/batik-uji.md": lambda text: (
        text.replace("price: 350000", "price: 175000").replace('title: "', 'title: "Aneka ', 1)
        + "\nBaris baru.\n"
    ),
    "content/products/keripik-uji.en.md": lambda text: text + "\nA new English sentence.\n",
}


@pytest.mark.parametrize("path", sorted(EDITS))
def test_the_fast_render_writes_what_a_fresh_build_writes(path, fixture_copy, tmp_path, sessions):
    """The edited item's page, written before the rebuild, has the bytes a fresh preview of
    the same content has; after the rebuild that follows, every file of the preview does."""
    preview = sessions(fixture_copy, tmp_path / "preview")
    site = tmp_path / "preview"
    edit(fixture_copy, path, EDITS[path])
    shown = preview.plugin.render_first({path})
    assert shown, "the edit qualifies for the fast render"
    first = {name: (site / name).read_bytes() for name in shown}
    preview.build()
    after = every_file(site)
    sessions(fixture_copy, tmp_path / "fresh")
    fresh = every_file(tmp_path / "fresh")
    assert {name: fresh[name] for name in first} == first
    assert differing(after, fresh) == []


def test_a_problem_leaves_the_last_good_page_and_says_so(fixture_copy, tmp_path, sessions):
    """An edit that makes a problem: no fast render; the rebuild keeps the item's last good
    page and lists the problem for the overlay drawn over every page."""
    preview = sessions(fixture_copy, tmp_path / "preview")
    page = tmp_path / "preview" / "berita" / "rakernas-uji" / "index.html"
    good = page.read_bytes()
    edit(fixture_copy, ARTICLE, lambda text: text.replace("date:", "date: 23/9/2025\nx_date:", 1))
    assert preview.plugin.render_first({ARTICLE}) is None
    preview.build()
    problems = (tmp_path / "preview" / "kriya-masalah.json").read_text(encoding="utf-8")
    assert ARTICLE in problems and '"field": "date"' in problems
    assert page.read_bytes() == good
    assert b"kriya-masalah.json" in good  # the overlay's script


def test_edits_the_fast_render_leaves_to_the_rebuild(fixture_copy, tmp_path, sessions):
    """A new file, a deleted one or a new address: no fast render; the rebuild alone leaves
    the preview equal to a fresh one."""
    preview = sessions(fixture_copy, tmp_path / "preview")
    new = "content/news/2025-11-29-baru-uji.md"
    (fixture_copy / new).write_text(
        '---\ntitle: "Baru"\ndate: 2025-11-29\ndescription: "Berita baru."\n---\nIsi.\n',
        encoding="utf-8",
    )
    (fixture_copy / "content/products/tas-uji.md").unlink()
    moved = "content/products/keripik-uji.md"
    edit(fixture_copy, moved, lambda text: text.replace("---\n", "---\nslug: keripik-baru\n", 1))
    for path in (new, "content/products/tas-uji.md", moved):
        assert preview.plugin.render_first({path}) is None, path
    preview.build()
    after = every_file(tmp_path / "preview")
    assert "katalog/tas-uji/index.html" not in after
    assert "katalog/keripik-baru/index.html" in after
    assert "berita/baru-uji/index.html" in after
    sessions(fixture_copy, tmp_path / "fresh")
    assert differing(after, every_file(tmp_path / "fresh")) == []


def test_a_rebuild_stopped_by_a_newer_edit_leaves_nothing_behind(fixture_copy, tmp_path, sessions):
    """A rebuild that a newer edit stops (at any of its steps) leaves the next complete
    rebuild equal to a fresh preview."""
    from kriya.adapter.interrupt import Superseded

    preview = sessions(fixture_copy, tmp_path / "preview")
    # a rebuild asks 8 times: before loading, validating, rendering bodies and QR codes,
    # at the start and end of MkDocs's files event, at its nav and env events
    for stop_at, (path, change) in zip((3, 6, 8), sorted(EDITS.items())):
        edit(fixture_copy, path, change)
        asked: list = []
        preview.plugin.check = lambda: asked.append(1) or len(asked) >= stop_at  # noqa: B023
        with pytest.raises(Superseded):
            preview.build()
        assert len(asked) == stop_at
    preview.plugin.check = None
    preview.build()
    after = every_file(tmp_path / "preview")
    sessions(fixture_copy, tmp_path / "fresh")
    assert differing(after, every_file(tmp_path / "fresh")) == []


def test_browsers_reload_only_when_their_page_changed(tmp_path):
    """The live-reload poll of a page answers with a newer epoch when that page changed, or
    when every page must reload; a poll from another page waits."""
    from kriya.adapter.internals import PreviewServer

    server = PreviewServer(lambda changes: None, "127.0.0.1", free_port(), str(tmp_path))
    server.poll_response_timeout = 1
    server.watch(str(tmp_path))  # pages get the live-reload script while something is watched
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<body>a</body>", encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    server.server_bind()
    server.server_activate()
    thread.start()
    try:
        base = server.url
        epoch = int(re.search(r"livereload\((\d+), \d+\)", get(base + "a/")[1])[1])
        server.show({"a/index.html"})
        assert int(get(f"{base}livereload/{epoch}/1", referer=base + "a/")[1]) > epoch
        assert int(get(f"{base}livereload/{epoch}/1", referer=base + "b/")[1]) == epoch
        server.show(None)
        assert int(get(f"{base}livereload/{epoch}/1", referer=base + "b/")[1]) > epoch
    finally:
        server.shutdown()
