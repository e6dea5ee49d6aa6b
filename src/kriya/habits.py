"""Habits from Word, WhatsApp and Instagram that would silently damage a file: what is
unambiguous is rewritten before parsing, and each rewrite comes back as a note (a warning for
the writer, in Indonesian) with the line it concerns. Plain functions over text."""

from __future__ import annotations

import json
import re

# (0-based line index, front-matter key or "", Indonesian message)
Note = tuple[int, str, str]

TAB_SPACES = 2  # a Tab in indentation counts as two spaces: `\t- src` / `\t  alt` line up

_KEY = r"[A-Za-z_][\w-]*"
# `key: “value”`, `- “value”` or `- key: “value”`: a whole value wrapped in Word's quotes
_CURLY_VALUE = re.compile(
    rf"^(?P<lead>\s*(?:-\s+)?(?:{_KEY}:\s+)?)(?P<open>[“„‘])(?P<inner>.*)(?P<close>[”“’])\s*$"
)
_PAIRS = {"“": "”", "„": "“", "‘": "’"}
# `key: #...`: YAML reads everything from the # on as a comment, so the value is lost
_COMMENT_VALUE = re.compile(rf"^(?P<key>{_KEY}):\s+#(?P<rest>.*)$")


def front_matter(lines: list[str], first_line: int) -> tuple[list[str], list[Note]]:
    """The front matter's lines with Tab indentation, Word quotes around whole values and
    Instagram hashtags rewritten, and a note for each kind of rewrite. `first_line`: the file
    line of `lines[0]`, for messages naming several lines."""
    result, notes, tabbed = [], [], []
    for index, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            tabbed.append(index)
            line = line[:indent].replace("\t", " " * TAB_SPACES) + line[indent:]
        line, note = _curly_value(line)
        if note:
            notes.append((index, _key_of(line), note))
        line, note = _comment_value(line)
        if note:
            notes.append((index, _key_of(line), note))
        result.append(line)
    if tabbed:
        numbers = _numbers([first_line + i for i in tabbed])
        notes.append(
            (
                tabbed[0],
                "",
                f"{numbers.capitalize()} menjorok dengan tombol Tab; pemeriksa membaca setiap "
                f"Tab sebagai {TAB_SPACES} spasi. Ganti Tab dengan spasi agar pasti terbaca "
                "seperti maksud Anda (panduan: 'Memakai tombol Tab untuk menjorok').",
            )
        )
    return result, sorted(notes)


def _numbers(lines: list[int]) -> str:
    """'baris 9, 10 dan 11' (at most five numbers)."""
    shown = [str(n) for n in lines[:5]]
    if len(shown) == 1:
        return f"baris {shown[0]}"
    more = " dan seterusnya" if len(lines) > 5 else ""
    return f"baris {', '.join(shown[:-1])} dan {shown[-1]}{more}"


def _key_of(line: str) -> str:
    match = re.match(rf"^({_KEY}):", line)
    return match[1] if match else ""


def _wraps(opening: str, inner: str, closing: str) -> bool:
    """Whether `opening` is closed by `closing` at the very end (not earlier inside)."""
    if _PAIRS[opening] != closing and not (opening == "“" and closing == "”"):
        return False
    if opening == "‘":  # a single quote is also an apostrophe: only an unmixed pair counts
        return "‘" not in inner and "’" not in inner
    depth = 1
    for char in inner:
        depth += (char == opening) - (char == closing)
        if depth == 0:
            return False
    return depth == 1


def _curly_value(line: str) -> tuple[str, str]:
    match = _CURLY_VALUE.match(line)
    lead = match["lead"] if match else ""
    if not match or not (":" in lead or lead.strip().startswith("-")):
        return line, ""
    if not _wraps(match["open"], match["inner"], match["close"]):
        return line, ""
    inner = match["inner"].replace("\\", "\\\\").replace('"', '\\"')
    note = (
        f"tanda kutip miring {match['open']} {match['close']} (dari Word) di awal dan akhir "
        'nilai dibuang. Di kepala file pakai tanda kutip lurus "...", yang diketik langsung '
        "di editor teks."
    )
    return f'{lead}"{inner}"', note


