"""Word forms and translations for the browser's search, from the site's own vocabulary.

Indonesian builds words from a root with prefixes, suffixes, circumfixes and reduplication
(anyam: anyaman, menganyam, dianyam, penganyam); Pagefind's stemmer joins some of them and
misses others. At build time every word of the site's vocabulary is stemmed with Sastrawi
(Nazief-Adriani with a root dictionary), and the vocabulary shards carry, per first letter:

- "r": aligned with "w", the word's root when the site uses other forms of it (else 0);
- "a": root -> the site's forms of it, most used first (roots with two or more forms);
- "g": word -> its translations the site uses, from the bilingual glossary
  (`data/glosarium.tsv`), both ways: English -> Indonesian and Indonesian -> English; and
  an informal word -> its standard words the site uses (`data/kata-gaul.tsv`, one way).

search.js reads them with the shard it already loads for spelling correction, so a query word
reaches every form of its root that the site uses, and an English word its Indonesian words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from importlib.resources import files

MIN_LENGTH = 3  # as the vocabulary (search.count_words)


@cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def roots(words) -> dict[str, str]:
    """word -> its root (Sastrawi); a root shorter than MIN_LENGTH counts as none."""
    stem = _stemmer().stem
    found = {}
    for word in words:
        root = stem(word) if word.isalpha() else word
        found[word] = root if len(root) >= MIN_LENGTH else word
    return found


def root_forms(counts: Counter, word_roots: dict[str, str]) -> dict[str, list[str]]:
    """root -> the site's words with that root, most pages first, for roots the site uses in
    two or more forms, or only in a derived form (a query in another form can reach it)."""
    forms: dict[str, list[str]] = defaultdict(list)
    for word, root in word_roots.items():
        forms[root].append(word)
    return {
        root: sorted(words, key=lambda w: (-counts[w], w))
        for root, words in forms.items()
        if len(words) >= 2 or words[0] != root
    }


@cache
def glossary() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(English word, Indonesian equivalents) of `data/glosarium.tsv`."""
    return _word_list("glosarium.tsv")


@cache
def colloquial() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(informal word, standard equivalents) of `data/kata-gaul.tsv`."""
    return _word_list("kata-gaul.tsv")


def _word_list(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The rows of a word list in `data/` (`rows`)."""
    return rows(files("kriya").joinpath("data", name).read_text(encoding="utf-8"))


def rows(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(word, equivalents) of each line "word<tab>equivalent, equivalent" of a word list;
    comments (#) and lines naming no equivalent are left out."""
    found = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, equivalents = line.partition("\t")
        named = tuple(w.strip().lower() for w in equivalents.split(",") if w.strip())
        if word.strip() and named:  # (a line without a tab names no equivalent)
            found.append((word.strip().lower(), named))
    return tuple(found)


def translations(counts: Counter) -> dict[str, list[str]]:
    """word -> its glossary translations the site uses (every word of a phrase on the site),
    in both directions, and an informal word -> its standard words the site uses."""
    used = set(counts)

    def on_site(phrase: str) -> bool:
        return all(part in used for part in phrase.replace("-", " ").split())

    found: dict[str, list[str]] = defaultdict(list)
    for english, equivalents in glossary():
        for indonesian in equivalents:
            if indonesian == english:
                continue
            if on_site(indonesian) and indonesian not in found[english]:
                found[english].append(indonesian)
            if english in used and " " not in indonesian and english not in found[indonesian]:
                found[indonesian].append(english)
    for informal, standard in colloquial():
        found[informal].extend(w for w in standard if on_site(w) and w not in found[informal])
    return {word: phrases for word, phrases in found.items() if phrases}


def shard_extras(counts: Counter) -> dict[str, dict]:
    """First letter -> {"r": {word: root}, "a": {root: forms}, "g": {word: translations}}
    for the vocabulary shards (see the module's docstring)."""
    word_roots = roots(counts)
    forms = root_forms(counts, word_roots)
    extras: dict[str, dict] = defaultdict(lambda: {"r": {}, "a": {}, "g": {}})
    # sorted, so that the same site gives the same files whatever order pages were read in
    for word, root in sorted(word_roots.items()):
        if root != word and root in forms:
            extras[word[0]]["r"][word] = root
    for root, words in sorted(forms.items()):
        extras[root[0]]["a"][root] = words
    for word, phrases in sorted(translations(counts).items()):
        extras[word[0]]["g"][word] = phrases
    return extras
