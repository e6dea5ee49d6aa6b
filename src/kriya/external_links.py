"""External links of a built site/ folder: which still answer, which are broken, which have
moved for good. Run weekly by .github/workflows/links.yml, never by the build: the web
changes without a commit, and a shop that is down for an hour must not stop a deploy.

Every `<a href>` to another site is collected with the pages that hold it and checked once:
HEAD first, GET when HEAD is refused, redirects followed, a few requests at a time and at
most PER_HOST at a time to one host. Chat and share buttons (wa.me, api.whatsapp.com, the
share pages of `formatting.share_links`) carry a different number or page address on every
page; asking WhatsApp about each number would be spam and says nothing about the number, so
only their host (wa.me) or their page without the query (sharer.php) is asked, once.

Usage: python -m kriya.external_links SITE_DIR [SITE_URL]
The site's own address defaults to the canonical link of SITE_DIR/index.html. The report
(Markdown, Indonesian) is printed and appended to $GITHUB_STEP_SUMMARY when that is set;
the exit status is 1 when a link is broken.
"""

from __future__ import annotations

import html
import http.client
import os
import re
import socket
import ssl
import sys
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from .formatting import share_links

TIMEOUT = 10.0  # seconds per request
WORKERS = 4  # requests at a time
PER_HOST = 2  # requests at a time to one host
USER_AGENT = "KriyaLinkCheck/1.0 (pemeriksa tautan mingguan situs Dekranasda)"
PAGES_SHOWN = 10  # pages listed per broken link; the rest are counted
HOST_ONLY = {"wa.me", "api.whatsapp.com"}  # chats: only the host is asked
SHARE_PAGES = {(urlsplit(u).hostname, urlsplit(u).path) for _, _, u in share_links("", "")}
# Answers of sites that refuse robots (Instagram, marketplaces): the page may well exist.
REFUSED = {401, 403, 429, 999}
PERMANENT = {301, 308}

A_HREF = re.compile(r"""<a\s(?:[^>]*?\s)?href=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
CANONICAL = re.compile(r"""<link\s[^>]*?rel="canonical"[^>]*?href="([^"]*)\"""")


def collect(site: Path, site_url: str = "") -> dict[str, set[str]]:
    """Every external http(s) link of the site's pages -> the pages ('/katalog/x/') holding it.
    Links to the site's own address are internal (kriya.linkcheck checks those)."""
    own = (urlsplit(site_url).hostname or "").lower()
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        page = "/" + rel.removesuffix("index.html")
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in A_HREF.finditer(text):
            url = html.unescape(match[1] if match[1] is not None else match[2]).strip()
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            if parts.scheme.lower() in ("http", "https") and host and host != own:
                found[urlunsplit(parts._replace(fragment=""))].add(page)
    return dict(found)


def probe(url: str) -> str:
    """The address actually asked for a link (see the module's docstring)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in HOST_ONLY:
        return f"{parts.scheme}://{parts.netloc}/"
    if (host, parts.path) in SHARE_PAGES:
        return urlunsplit(parts._replace(query=""))
    return url


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None = None  # the last HTTP status; None: no answer
    error: str = ""  # why there was no answer, in Indonesian
    moved_to: str = ""  # where a permanent redirect (301, 308) leads

    @property
    def broken(self) -> bool:
        return self.status is None or (self.status >= 400 and self.status not in REFUSED)

    @property
    def refused(self) -> bool:
        return self.status in REFUSED

    @property
    def why(self) -> str:
        if self.status is None:
            return self.error
        meaning = {404: "halaman tidak ditemukan", 410: "halaman sudah dihapus"}.get(
            self.status, "galat di server situs itu" if self.status >= 500 else "ditolak"
        )
        return f"{meaning} (HTTP {self.status})"


class _Recorder(HTTPRedirectHandler):
    """Follows redirects like urllib does, keeping the request's method (a HEAD stays a
    HEAD) and noting each hop."""

    def __init__(self, hops: list[tuple[int, str]]):
        self.hops = hops

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()
            self.hops.append((code, new.full_url))
        return new


def check(url: str, timeout: float = TIMEOUT) -> Result:
    """HEAD, then GET when HEAD gets no good answer (many servers refuse or mishandle
    HEAD); a timeout is not tried again."""
    result = Result(url)
    for method in ("HEAD", "GET"):
        hops: list[tuple[int, str]] = []
        opener = build_opener(_Recorder(hops))
        request = Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=timeout) as response:
                if method == "GET":
                    response.read(1024)
                status = response.status
        except HTTPError as error:
            status = error.code
            error.close()
        except (URLError, OSError, http.client.HTTPException, ValueError) as error:
            result = Result(url, error=_no_answer(error, timeout))
            if _timed_out(error):
                return result
            continue
        moved = [new for code, new in hops if code in PERMANENT]
        result = Result(url, status, moved_to=moved[-1] if moved else "")
        if status < 400:
            return result
    return result


def _timed_out(error: BaseException) -> bool:
    reason = getattr(error, "reason", error)
    return isinstance(reason, TimeoutError)


def _no_answer(error: BaseException, timeout: float) -> str:
    reason = getattr(error, "reason", error)
    if _timed_out(error):
        return f"tidak menjawab dalam {timeout:g} detik"
    if isinstance(reason, socket.gaierror):
        return "nama situs tidak ditemukan (DNS)"
    if isinstance(reason, ssl.SSLError):
        return "sertifikat HTTPS situs itu bermasalah"
    if isinstance(reason, ConnectionRefusedError):
        return "sambungan ditolak"
    return f"tidak bisa dihubungi ({type(reason).__name__})"


def check_all(
    urls, timeout: float = TIMEOUT, workers: int = WORKERS, per_host: int = PER_HOST
) -> dict[str, Result]:
    """Each URL checked once, at most `workers` at a time and `per_host` per host; hosts
    take turns, so that one large shop does not hold up the rest."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in sorted(set(urls)):
        by_host[urlsplit(url).netloc.lower()].append(url)
    order = [u for turn in zip_longest(*by_host.values()) for u in turn if u]
    limits = {host: threading.Semaphore(per_host) for host in by_host}

    def one(url: str) -> Result:
        with limits[urlsplit(url).netloc.lower()]:
            return check(url, timeout)

    with ThreadPoolExecutor(workers) as pool:
        return dict(zip(order, pool.map(one, order)))


