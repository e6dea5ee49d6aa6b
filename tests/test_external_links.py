"""The weekly external link check (kriya.external_links) against a local HTTP server that
answers 200, 404, 500, too late, a permanent and a temporary redirect, and refuses HEAD."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from kriya import external_links as ext

TIMEOUT = 1.0  # the checker's timeout in these tests; /lambat answers after 3 s


class Answers(BaseHTTPRequestHandler):
    asked: ClassVar[list[tuple[str, str]]] = []

    def do_HEAD(self):
        self.answer("HEAD")

    def do_GET(self):
        self.answer("GET")

    def answer(self, method: str) -> None:
        Answers.asked.append((method, self.path))
        path = self.path
        if path == "/lambat":
            time.sleep(3 * TIMEOUT)
        if path in ("/pindah", "/sementara"):
            self.send_response(301 if path == "/pindah" else 302)
            self.send_header("Location", "/ada")
        elif path == "/tanpa-head" and method == "HEAD":
            self.send_response(405)
        else:
            codes = {"/hilang": 404, "/rusak": 500, "/robot": 403}
            self.send_response(codes.get(path, 200) if path != "/lambat" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the checker hung up on /lambat before it answered: expected


@pytest.fixture
def server():
    httpd = Server(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Answers.asked = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def page(site: Path, rel: str, *hrefs: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    links = "".join(f'<a class="x" href="{h}">tautan</a>\n' for h in hrefs)
    path.write_text(
        '<html><head><link rel="canonical" href="https://situs.example/"></head>'
        f"<body>{links}<img src='https://gambar.example/x.jpg'></body></html>",
        encoding="utf-8",
    )


def test_collects_external_links_with_their_pages(tmp_path):
    page(
        tmp_path,
        "index.html",
        "katalog/",
        "https://situs.example/katalog/",
        "mailto:a@b.example",
        "https://shopee.co.id/toko#ulasan",
        "https://wa.me/6281234567890?text=Halo",
    )
    page(
        tmp_path,
        "katalog/tikar/index.html",
        "https://shopee.co.id/toko",
        "https://wa.me/6285712345678?text=Halo%20lagi",
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fsitus.example%2F",
        "https://x.com/intent/post?text=a&amp;url=b",
    )
    (tmp_path / "lain.html").write_text(
        '<a data-href="https://bukan.example/">x</a><link href="https://gaya.example/a.css">',
        encoding="utf-8",
    )
    assert ext.own_address(tmp_path) == "https://situs.example/"
    links = ext.collect(tmp_path, ext.own_address(tmp_path))
    assert links == {
        "https://shopee.co.id/toko": {"/", "/katalog/tikar/"},
        "https://wa.me/6281234567890?text=Halo": {"/"},
        "https://wa.me/6285712345678?text=Halo%20lagi": {"/katalog/tikar/"},
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fsitus.example%2F": {
            "/katalog/tikar/"
        },
        "https://x.com/intent/post?text=a&url=b": {"/katalog/tikar/"},
    }
    # WhatsApp is asked only whether it answers, once; share pages without each page's address
    assert {ext.probe(url) for url in links} == {
        "https://shopee.co.id/toko",
        "https://wa.me/",
        "https://www.facebook.com/sharer/sharer.php",
        "https://x.com/intent/post",
    }


def test_checks_and_reports_broken_links_with_their_pages(tmp_path, server):
    page(tmp_path, "index.html", f"{server}/ada", f"{server}/hilang", f"{server}/pindah")
    page(tmp_path, "katalog/a/index.html", f"{server}/hilang", f"{server}/rusak")
    page(tmp_path, "katalog/b/index.html", f"{server}/lambat", f"{server}/sementara")
    page(tmp_path, "berita/c/index.html", f"{server}/tanpa-head", f"{server}/robot")
    links = ext.collect(tmp_path, "https://situs.example/")
    started = time.monotonic()
    results = ext.check_all(links, timeout=TIMEOUT, workers=3, per_host=3)
    assert time.monotonic() - started < 2 * TIMEOUT + 1  # the slow one did not hold the rest

    assert {url.removeprefix(server) for url, r in results.items() if r.broken} == {
        "/hilang",
        "/rusak",
        "/lambat",
    }
    assert results[f"{server}/hilang"].status == 404
    assert results[f"{server}/lambat"].status is None
    assert results[f"{server}/pindah"].moved_to == f"{server}/ada"
    assert results[f"{server}/pindah"].status == 200
    assert results[f"{server}/sementara"].moved_to == ""  # 302: temporary, not reported
    assert results[f"{server}/tanpa-head"].status == 200  # GET after the refused HEAD
    assert results[f"{server}/robot"].refused and not results[f"{server}/robot"].broken
    # HEAD first; GET only where HEAD got no good answer; the redirect kept HEAD
    assert ("GET", "/ada") not in Answers.asked and ("HEAD", "/ada") in Answers.asked
    assert ("GET", "/tanpa-head") in Answers.asked and ("GET", "/lambat") not in Answers.asked

    text = ext.report(links, results, pages=4)
    broken = text.split("### ❌ 3 tautan rusak")[1].split("###")[0]
    assert broken.count(f"- `{server}/") == 3
    assert f"- `{server}/hilang`: halaman tidak ditemukan (HTTP 404)\n" in broken
    assert "  - di halaman: `/`, `/katalog/a/`" in broken
    assert f"- `{server}/rusak`: galat di server situs itu (HTTP 500)\n" in broken
    assert f"- `{server}/lambat`: tidak menjawab dalam 1 detik\n  - di halaman: `/katalog/b/`" in (
        broken
    )
    for fine in ("/ada`", "/pindah`", "/sementara`", "/tanpa-head`", "/robot`"):
        assert fine not in broken
    assert "8 tautan luar di 4 halaman; 8 alamat diperiksa." in text
    assert "### ⚠️ 1 tautan tidak bisa diperiksa otomatis\n\nSitus ini menolak" in text
    assert f"`{server}/robot`: ditolak (HTTP 403)" in text
    assert f"- `{server}/pindah`: alamat baru: `{server}/ada`\n  - di halaman: `/`" in text


def test_command_writes_the_summary_and_fails_only_its_own_job(tmp_path, server, monkeypatch):
    site = tmp_path / "site"
    page(site, "index.html", f"{server}/ada", f"{server}/hilang")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert ext.main([str(site)]) == 1
    assert f"`{server}/hilang`: halaman tidak ditemukan" in summary.read_text(encoding="utf-8")
    page(site, "index.html", f"{server}/ada")
    assert ext.main([str(site)]) == 0
    assert "### ✅ Tidak ada tautan rusak" in summary.read_text(encoding="utf-8")


def test_many_pages_are_counted_not_listed():
    pages = {f"/katalog/p{i:02}/" for i in range(25)}
    url = "https://toko.example/hilang"
    text = ext.report({url: pages}, {url: ext.Result(url, 404)}, pages=25)
    assert text.count("`/katalog/p") == ext.PAGES_SHOWN
    assert f"dan {25 - ext.PAGES_SHOWN} halaman lain" in text


def test_buttons_the_site_makes_are_told_apart_from_content_links():
    chats = {"https://wa.me/6281234567890?text=a": {"/katalog/a/"}}
    url = "https://wa.me/"
    text = ext.report(chats, {url: ext.Result(url, error="nama situs tidak ditemukan (DNS)")}, 1)
    assert "- `https://wa.me/`: nama situs tidak ditemukan (DNS) (tombol buatan situs)" in text
    assert "6281234567890" not in text
