"""Prove that the working tree builds exactly what a reference commit builds.

Usage: .venv/bin/python tools/same_output.py [--ref REV] [--sizes 120 1000] [--keep]

Every input (taken from REV's tree, so both sides build the same content) is built four
times, one build after another: with REV's code and with the working tree's code, each once
with KRIYA_SERIAL=1 and once in parallel. All four outputs must be byte-identical, and
check.py and build.py must report the same problems for a broken copy of the fixture site.
REV's tree, inputs and outputs are cached in .cache/same-output/<sha>/, so a second run
only builds the working tree. Exit 0 when everything is equal, 1 on any difference,
2 when the comparison could not be made.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

# The last commit before src/kriya was restructured into subpackages.
DEFAULT_REF = "73ca062"
REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"  # not resolved: the symlink is what makes it the venv
CACHE = REPO / ".cache" / "same-output"
NOW = "2026-11-20T12:00:00+07:00"
MODES = ("serial", "parallel")
MAX_LISTED = 20

# sitecustomize.py for every build: it pins `kriya` to one tree and logs its imports.
HOOK = '''\
"""Written by tools/same_output.py; only active under its SAME_OUTPUT_* variables."""
import os
import sys

_SRC = os.environ.get("SAME_OUTPUT_SRC")
if _SRC:
    # Only this tree's kriya may be found: drop every other path entry holding a kriya
    # folder (the editable install's src/), so that no regular package or namespace
    # portion elsewhere can shadow or extend it.
    sys.path[:] = [p for p in sys.path if os.path.realpath(p or ".") == _SRC
                   or not os.path.isdir(os.path.join(p or ".", "kriya"))]


class _Trace:
    """Append where each kriya module was found to $SAME_OUTPUT_TRACE (forks included)."""

    def find_spec(self, name, path=None, target=None):
        if name != "kriya" and not name.startswith("kriya."):
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                where = [spec.origin] if spec.has_location else list(
                    spec.submodule_search_locations or [])
                with open(os.environ["SAME_OUTPUT_TRACE"], "a", encoding="utf-8") as log:
                    log.write(name + "\\t" + os.pathsep.join(where) + "\\n")
                return spec
        return None


if os.environ.get("SAME_OUTPUT_TRACE"):
    sys.meta_path.insert(0, _Trace())
'''

# Run under a tree's environment: where kriya and the MkDocs plugin come from.
PROBE = """
import importlib.metadata, json, sys
import kriya
ep = next(e for e in importlib.metadata.entry_points(group="mkdocs.plugins") if e.name == "kriya")
plugin = ep.load()
print(json.dumps({"path": list(kriya.__path__), "init": getattr(kriya, "__file__", None),
                  "entry": ep.value, "version": ep.dist.version,
                  "plugin": sys.modules[plugin.__module__].__file__}))
