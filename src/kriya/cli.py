"""`kriya`, the one command for writers and builds, the same on Windows, macOS and Linux:

    kriya check                      periksa semua berita dan produk
    kriya serve [--open]             pratinjau di http://127.0.0.1:8000/
    kriya new news "Judul berita"    file baru dari templat (juga: berita, product, produk)
    kriya build                      bangun situs ke folder site/
    kriya due                        apakah ada yang baru terbit atau berakhir (alur terjadwal)

Installed as a console script by pip (pyproject [project.scripts]); `python -m kriya` and
scripts/*.py run the same code. The project folder is the nearest one holding mkdocs.yml,
or `--root`."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from .commands.common import guarded, project_root

KINDS = {"news": "news", "berita": "news", "product": "product", "produk": "product"}


class Parser(argparse.ArgumentParser):
    def error(self, message: str):
        """A wrong command line, in Indonesian, with the commands to copy."""
        self.print_usage(sys.stderr)
        sys.stderr.write(
            f"\nPerintah tidak lengkap atau salah ({message}).\nContoh:\n"
            '  kriya check\n  kriya serve\n  kriya new news "Judul berita"\n'
            '  kriya new product "Nama produk"\n'
        )
        sys.exit(2)


def parser() -> argparse.ArgumentParser:
    top = Parser(prog="kriya", description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    commands = top.add_subparsers(dest="command", required=True, metavar="PERINTAH")
    made = {}
    for name, summary in (
        ("check", "periksa semua berita dan produk"),
        ("serve", "pratinjau di browser, diperbarui setiap kali file disimpan"),
        ("new", "buat file berita atau produk baru dari templat"),
        ("build", "bangun seluruh situs ke folder site/"),
        ("due", "apakah ada yang terbit atau berakhir sejak beberapa jam lalu"),
    ):
        made[name] = commands.add_parser(name, help=summary, description=summary)
        made[name].add_argument(
            "--root", type=Path, help="folder proyek (berisi mkdocs.yml); bawaan: folder ini"
        )
    made["serve"].add_argument("--open", action="store_true", help="buka browser bila siap")
    made["serve"].add_argument("--port", type=int, default=8000, help="bawaan: 8000")
    made["new"].add_argument("kind", choices=sorted(KINDS), help="news/berita atau product/produk")
    made["new"].add_argument("title", help="judul berita atau nama produk")
    made["build"].add_argument("--site-dir", type=Path, help="folder hasil (bawaan: ROOT/site)")
    made["build"].add_argument(
        "--no-cache",
        action="store_true",
        help="bangun semuanya dari awal, tanpa memakai atau mengisi .cache/kriya-build",
    )
    made["due"].add_argument("--hours", type=float, default=2, help="lihat ke belakang (jam)")
    made["due"].add_argument("--since", help="atau sejak saat ini (ISO, WIB)")
    return top


def main(argv: list[str] | None = None) -> None:
    args = parser().parse_args(argv)
    if args.command == "new":
        args.kind = KINDS[args.kind]

    def run() -> int:
        args.root = project_root(args.root)
        return importlib.import_module(f"kriya.commands.{args.command}").run(args)

    guarded(run)
