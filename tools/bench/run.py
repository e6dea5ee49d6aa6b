"""`make bench`: build N news + N products with Kriya, with the Material blog reference and
with Hugo + Pagefind (the anchor: `hugo_anchor.py`), side by side, and print wall time, peak
memory, ratios, growth exponents and article size.

Kriya builds three times: "cold" with empty caches, "warm" with the image cache the cold build
left (.cache/kriya-images, as CI restores it) but no build cache, and "edit": one sentence added
to one article, with both caches restored (.cache/kriya-build too), as CI builds a commit that
changes one file. Full builds write the build cache, as they do in CI. Every build,
the reference's too, writes into a folder that does not exist yet, as on a fresh CI checkout
(see Trash).

Usage: python tools/bench/run.py [--sizes 1000 3000 10000] [--work /tmp/kriya-bench]
Generated projects are cached in the work folder (same seed, same content).
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from generate import generate
from hugo_anchor import hugo_command, write_hugo
from measure import run_measured
from reference import write_reference

NOW = {"KRIYA_NOW": "2026-11-20T12:00:00+07:00", "NO_MKDOCS_2_WARNING": "1"}
MIB = 1024 * 1024


def prepare(work: Path, n: int) -> tuple[Path, Path]:
    source, reference = work / f"kriya-{n}", work / f"reference-{n}"
    if not (source / "mkdocs.yml").exists():
        shutil.rmtree(source, ignore_errors=True)
        generate(source, n, n, seed=1)
    if not (reference / "mkdocs.yml").exists():
        write_reference(source, reference)
    return source, reference


class Trash:
    """Outputs moved aside during the run and deleted at its end. Every measured build writes
    into a folder that does not exist yet, as on a fresh CI checkout. Nothing is deleted
    between builds: on this machine's file system, creating files costs several times more
    for minutes after many were deleted, so a deletion would slow down the next build,
    whichever it is."""

    def __init__(self, work: Path):
        self.folder = work / ".papan-sampah"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    def clear(self, path: Path) -> Path:
        """Move `path` (if it exists) out of the way; returns it."""
        if path.exists():
            self.count += 1
            path.rename(self.folder / f"{self.count}-{path.name}")
        return path

    def new_folder(self) -> Path:
        self.count += 1
        return self.folder / str(self.count)

    def empty(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def build_kriya(source: Path, out: Path, *args: str):
    """(seconds, peak of the site build, seconds spent on images, peak of the search
    indexing): the search indexing starts when the Pagefind CLI first runs."""
    command = [
        sys.executable,
        str(ROOT / "scripts" / "build.py"),
        "--root",
        str(source),
        "--site-dir",
        str(out),
        *args,
    ]
    seconds, peak, code, output, search_peak = run_measured(command, env=NOW, marker="pagefind")
    if code != 0:
        raise SystemExit(f"Kriya build failed:\n{output[-3000:]}")
    images = re.search(r"gambar ([\d.]+) detik", output)
    return seconds, peak, float(images[1]) if images else None, search_peak


def build_reference(reference: Path, out: Path):
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--config-file",
        str(reference / "mkdocs.yml"),
        "--site-dir",
        str(out),
    ]
    seconds, peak, code, output, _ = run_measured(command, env=NOW, cwd=reference)
    if code != 0:
        raise SystemExit(f"Reference build failed:\n{output[-3000:]}")
    return seconds, peak


def build_hugo(source: Path, work: Path, out: Path, index: Path):
    """Seconds of Hugo plus the Pagefind CLI over its output (the anchor of #18)."""
    from kriya.search import pagefind_command

    project = work / f"hugo-{source.name}"
    if not (project / "hugo.toml").exists():
        write_hugo(source, project)
    seconds, _, code, text, _ = run_measured(hugo_command(project, out))
    if code != 0:
        raise SystemExit(f"Hugo failed:\n{text[-3000:]}")
    indexed, _, code, text, _ = run_measured(pagefind_command(out, index))
    if code != 0:
        raise SystemExit(f"Pagefind on Hugo's output failed:\n{text[-3000:]}")
    return seconds, indexed


def pagefind_alone(site: Path, output: Path):
    """Wall time and peak memory of the Pagefind CLI alone on the built site (the search
    indexing inside scripts/build.py, without Kriya's packing)."""
    from kriya.search import pagefind_command

    seconds, peak, code, text, _ = run_measured(pagefind_command(site, output))
    if code != 0:
        raise SystemExit(f"Pagefind failed:\n{text[-3000:]}")
    return seconds, peak


def article_size(site: Path) -> int:
    first = sorted((site / "berita").glob("berita-00000*/index.html"))
    return first[0].stat().st_size if first else 0


def exponent(small: float, large: float, n_small: int, n_large: int) -> float:
    return math.log(large / small) / math.log(n_large / n_small)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    args.add_argument("--work", type=Path, default=Path("/tmp/kriya-bench"))
    args.add_argument("--skip-reference", action="store_true")
    args = args.parse_args()
    rows, hugos, edits = [], [], []
    trash = Trash(args.work)
    for n in args.sizes:
        source, reference = prepare(args.work, n)
        out = args.work / f"site-{n}"
        trash.clear(source / ".cache")  # cold: no image cache
        cold = build_kriya(source, trash.clear(out))
        trash.clear(source / ".cache" / "kriya-build")
        warm = build_kriya(source, trash.clear(out))  # with the cold build's image cache
        edits.append((n, warm, build_after_an_edit(source, trash.new_folder())))
        search = pagefind_alone(out, trash.new_folder())
        ref = (
            (None, None)
            if args.skip_reference
            else build_reference(reference, trash.clear(args.work / f"reference-site-{n}"))
        )
        hugo = build_hugo(source, args.work, trash.new_folder(), trash.new_folder())
        hugos.append((n, hugo, cold, warm))
        rows.append((n, cold, warm, ref, article_size(out), search))
        print(
            f"N={n}: kriya cold {cold[0]:.1f} s, warm {warm[0]:.1f} s, site build peak "
            f"{site_peak(cold, warm) / MIB:.0f} MiB, search indexing peak "
            f"{search_peak(cold, warm) / MIB:.0f} MiB; Pagefind alone {search[0]:.1f} s / "
            f"{search[1] / MIB:.0f} MiB; reference {ref[0] or 0:.1f} s / "
            f"{(ref[1] or 0) / MIB:.0f} MiB; article {article_size(out)} bytes",
            flush=True,
        )

    print(
        "\n| N news + N products | Kriya s (cold / warm) | Reference s | time ratio (cold / warm) "
        "| Kriya site build peak MiB | Reference peak MiB | memory ratio | Kriya search "
        "indexing peak MiB | Pagefind alone s / MiB | images in warm build | article HTML |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n, cold, warm, ref, size, search in rows:
        ratio = f"{cold[0] / ref[0]:.2f} / {warm[0] / ref[0]:.2f}" if ref[0] else "-"
        mem = f"{site_peak(cold, warm) / ref[1]:.2f}" if ref[1] else "-"
        share = f"{100 * warm[2] / warm[0]:.1f} %" if warm[2] is not None else "-"
        print(
            f"| {n:,} | {cold[0]:.1f} / {warm[0]:.1f} | {ref[0] or 0:.1f} | {ratio} | "
            f"{site_peak(cold, warm) / MIB:.0f} | {(ref[1] or 0) / MIB:.0f} | {mem} | "
            f"{search_peak(cold, warm) / MIB:.0f} | {search[0]:.1f} / {search[1] / MIB:.0f} | "
            f"{share} | {size / 1024:.1f} KiB |"
        )
    print(
        "\n| N news + N products | Hugo s | Pagefind on Hugo's output s | Hugo + Pagefind s "
        "| Kriya / (Hugo + Pagefind), cold / warm |"
    )
    print("|---|---|---|---|---|")
    for n, (hugo, indexed), cold, warm in hugos:
        anchor = hugo + indexed
        print(
            f"| {n:,} | {hugo:.1f} | {indexed:.1f} | {anchor:.1f} | "
            f"{cold[0] / anchor:.1f} / {warm[0] / anchor:.1f} |"
        )
    print("\n| N news + N products | full build s (warm) | one-file edit s | edit / full |")
    print("|---|---|---|---|")
    for n, warm, edit in edits:
        print(f"| {n:,} | {warm[0]:.1f} | {edit[0]:.1f} | {100 * edit[0] / warm[0]:.1f} % |")
    if len(rows) >= 2:
        (n1, c1, w1, r1, s1, _), (n2, c2, w2, r2, s2, _) = rows[0], rows[-1]
        whole1, whole2 = (
            max(site_peak(c1, w1), search_peak(c1, w1)),
            max(site_peak(c2, w2), search_peak(c2, w2)),
        )
        print(
            f"\nGrowth exponent {n1:,} → {n2:,}: Kriya time {exponent(c1[0], c2[0], n1, n2):.2f} "
            f"cold / {exponent(w1[0], w2[0], n1, n2):.2f} warm, "
            f"peak memory {exponent(whole1, whole2, n1, n2):.2f}",
            end="",
        )
        if r1[0]:
            print(
                f"; reference time {exponent(r1[0], r2[0], n1, n2):.2f}, "
                f"memory {exponent(r1[1], r2[1], n1, n2):.2f}",
                end="",
            )
        print(f"; article HTML size {s1} → {s2} bytes ({100 * (s2 - s1) / s1:+.1f} %)")
    trash.empty()


# The edit: one sentence added to the first news article.
EDIT = b"\nSatu kalimat baru untuk mengukur build bertahap.\n"


def edited_article(source: Path) -> Path:
    return sorted((source / "content" / "news").glob("*.md"))[0]


def build_after_an_edit(source: Path, out: Path):
    """A build after the EDIT (undone afterwards), with the caches the last build left."""
    article = edited_article(source)
    original = article.read_bytes()
    try:
        article.write_bytes(original + EDIT)
        return build_kriya(source, out)
    finally:
        article.write_bytes(original)


def site_peak(cold, warm) -> int:
    return max(cold[1], warm[1])


def search_peak(cold, warm) -> int:
    return max(cold[3], warm[3])


if __name__ == "__main__":
    main()
