"""The only reader of `content/`: bytes -> text -> front matter + body, with line numbers.

Every way a file can be unreadable becomes a `Problem`; nothing here raises on bad content.
python-frontmatter splits the file, with a stricter boundary than its default (whose `\\s*$`
swallows blank lines after `---` and would shift every reported line number); our PyYAML
loader parses the front matter so that every key keeps its line.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

import frontmatter
import yaml

from . import habits, schema
from .model import Problem, RawRecord

SPLITTER = frontmatter.YAMLHandler(fm_boundary=re.compile(r"^---[ \t]*$", re.MULTILINE))
COLLECTIONS = {"news": "content/news", "products": "content/products"}
# English versions: content/products/<slug>.en.md beside <slug>.md (see schema.TRANSLATED).
TRANSLATION_SUFFIX = {"en": ".en.md"}
MAX_BYTES = 1_000_000
# Python-Markdown takes quadratic time on some inputs (400 KB kept a build busy for minutes);
# no article needs more than this (about 10,000 words).
MAX_BODY = 80_000
WRONG_EXTENSIONS = {
    ".txt": "ganti nama file menjadi {stem}.md (di Windows, aktifkan 'File name extensions' "
    "agar akhiran .txt terlihat)",
    ".markdown": "ganti akhiran menjadi .md: {stem}.md",
    ".docx": "ini dokumen Word; salin isinya ke file teks {stem}.md (lihat PANDUAN-PENULIS.md)",
    ".doc": "ini dokumen Word; salin isinya ke file teks {stem}.md (lihat PANDUAN-PENULIS.md)",
}


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe loader (libyaml's parser when available) that keeps `yes`/`no`/`on`/`off` as text,
    tolerates impossible dates
    (returns the text so the validator can explain), and records duplicate keys."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[str, int]] = []


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:  # e.g. 2025-02-30
        return node.value


def _construct_mapping(loader, node, deep=False):
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            if key in seen:
                loader.duplicates.append((str(key), key_node.start_mark.line))
            seen[key] = True
        except TypeError:
            raise yaml.constructor.ConstructorError(  # noqa: B904 - the YAML message is the one
                None, None, "nama kolom tidak boleh berupa daftar", key_node.start_mark
            )
    loader.flatten_mapping(node)
    return {
        loader.construct_object(k, deep=deep): loader.construct_object(v, deep=deep)
        for k, v in node.value
    }


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)

# Hints for PyYAML's English messages, most specific first; in the guide's words (kepala
# file, kolom, spasi di awal baris), never YAML's.
_YAML_HINTS = [
    (
        "expected hexdecimal number",
        'tanda \\ di dalam tanda kutip "..." punya arti khusus. Untuk path foto, tulis '
        "path relatif dengan garis miring /, misalnya image: img/foto.jpg",
    ),
    (
        "found unknown escape character",
        'tanda \\ di dalam tanda kutip "..." punya arti khusus. Untuk path foto, tulis '
        "path relatif dengan garis miring /, misalnya image: img/foto.jpg",
    ),
    (
        "mapping values are not allowed",
        "ada titik dua (:) di tempat yang tidak terduga. Jika isi kolom mengandung titik dua, "
        'apit dengan tanda kutip lurus, misalnya title: "Rakernas: Hari Pertama"',
    ),
    (
        "could not find expected ':'",
        "baris ini bukan pasangan 'kolom: isi'. Tulis seperti title: Judul, atau apit teks "
        "panjang dengan tanda kutip",
    ),
    (
        "while scanning a quoted scalar",
        "tanda kutip dibuka tetapi tidak ditutup; tutup dengan tanda kutip yang sama",
    ),
    (
        "did not find expected '-' indicator",
        "baris ini tidak sejajar. Di dalam daftar, setiap butir diawali '- ' dengan jumlah "
        "spasi yang sama, dan baris berikutnya dari butir yang sama (misalnya alt) tepat "
        "sejajar di bawah baris sebelumnya (misalnya src)",
    ),
    (
        "did not find expected key",
        "spasi di awal baris (menjorok) tidak sama dengan baris di atasnya, atau tanda kutip "
        "tidak ditutup",
    ),
    (
        "expected <block end>",
        "spasi di awal baris (menjorok) tidak sama dengan baris di atasnya; samakan jumlah "
        "spasinya",
    ),
    (
        "found undefined alias",
        "isi yang diawali * punya arti khusus di kepala file; apit dengan tanda kutip",
    ),
    (
        "found character '\\t'",
        "ada tombol Tab di tengah baris; ganti dengan spasi",
    ),
    (
        "that cannot start any token",
        "isi diawali karakter khusus (misalnya @, ` atau %); apit isinya dengan tanda kutip",
    ),
    (
        "could not determine a constructor",
        "tanda ! di awal isi punya arti khusus di kepala file; hapus atau apit isinya dengan "
        "tanda kutip",
    ),
    (
        "expected a single document",
        "kepala file hanya boleh satu; hapus baris --- di tengahnya",
    ),
]
_CURLY = "“”„‘’"


ContentFile = tuple[Path, str, str]  # (path, path relative to the root, collection)


def load_content(root: Path, map=None) -> tuple[list[RawRecord], list[Problem]]:
    """Read every content file under `root`; return the records and every problem found.
    `map(function, files)` applies `load_one` to the files (by default one after another)."""
    files: list[ContentFile] = []
    problems: list[Problem] = []
    for collection, folder in COLLECTIONS.items():
        base = root / folder
        if not base.is_dir():
            continue
        # scandir: an entry's kind without a stat per file (20,000 files took 1 s); in the
        # order of their paths (case-blind on Windows), without making 20,000 paths
        with os.scandir(base) as listed:
            entries = sorted(listed, key=lambda entry: os.path.normcase(entry.name))
        for entry in entries:
            path = base / entry.name
            rel = f"{folder}/{entry.name}"
            if entry.name.startswith("."):  # hidden: .DS_Store, macOS's ._name.md, editors'
                continue
            odd = _odd_entry(entry, path)
            if odd:
                problems.append(Problem(rel, 0, "", odd))
            elif entry.is_file() and path.suffix.lower() == ".md":
                if language_of(rel) != "id" and collection not in schema.TRANSLATED:
                    problems.append(Problem(rel, 0, "", NO_TRANSLATION.format(rel=rel)))
                else:
                    files.append((path, rel, collection))
            elif entry.is_file() and path.suffix.lower() in WRONG_EXTENSIONS:
                stem = path.name.split(".")[0]
                hint = WRONG_EXTENSIONS[path.suffix.lower()].format(stem=stem)
                problems.append(
                    Problem(rel, 0, "", f"file ini diabaikan karena bukan .md; {hint}.")
                )
    loaded = (map or _serial_map)(load_one, files)
    records = []
    for record, found in loaded:
        problems.extend(found)
        if record is not None:
            records.append(record)
    return records, problems


NO_TRANSLATION = (
    "versi bahasa Inggris (.en.md) hanya ada untuk produk; tulisan ini tidak diterbitkan. "
    "Hapus file ini, atau tulis beritanya dalam bahasa Indonesia dengan nama tanpa .en."
)


def language_of(rel: str) -> str:
    """The language of a content file from its name: "en" for slug.en.md, else "id"."""
    name = rel.rsplit("/", 1)[-1].lower()
    return next((lang for lang, end in TRANSLATION_SUFFIX.items() if name.endswith(end)), "id")


def original_of(rel: str) -> str:
    """The Indonesian file an English version belongs to: x.en.md -> x.md."""
    end = TRANSLATION_SUFFIX[language_of(rel)]
    return rel[: -len(end)] + ".md"


def _odd_entry(entry: os.DirEntry, path: Path) -> str:
    """Why an entry of a content folder (at `path`) cannot be content ("" when it can, or is
    ignored)."""
    if entry.is_symlink():
        return "file ini adalah tautan (symlink); simpan file aslinya di folder ini."
    if entry.is_dir() and path.name != "img":
        if path.suffix.lower() == ".md":
            return "ini folder, bukan file .md; ganti namanya atau pindahkan isinya."
        if any(path.rglob("*.md")):
            return (
                "file .md di dalam subfolder diabaikan; pindahkan langsung ke folder "
                f"{path.parent.name}/."
            )
    if path.suffix.lower() == ".md" and not entry.is_file() and not entry.is_dir():
        return "ini bukan file biasa; simpan tulisan sebagai file teks .md."
    return ""


def _serial_map(function, items) -> list:
    return [function(item) for item in items]


def load_one(file: ContentFile) -> tuple[RawRecord | None, list[Problem]]:
    return load_file(*file)


def load_file(path: Path, rel: str, collection: str) -> tuple[RawRecord | None, list[Problem]]:
    """Read one file. Returns (record, problems); the record is None when unreadable."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(rel, 0, "", f"file tidak bisa dibuka ({error.strerror}).")]
    text, problem = _decode(data, rel)
    if problem:
        return None, [problem]
    return parse_text(text, rel, collection)