def report(links: dict[str, set[str]], results: dict[str, Result], pages: int) -> str:
    """The Indonesian Markdown report: broken links with their pages, links the site refused
    to show to a robot, and links that moved for good."""
    asked: dict[str, set[str]] = defaultdict(set)
    for url, found_on in links.items():
        asked[probe(url)] |= found_on
    broken = sorted(u for u in asked if results[u].broken)
    refused = sorted(u for u in asked if results[u].refused)
    moved = sorted(u for u in asked if results[u].moved_to and not results[u].broken and u in links)
    lines = [
        "## Pemeriksaan tautan luar",
        "",
        f"{len(links)} tautan luar di {pages} halaman; {len(asked)} alamat diperiksa.",
        "",
    ]
    if broken:
        lines += [
            f"### ❌ {len(broken)} tautan rusak",
            "",
            "Perbaiki atau hapus tautan ini di file konten halamannya (kolom `links` atau "
            "isi tulisan). Tombol yang dibuat situs (WhatsApp, bagikan) tidak diubah di "
            "konten: bila rusak dua minggu berturut-turut, laporkan ke pengelola teknis. "
            "Bila situs tujuan hanya sedang gangguan, tunggu pemeriksaan minggu depan.",
            "",
        ]
        lines += [
            _item(u, results[u].why + ("" if u in links else " (tombol buatan situs)"), asked[u])
            for u in broken
        ]
    else:
        lines.append("### ✅ Tidak ada tautan rusak")
    if refused:
        lines += [
            "",
            f"### ⚠️ {len(refused)} tautan tidak bisa diperiksa otomatis",
            "",
            "Situs ini menolak pemeriksa otomatis; buka tautannya sendiri di browser.",
            "",
        ]
        lines += [_item(u, results[u].why, asked[u]) for u in refused]
    if moved:
        lines += [
            "",
            f"### ↪️ {len(moved)} tautan pindah alamat secara permanen",
            "",
            "Masih berfungsi, tetapi sebaiknya diganti dengan alamat barunya.",
            "",
        ]
        lines += [_item(u, f"alamat baru: {_code(results[u].moved_to)}", asked[u]) for u in moved]
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    return "`" + text.replace("`", "%60") + "`"


def _item(url: str, why: str, found_on: set[str]) -> str:
    shown = sorted(found_on)[:PAGES_SHOWN]
    more = len(found_on) - len(shown)
    where = ", ".join(_code(p) for p in shown) + (f" dan {more} halaman lain" if more else "")
    return f"- {_code(url)}: {why}\n  - di halaman: {where}"


def own_address(site: Path) -> str:
    """The site's address, from the canonical link of its home page ('' when absent)."""
    home = site / "index.html"
    match = CANONICAL.search(home.read_text(encoding="utf-8")) if home.is_file() else None
    return html.unescape(match[1]) if match else ""


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    site = Path(argv[0])
    links = collect(site, argv[1] if len(argv) > 1 else own_address(site))
    results = check_all({probe(url) for url in links})
    text = report(links, results, sum(1 for _ in site.rglob("*.html")))
    print(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(text)
    return 1 if any(result.broken for result in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