"""

# A dozen different mistakes (most taken from tests/golden/*.yaml and
# tests/test_parallel_render.py), written into a copy of the fixture site.
NEWS = "---\ntitle: {title}\ndate: {date}\ndescription: x\n{extra}---\n{body}"
PRODUCT = "---\ntitle: {title}\nartisan: U\ncategory: batik\nkecamatan: Maron\n{extra}description: x\n---\n"
PHOTO_PAGE = "content/products/foto-rusak.md"
BROKEN: dict[str, bytes] = {
    # YAML syntax: an unquoted colon inside a value
    "content/news/2025-01-01-titik-dua.md": b"---\ntitle: Rakernas: Hari Pertama\ndate: 2025-01-01\ndescription: x\n---\nIsi.\n",
    "content/news/2025-01-02-tanggal.md": NEWS.format(
        title="Tanggal", date="23/9/2025", extra="", body="Isi.\n"
    ).encode(),
    "content/news/2025-01-03-draf.md": NEWS.format(
        title="Draf", date="2025-01-03", extra='draft: "false"\n', body=""
    ).encode(),
    # required field missing (description)
    "content/news/2025-01-04-tanpa-ringkasan.md": b"---\ntitle: Tanpa ringkasan\ndate: 2025-01-04\n---\nIsi.\n",
    "content/news/2025-01-05-gambar.md": NEWS.format(
        title="Gambar",
        date="2025-01-05",
        body="Isi.\n",
        extra="image: img/tidak-ada.jpg\nimage_alt: Sampul\n",
    ).encode(),
    "content/news/2025-01-06-ganda.md": NEWS.format(
        title="Pertama", date="2025-01-06", extra="title: Kedua\n", body=""
    ).encode(),
    "content/news/2025-01-07-tab.md": NEWS.format(
        title="Tab", date="2025-01-07", extra="categories:\n\t- kegiatan\n", body=""
    ).encode(),
    "content/news/2025-01-08-tautan.md": NEWS.format(
        title="Tautan",
        date="2025-01-08",
        extra="",
        body="Lihat [produk](../products/tidak-ada.md) dan "
        "[katalog lama](/katalog/produk-lama/).\n",
    ).encode(),
    "content/news/2025-01-09-unicode.md": "---\ntitle: Unicode\n---\n".encode("utf-16"),
    "content/news/2025-01-10-word.md": NEWS.format(
        title="Word",
        date="2025-01-10",
        extra="",
        body="“Kutipan” dari Word – dengan tanda pisah.\n",
    ).encode("cp1252"),
    "content/products/harga-titik.md": PRODUCT.format(
        title="Harga titik", extra="price: 150.000\n"
    ).encode(),
    "content/products/kunci-harga.md": PRODUCT.format(
        title="Kunci harga", extra="harga: 50000\n"
    ).encode(),
    # several mistakes in one file: kecamatan typo, foreign WhatsApp number, image without alt
    "content/products/tas-pandan.md": b"---\ntitle: Tas Pandan\nartisan: U\ncategory: anyaman\nkecamatan: Kraksan\n"
    b'whatsapp: "+60 12-345 6789"\nimages:\n  - src: img/produk.jpg\ndescription: x\n---\n',
    # a photo that is not a picture (found while building pages, reported under its own path)
    PHOTO_PAGE: PRODUCT.format(
        title="Foto rusak", extra="images:\n  - src: img/rusak.jpg\n    alt: Foto\n"
    ).encode(),
    "content/products/img/rusak.jpg": b"bukan foto",
}


@dataclass
class Tree:
    label: str
    root: Path
    hooks: Path  # sitecustomize.py (and for REV its own kriya dist-info), first on PYTHONPATH
    entry: str = ""  # the plugin's entry point, e.g. kriya.plugin:KriyaPlugin

    @property
    def src(self) -> Path:
        return self.root / "src"


class Unusable(Exception):
    """The comparison cannot be made (exit 2)."""


def main() -> int:
    args = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    args.add_argument(
        "--ref", default=DEFAULT_REF, help=f"reference commit (default {DEFAULT_REF})"
    )
    args.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[120, 1000],
        help="generated sites of N news + N products (default 120 1000)",
    )
    args.add_argument("--keep", action="store_true", help="keep the working tree's outputs")
    args = args.parse_args()
    started = time.monotonic()
    work = None
    try:
        sha = git("rev-parse", "--verify", f"{args.ref}^{{commit}}")
        base = CACHE / sha
        rev = Tree(f"REV {sha[:7]}", export_tree(sha, base / "tree"), base / "hooks")
        cur = Tree("current", REPO, CACHE / "hooks-current")
        prepare_hooks(rev, cur)
        for tree in (rev, cur):
            probe(tree)
        reset_if_venv_changed(base)
        work = Path(tempfile.mkdtemp(prefix="work-", dir=CACHE))
        inputs = make_inputs(rev, base / "inputs", args.sizes)
        failures = []
        for name, source in inputs.items():
            failures += compare_builds(name, source, rev, cur, base / "out", work)
        failures += compare_reports(rev, cur, base / "inputs" / "fixture", work)
    except Unusable as error:
        print(f"\nCANNOT COMPARE: {error}")
        return 2
    finally:
        if work:
            shutil.rmtree(work, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(CACHE / "current", ignore_errors=True)
    elapsed = time.monotonic() - started
    if args.keep:
        print(f"\nWorking tree outputs kept in {CACHE / 'current'}")
    if failures:
        print(
            f"\nDIFFERENCES FOUND ({len(failures)}): {', '.join(failures)} "
            f"[{elapsed:.0f} s in total]"
        )
        return 1
    print(
        f"\nALL EQUAL: {len(inputs)} inputs x 4 builds byte-identical, problem reports "
        f"identical [{elapsed:.0f} s in total]"
    )
    return 0


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
    if done.returncode:
        raise Unusable(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def export_tree(sha: str, target: Path) -> Path:
    """REV's files (git archive), extracted once."""
    if not target.is_dir():
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        archive = subprocess.Popen(["git", "archive", sha], cwd=REPO, stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", str(partial)], stdin=archive.stdout, check=True)
        if archive.wait():
            raise Unusable(f"git archive {sha} failed")
        partial.rename(target)
    return target


def entry_points_of(pyproject: Path) -> dict[str, dict[str, str]]:
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["entry-points"]


def prepare_hooks(rev: Tree, cur: Tree) -> None:
    """Write the sitecustomize hook for both trees, and for REV a kriya dist-info whose
    entry points are REV's own: importlib.metadata finds it (first on the path) before the
    installed one, which points into the working tree's module layout."""
    for tree in (rev, cur):
        tree.hooks.mkdir(parents=True, exist_ok=True)
        (tree.hooks / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    groups = entry_points_of(rev.root / "pyproject.toml")
    rev.entry = groups["mkdocs.plugins"]["kriya"]
    info = rev.hooks / "kriya-0.0.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: kriya\nVersion: 0.0.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "".join(
            f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in points.items()) + "\n"
            for group, points in groups.items()
        ),
        encoding="utf-8",
    )
    cur.entry = entry_points_of(REPO / "pyproject.toml")["mkdocs.plugins"]["kriya"]
    installed = [
        e.value
        for e in importlib.metadata.distribution("kriya").entry_points
        if e.group == "mkdocs.plugins" and e.name == "kriya"
    ]
    if installed != [cur.entry]:
        raise Unusable(
            f"the installed entry point {installed} is not pyproject.toml's "
            f"{cur.entry!r}; reinstall: make .venv/.installed"
        )