def _decode(data: bytes, rel: str) -> tuple[str, Problem | None]:
    if len(data) > MAX_BYTES:
        return "", Problem(
            rel,
            0,
            "",
            f"file terlalu besar ({len(data) // 1000} KB, batas "
            f"{MAX_BYTES // 1000} KB). Gambar jangan ditempel ke dalam teks; simpan "
            "sebagai file terpisah di folder img/.",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", Problem(
            rel,
            0,
            "",
            "file tersimpan sebagai UTF-16 ('Unicode'); simpan ulang "
            "sebagai UTF-8 (Notepad: Simpan Sebagai → Encoding: UTF-8).",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return "", Problem(
            rel,
            line,
            "",
            "file tidak tersimpan sebagai UTF-8 (kemungkinan "
            "Windows-1252/ANSI dari Word atau Notepad); simpan sebagai UTF-8 "
            "(Notepad: Simpan Sebagai → Encoding: UTF-8).",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return "", Problem(
            rel,
            0,
            "",
            "file kosong; isi dengan kepala file dan teks, atau hapus "
            "file ini. Buat file baru dengan: python scripts/new.py",
        )
    if "\x00" in text:
        return "", Problem(rel, 0, "", "file berisi karakter biner; simpan sebagai teks UTF-8.")
    return text, None


def parse_text(text: str, rel: str, collection: str) -> tuple[RawRecord | None, list[Problem]]:
    """Split decoded text into front matter and body and parse the YAML."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if lines[start].rstrip() != "---":
        return None, [
            Problem(
                rel,
                start + 1,
                "",
                "kepala file tidak ada: baris pertama file harus "
                "'---', diikuti kolom seperti 'title: ...', lalu ditutup '---'.",
            )
        ]
    try:
        front_text, body = SPLITTER.split("\n".join(lines[start:]))
    except ValueError:
        return None, [
            Problem(
                rel,
                start + 1,
                "",
                "kepala file dibuka dengan '---' tetapi tidak "
                "pernah ditutup; tambahkan baris '---' setelah kolom terakhir.",
            )
        ]
    front = front_text.split("\n")[1:-1]  # the text between the two boundary lines
    first = start + 2  # file line of the first front-matter line
    front, notes = habits.front_matter(front, first)
    noted = [Problem(rel, first + i, key, note, warning=True) for i, key, note in notes]
    source = "\n".join(front).replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    body = body.removeprefix("\n")
    body_line = first + len(front) + 1
    if len(body) > MAX_BODY:
        return None, [
            Problem(
                rel,
                body_line,
                "",
                (
                    f"isi tulisan terlalu panjang ({len(body) // 1000} ribu karakter, batas "
                    f"{MAX_BODY // 1000} ribu); bagi menjadi beberapa tulisan."
                ),
            )
        ]
    data, keys, raw, problems, broken = _parse_yaml(source, rel, first)
    if data is None:
        return None, noted + problems
    record = RawRecord(
        path=rel,
        collection=collection,
        data=data,
        lines=keys,
        raw=raw,
        body=body,
        body_line=body_line,
        lang=language_of(rel),
        broken=broken,
    )
    return record, noted + problems


# A front matter with a line YAML cannot read is read again without that line's top-level
# block (blanked, so line numbers stay), so that the other fields are still checked.
MAX_RECOVERIES = 5


def _parse_yaml(source: str, rel: str, first: int):
    """(data, key -> line, key -> raw text, problems, broken keys); data is None when the
    front matter cannot be read at all."""
    shared = _first_anchor(source)
    if shared is not None:  # an alias can repeat a structure exponentially: never expanded
        return None, {}, {}, [Problem(rel, first + shared, "", ANCHOR_MESSAGE)], ()
    lines = source.split("\n")
    problems: list[Problem] = []
    broken: list[str] = []
    after = -1  # a further error is believed only below the block already taken out
    for _ in range(MAX_RECOVERIES + 1):
        parsed = _parse_once("\n".join(lines))
        if not isinstance(parsed, _Unreadable):
            break
        line, message = parsed
        block = _top_level_block(lines, line) if line is not None else None
        if line is not None and line <= after and problems:
            return None, {}, {}, problems, ()
        problems.append(Problem(rel, first + (line or 0), "", message))
        if block is None or len(problems) > MAX_RECOVERIES:
            return None, {}, {}, problems, ()
        start, end, key = block
        if key:
            broken.append(key)
        lines[start:end] = [""] * (end - start)
        after = end - 1
    loader, node, data = parsed
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, {}, {}, [Problem(rel, first, "", NOT_A_MAPPING)], ()
    keys: dict[str, int] = {}
    raw: dict[str, str] = {}
    for key_node, value_node in node.value if node is not None else ():
        key = str(key_node.value)
        keys.setdefault(key, first + key_node.start_mark.line)
        if isinstance(value_node, yaml.ScalarNode):
            raw[key] = value_node.value  # YAML keeps the last of a key written twice
    for key, line in loader.duplicates:
        earlier = keys.get(key, first + line)
        also = f" (juga di baris {earlier})" if earlier != first + line else ""
        problems.append(
            Problem(
                rel, first + line, key, f"kolom ini ditulis dua kali{also}; hapus salah satunya."
            )
        )
        if key in keys and earlier != first + line:
            keys[key] = first + line  # the value read is the last one: point there
    return {str(k): v for k, v in data.items()}, keys, raw, problems, tuple(broken)


NOT_A_MAPPING = (
    "kepala file harus berupa baris-baris 'kolom: isi', satu per baris, misalnya title: Judul."
)


def _parse_once(source: str):
    """(loader, node, data), or (0-based line or None, message) when YAML cannot read it."""
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
        return loader, node, data
    except yaml.MarkedYAMLError as error:
        quoted = "quoted scalar" in str(error.context or "")
        mark = (error.context_mark if quoted else None) or error.problem_mark or error.context_mark
        return _Unreadable(mark.line if mark else None, _yaml_message(error, source, mark))
    except yaml.YAMLError as error:
        return _Unreadable(None, _yaml_message(error, source, None))
    finally:
        loader.dispose()


class _Unreadable(tuple):
    """(0-based line or None, message): a front matter YAML cannot read."""

    def __new__(cls, line: int | None, message: str):
        return super().__new__(cls, (line, message))


_TOP_KEY = re.compile(r"^([^\s#:-][^:]*):(?:\s|$)")


def _top_level_block(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """(start, end, key) of the top-level entry holding `line`: from its line at the left
    margin to the next one."""
    if not 0 <= line < len(lines):
        return None

    def at_margin(text: str) -> bool:
        return bool(text) and not text[0].isspace() and not text.startswith("#")

    start = next((i for i in range(line, -1, -1) if at_margin(lines[i])), None)
    if start is None:
        return None
    end = next((i for i in range(line + 1, len(lines)) if at_margin(lines[i])), len(lines))
    key = _TOP_KEY.match(lines[start])
    return start, end, key[1].strip() if key else ""


ANCHOR_MESSAGE = (
    "tanda & dan * di awal isi kolom punya arti khusus dan tidak diizinkan di kepala file; "
    "tulis isinya langsung, atau apit dengan tanda kutip."
)


def _first_anchor(source: str) -> int | None:
    """Line (0-based, in `source`) of the first YAML anchor or alias, if any."""
    if "&" not in source and "*" not in source:
        return None
    try:
        for token in yaml.scan(source, Loader=_BaseLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                return token.start_mark.line
    except yaml.YAMLError:  # the parser reports it, with its own message
        return None
    return None


def _yaml_message(error: yaml.YAMLError, source: str, mark) -> str:
    text = str(error)
    line = source.split("\n")[mark.line] if mark and mark.line < len(source.split("\n")) else ""
    curly = next((q for q in line if q in _CURLY), "")
    if curly and "scanning a quoted scalar" not in text:  # Word's quotes are not quotes to YAML
        return (
            f"kepala file tidak bisa dibaca: tanda kutip miring {curly} (dari Word) tidak "
            'dianggap tanda kutip. Ganti dengan tanda kutip lurus "...", misalnya '
            'title: "Pengumuman: Pendaftaran Pameran".'
        )
    for needle, hint in _YAML_HINTS:
        if needle in text:
            return f"kepala file tidak bisa dibaca: {hint}."
    return (
        "kepala file tidak bisa dibaca pada baris ini; periksa tanda kutip, titik dua dan "
        "spasi di awal baris."
    )


def docs_pages(root: Path, docs_dir: str = "docs") -> dict[str, str]:
    """URL path -> source of every hand-written Markdown page under docs/."""
    folder = root / docs_dir
    found = {}
    for source in sorted(folder.rglob("*.md")) if folder.is_dir() else ():
        rel = source.relative_to(folder).as_posix()
        stem = rel[: -len(".md")]
        if posixpath.basename(stem) in ("index", "README"):
            url = posixpath.dirname(stem)
            url = url + "/" if url else ""
        else:
            url = stem + "/"
        found[url] = f"{docs_dir}/{rel}"
    return found