def _comment_value(line: str) -> tuple[str, str]:
    match = _COMMENT_VALUE.match(line)
    if not match:
        return line, ""
    key, rest = match["key"], "#" + match["rest"]
    if key == "tags":  # Instagram: tags: #pelatihan #kemasan
        words = [w for w in re.split(r"[\s,]+", rest.replace("#", " ")) if w]
        listed = "[" + ", ".join(words) + "]"
        written = "[" + ", ".join(json.dumps(w, ensure_ascii=False) for w in words) + "]"
        note = (
            f"tag ditulis seperti di Instagram ('{rest.strip()}'); dibaca sebagai "
            f"tags: {listed}. Tulis begitu, tanpa tanda #: di kepala file # memulai catatan "
            "yang diabaikan."
        )
        return f"tags: {written}", note
    note = (
        f"isi setelah tanda # ('{rest.strip()}') dianggap catatan dan diabaikan, jadi {key} "
        f'kosong. Bila itu isinya, apit dengan tanda kutip: {key}: "{rest.strip()}".'
    )
    return line, note


# Markdown bodies ---------------------------------------------------------------------------

_BULLET = re.compile(r"^(?P<indent>[ ]*)(?:[•·◦▪▫■□●○➢➤►✓✔]|-\t|\*\t)[\t ]*(?P<text>\S.*)$")
_NUMBERED_TAB = re.compile(r"^(?P<indent>[ ]*)(?P<number>\d{1,3}[.)])\t+(?P<text>\S.*)$")
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S")
_FENCE = re.compile(r"^[ ]{0,3}(```|~~~)")


def body(text: str) -> tuple[str, list[Note]]:
    """The Markdown body with Word's line breaks, bullets and Tab indents made Markdown, a
    blank line added before a list that follows a line of text, and a note for each kind.
    Line numbers in the notes are 0-based lines of `text` as written."""
    found: dict[str, list[int]] = {}
    out: list[str] = []
    fenced = False
    for index, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or _FENCE.match(line):
            out.append(line)
            continue
        if "\x0b" in line or "\u2028" in line:
            found.setdefault("break", []).append(index)
            line = re.sub("[\x0b\u2028]", "  \n", line)
        if "\u2029" in line or "\x0c" in line:
            found.setdefault("break", []).append(index)
            line = re.sub("[\u2029\x0c]", "\n\n", line)
        bullet = _BULLET.match(line) or _NUMBERED_TAB.match(line)
        if bullet:
            found.setdefault("bullet", []).append(index)
            marker = bullet.groupdict().get("number") or "-"
            line = f"{bullet['indent']}{marker} {bullet['text']}"
        elif line.startswith("\t") and line.strip() and not _in_list(out):
            found.setdefault("tab", []).append(index)
            line = line.lstrip("\t ")
        if _LIST_ITEM.match(line) and out and out[-1].strip() and not _in_list(out):
            if not bullet and not out[-1].lstrip().startswith("#"):
                found.setdefault("list", []).append(index)
            out.append("")
        out.append(line)
    notes = [(lines[0], "isi", BODY_NOTES[kind](lines)) for kind, lines in found.items()]
    return "\n".join(out), sorted(notes)


def _in_list(lines: list[str]) -> bool:
    """Whether the text so far ends inside a list (an indented line there continues it)."""
    for line in reversed(lines):
        if not line.strip():
            continue
        if _LIST_ITEM.match(line):
            return True
        if not line.startswith((" ", "\t")):
            return False
    return False


def _places(indexes: list[int]) -> str:
    return "" if len(indexes) == 1 else f" (di {len(indexes)} tempat)"


BODY_NOTES = {
    "break": lambda at: (
        f"ganti baris manual dari Word (Shift+Enter){_places(at)} tampil sebagai kotak □ di "
        "ponsel; sudah dijadikan ganti baris biasa. Untuk paragraf baru, sisipkan satu baris "
        "kosong."
    ),
    "bullet": lambda at: (
        f"butir daftar dari Word (• atau nomor lalu Tab){_places(at)} sudah dijadikan daftar. "
        "Awali setiap butir dengan '- ' (tanda minus dan spasi) atau '1. '."
    ),
    "tab": lambda at: (
        f"paragraf diawali Tab{_places(at)} ditampilkan sebagai paragraf biasa. Hapus Tab di "
        "awal baris: paragraf cukup dipisah satu baris kosong, tanpa menjorok."
    ),
    "list": lambda at: (
        f"daftar langsung di bawah baris teks{_places(at)}: baris kosong sebelum daftar sudah "
        "ditambahkan. Sisipkan sendiri satu baris kosong sebelum daftar."
    ),
}