def tree_env(tree: Tree, serial: bool = True, trace: Path | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("KRIYA_", "PYTHON", "SAME_OUTPUT_", "SOURCE_DATE_EPOCH"))
    }
    env.update(
        KRIYA_NOW=NOW,
        NO_MKDOCS_2_WARNING="1",
        KRIYA_IMAGE_CACHE=str(CACHE / "images"),
        PYTHONPATH=os.pathsep.join([str(tree.hooks), str(tree.src)]),
        SAME_OUTPUT_SRC=os.path.realpath(tree.src),
    )
    if serial:
        env["KRIYA_SERIAL"] = "1"
    if trace:
        env["SAME_OUTPUT_TRACE"] = str(trace)
    return env


def inside(path: str, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def probe(tree: Tree) -> None:
    """Check, and show once, that kriya and its MkDocs plugin load from `tree`; then again
    with a decoy regular package `kriya` (with __init__.py) placed after the tree on the
    path, as the working tree's src/ is when it gains an __init__.py."""
    decoy = Path(tempfile.mkdtemp(prefix="decoy-", dir=CACHE))
    try:
        (decoy / "kriya").mkdir()
        (decoy / "kriya" / "__init__.py").write_text("raise ImportError('decoy kriya')\n")
        for extra in ([], [str(decoy)]):
            env = tree_env(tree)
            env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], *extra])
            done = subprocess.run(
                [str(PYTHON), "-c", PROBE], env=env, cwd=CACHE, capture_output=True, text=True
            )
            if done.returncode:
                raise Unusable(
                    f"{tree.label}: kriya or its plugin does not load:\n{done.stderr[-2000:]}"
                )
            found = json.loads(done.stdout)
            wrong = [p for p in [*found["path"], found["plugin"]] if not inside(p, tree.src)]
            if wrong or found["entry"] != tree.entry or len(found["path"]) != 1:
                raise Unusable(f"{tree.label}: kriya loads from the wrong place: {found}")
    finally:
        shutil.rmtree(decoy, ignore_errors=True)
    kind = "regular package" if found["init"] else "namespace package"
    print(
        f"{tree.label}: kriya ({kind}) from {found['path'][0]}; plugin {found['entry']} "
        f"(dist-info {found['version']}) from {os.path.relpath(found['plugin'], REPO)}"
    )


def venv_stamp() -> str:
    """The venv's packages (and Python): REV's cached outputs are only valid for these."""
    names = sorted(
        f"{d.metadata['Name']}=={d.version}"
        for d in importlib.metadata.distributions()
        if d.metadata["Name"] != "kriya"
    )
    return hashlib.sha256("\n".join([sys.version, *names]).encode()).hexdigest()


def reset_if_venv_changed(base: Path) -> None:
    stamp, wanted = base / "venv.sha256", venv_stamp()
    if not stamp.exists() or stamp.read_text() != wanted:
        for folder in ("inputs", "out"):
            shutil.rmtree(base / folder, ignore_errors=True)
        stamp.write_text(wanted)


