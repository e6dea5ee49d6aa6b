"""One-file edits with the build cache restored, as `run.py` measures them, built in turns by
the code of a git revision and by the working tree (or the src/ and scripts/ in --code): each
edit's seconds and phase line, then whether the two trees' sites are the same byte for byte.

Each tree builds its own copy of the project (the build cache is keyed by Kriya's code), once
in full to fill its cache; then, each round, the article as it was (to put the cache back,
not timed) and run.py's EDIT of it (timed), into a new folder each time.

    python tools/bench/edit_turns.py /tmp/kriya-bench/kriya-10000 --ref HEAD [--rounds 3]
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1]
ROOT = TOOLS.parent
sys.path.append(str(TOOLS))
from measure import timed_build
from run import EDIT, edited_article
from same_output import NOW, compare_folders, files_of


def code_of(ref: str, folder: Path) -> Path:
    """The `src` and `scripts` of `ref`, unpacked into `folder`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "src", "scripts"],
        capture_output=True,
        check=True,
    ).stdout
    folder.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def build(code: Path, project: Path, site: Path) -> tuple[float, str]:
    command = [sys.executable, str(code / "scripts" / "build.py"), "--root", str(project)]
    env = {"KRIYA_NOW": NOW, "PYTHONPATH": str(code / "src")}
    return timed_build(command + ["--site-dir", str(site)], env)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("project", type=Path)
    args.add_argument("--ref", default="HEAD")
    args.add_argument("--rounds", type=int, default=3)
    args.add_argument("--work", type=Path, default=Path("/tmp/kriya-edit-turns"))
    args.add_argument("--code", type=Path, default=ROOT, help="src/ and scripts/ to compare")
    args = args.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    trees = {args.ref: code_of(args.ref, args.work / "ref"), str(args.code): args.code}
    projects = {}
    for name in trees:
        projects[name] = Path(tempfile.mkdtemp(prefix="project-", dir=args.work))
        shutil.copytree(args.project, projects[name], dirs_exist_ok=True, symlinks=True)
        shutil.rmtree(projects[name] / ".cache" / "kriya-build", ignore_errors=True)
    count = 0

    def new_site() -> Path:
        nonlocal count
        count += 1
        return args.work / f"site-{count}"

    for name, code in trees.items():  # each tree's cache, of the project as it is
        build(code, projects[name], new_site())
    print("| code | edit s | phases |")
    print("|---|---|---|")
    edited = {}
    for _ in range(args.rounds):
        for name, code in trees.items():
            article = edited_article(projects[name])
            original = article.read_bytes()
            build(code, projects[name], new_site())  # the cache of the article as it was
            try:
                article.write_bytes(original + EDIT)
                site = edited[name] = new_site()
                seconds, phases = build(code, projects[name], site)
            finally:
                article.write_bytes(original)
            print(f"| {name} | {seconds:.2f} | {phases} |", flush=True)
    first, second = (files_of(site) for site in edited.values())
    print("same bytes:", not compare_folders(first, second))
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