def make_inputs(rev: Tree, folder: Path, sizes: list[int]) -> dict[str, Path]:
    """The pristine inputs, all from REV's tree, made once."""
    made = {}

    def once(name: str, create) -> None:
        target = folder / name
        if not target.is_dir():
            partial = folder / f"{name}.partial"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(parents=True)
            create(partial)
            partial.rename(target)
        made[name] = target

    def sample(root: Path) -> None:
        shutil.copy2(rev.root / "mkdocs.yml", root)
        for part in ("content", "docs"):
            shutil.copytree(rev.root / part, root / part)
        # the browser editor's packages, which mkdocs.yml's admin_repo makes the build vendor
        # (installed by npm, not in git): linked, the same for both trees
        packages = "tools/admin/node_modules"
        (root / packages).parent.mkdir(parents=True)
        (root / packages).symlink_to(REPO / packages, target_is_directory=True)

    def generated(size: int):
        def create(root: Path) -> None:
            subprocess.run(
                [
                    str(PYTHON),
                    str(rev.root / "tools/bench/generate.py"),
                    str(root),
                    str(size),
                    str(size),
                    "--seed",
                    "3",
                ],
                check=True,
                env=tree_env(rev),
            )

        return create

    once(
        "fixture",
        lambda root: shutil.copytree(rev.root / "tests/fixtures/site", root, dirs_exist_ok=True),
    )
    once("sample", sample)
    for size in sizes:
        once(f"gen-{size}", generated(size))
    return made


def fresh_copy(source: Path, work: Path) -> Path:
    """A fresh copy of an input, always at the same path (for identical absolute paths)."""
    root = work / "root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(source, root, symlinks=True)
    return root


def run_script(
    tree: Tree, script: str, root: Path, extra: list[str], serial: bool, trace: Path
) -> subprocess.CompletedProcess:
    """Run `tree`'s scripts/<script> on `root`, then check that every kriya module it
    imported (in any of its processes) came from `tree`."""
    trace.unlink(missing_ok=True)
    done = subprocess.run(
        [str(PYTHON), str(tree.root / "scripts" / script), "--root", str(root), *extra],
        env=tree_env(tree, serial, trace),
        cwd=root.parent,
        capture_output=True,
        text=True,
    )
    lines = trace.read_text(encoding="utf-8").splitlines() if trace.exists() else []
    modules = dict(line.split("\t", 1) for line in lines)
    wrong = sorted(
        name
        for name, where in modules.items()
        if not all(inside(p, tree.src) for p in where.split(os.pathsep))
    )
    if wrong or "kriya" not in modules:
        raise Unusable(
            f"{tree.label} {script} imported kriya modules from elsewhere: "
            f"{wrong or 'no kriya import logged'}"
        )
    plugin = tree.entry.split(":")[0]
    if script == "build.py" and done.returncode == 0 and plugin not in modules:
        raise Unusable(f"{tree.label} build.py never imported its plugin module {plugin}")
    return done


def compare_builds(
    name: str, source: Path, rev: Tree, cur: Tree, cached: Path, work: Path
) -> list[str]:
    print(f"\n== {name}")
    outputs = {}
    for tree, folder in ((rev, cached), (cur, CACHE / "current")):
        for mode in MODES:
            site = folder / f"{name}-{mode}"
            label = f"{tree.label} {mode}"
            outputs[label] = site
            if tree is rev and site.is_dir():
                print(f"  {label:<20} cached")
                continue
            shutil.rmtree(site, ignore_errors=True)
            mark = time.monotonic()
            done = run_script(
                tree,
                "build.py",
                fresh_copy(source, work),
                ["--site-dir", str(site)],
                mode == "serial",
                work / "trace",
            )
            if done.returncode:
                print(
                    f"  {label:<20} BUILD FAILED (exit {done.returncode}):\n"
                    + indent((done.stdout + done.stderr)[-3000:])
                )
                if tree is rev:
                    raise Unusable(f"REV could not build {name}")
                return [f"{name} ({label} build failed)"]
            print(f"  {label:<20} built in {time.monotonic() - mark:.1f} s")
    labels = list(outputs)
    reference = files_of(outputs[labels[0]])
    failures = []
    for label in labels[1:]:
        problems = compare_folders(reference, files_of(outputs[label]))
        if problems:
            print(f"  DIFFERENT: {labels[0]} vs {label}: {len(problems)} files")
            failures.append(f"{name} ({label})")
    if not failures:
        print(f"  OK: {len(reference)} files, all 4 builds byte-identical")
    return failures


def files_of(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def compare_folders(a: dict[str, Path], b: dict[str, Path]) -> list[str]:
    """Print and return the files that are missing on one side or differ in bytes."""
    problems = [f"only in reference: {rel}" for rel in a if rel not in b]
    problems += [f"only in other:     {rel}" for rel in b if rel not in a]
    differing = [
        rel
        for rel in sorted(a.keys() & b.keys())
        if a[rel].stat().st_size != b[rel].stat().st_size
        or a[rel].read_bytes() != b[rel].read_bytes()
    ]
    problems += [f"differs:           {rel}" for rel in differing]
    problems.sort(key=lambda line: line.split()[-1])
    for line in problems[:MAX_LISTED]:
        print(f"    {line}")
    if len(problems) > MAX_LISTED:
        print(f"    ... and {len(problems) - MAX_LISTED} more")
    if differing:  # a text file's diff says most, so the first of those if any
        first = next((rel for rel in differing if is_text(a[rel])), differing[0])
        print(f"    first difference in {first}:")
        print(indent(first_difference(a[first].read_bytes(), b[first].read_bytes()), 6))
    return problems


def is_text(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def first_difference(a: bytes, b: bytes) -> str:
    """A short unified diff of the first difference (long lines cut around it)."""
    try:
        old, new = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"binary, {len(a)} vs {len(b)} bytes, first difference at byte {at}"
    hunk = []
    for line in difflib.unified_diff(old, new, "reference", "other", n=2, lineterm=""):
        if line.startswith("@@") and any(h.startswith("@@") for h in hunk):
            break
        hunk.append(line)
    removed = next((h[1:] for h in hunk[2:] if h.startswith("-")), "")
    added = next((h[1:] for h in hunk[2:] if h.startswith("+")), "")
    column = next(
        (i for i, (x, y) in enumerate(zip(removed, added)) if x != y), min(len(removed), len(added))
    )
    start = max(0, column - 80)
    cut = [
        h
        if len(h) <= 200 or h.startswith(("---", "+++", "@@"))
        else f"{h[0]}…{h[1 + start : 1 + start + 160]}…"
        for h in hunk
    ]
    return "\n".join(cut[:30])


def compare_reports(rev: Tree, cur: Tree, fixture: Path, work: Path) -> list[str]:
    """check.py (and build.py, serial and parallel) must print the same problems with both
    trees for a broken copy of the fixture site, and exit 1."""
    print("\n== broken (fixture site + a dozen mistakes)")
    broken = work / "broken"
    shutil.copytree(fixture, broken)
    for rel, data in BROKEN.items():
        (broken / rel).parent.mkdir(parents=True, exist_ok=True)
        (broken / rel).write_bytes(data)
    runs = [
        ("check.py", [], True),
        ("build.py", ["--site-dir", str(work / "site")], True),
        ("build.py", ["--site-dir", str(work / "site")], False),
    ]
    failures = []
    for script, extra, serial in runs:
        what = script + ("" if script == "check.py" else " serial" if serial else " parallel")
        got = {}
        for tree in (rev, cur):
            done = run_script(tree, script, fresh_copy(broken, work), extra, serial, work / "trace")
            got[tree.label] = done
            if done.returncode != 1:
                print(
                    f"  {what} with {tree.label} exited {done.returncode}, not 1:\n"
                    + indent((done.stdout + done.stderr)[-3000:])
                )
        first, second = got.values()
        if script == "check.py":
            missing = [rel for rel in BROKEN if rel not in first.stdout and rel != PHOTO_PAGE]
            if missing:
                print(f"  note: REV's report does not mention {', '.join(missing)}")
        if (
            first.stdout != second.stdout
            or first.returncode != second.returncode
            or first.returncode != 1
        ):
            print(f"  DIFFERENT: {what} (exit {first.returncode} vs {second.returncode})")
            print(
                indent(
                    "\n".join(
                        difflib.unified_diff(
                            first.stdout.splitlines(),
                            second.stdout.splitlines(),
                            rev.label,
                            cur.label,
                            n=1,
                            lineterm="",
                        )
                    ).strip()[:3000]
                    or "(same stdout)"
                )
            )
            failures.append(f"broken ({what})")
        else:
            count = sum(line.startswith("content/") for line in first.stdout.splitlines())
            print(f"  OK: {what}: same report ({count} problem lines), exit 1")
    return failures


def indent(text: str, by: int = 4) -> str:
    return "\n".join(" " * by + line for line in text.rstrip().splitlines())


if __name__ == "__main__":
    sys.exit(main())
