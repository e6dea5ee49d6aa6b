"""Word forms and translations for the browser's search, from the site's own vocabulary.

Indonesian builds words from a root with prefixes, suffixes, circumfixes and reduplication
(anyam: anyaman, menganyam, dianyam, penganyam); Pagefind's stemmer joins some of them and
misses others. At build time every word of the site's vocabulary is stemmed with Sastrawi
(Nazief-Adriani with a root dictionary), and the vocabulary shards carry, per first letter:

- "r": aligned with "w", the word's root when the site uses other forms of it (else 0);
- "a": root -> the site's forms of it, most used first (roots with two or more forms);
- "g": word -> its translations the site uses, from the bilingual glossary
  (`data/glosarium.tsv`), both ways: English -> Indonesian and Indonesian -> English; and
  an informal word -> its standard words the site uses (`data/kata-gaul.tsv`, one way);
- "x": word -> [its Pagefind stem, its root] for the words of a stem Pagefind gives to two
  roots of different meaning (see `split_stems`);
- "j": general word -> the words for its kinds that the site uses (`data/jenis.tsv`, one
  way: "camilan" -> keripik, kerupuk).

search.js reads them with the shard it already loads for spelling correction, so a query word
reaches every form of its root that the site uses, and an English word its Indonesian words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from functools import cache
from importlib.resources import files

MIN_LENGTH = 3  # as the vocabulary (search.count_words)
PARTICLES = ("nya", "ku", "mu", "lah", "kah", "pun")  # said after a word, not a new word


@cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@cache
def _root_words() -> frozenset[str]:
    """Sastrawi's dictionary of root words."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(StemmerFactory().get_words_from_file())


@cache
def _pagefind_stemmer():
    """Snowball's Indonesian stemmer, the algorithm Pagefind's index applies to every word
    (the test suite checks that the two agree on a built site)."""
    import snowballstemmer

    return snowballstemmer.stemmer("indonesian")


def roots(words) -> dict[str, str]:
    """word -> its root (Sastrawi, mended by `_site_root`); a root shorter than MIN_LENGTH
    counts as none."""
    stem = _stemmer().stem
    raw = {word: stem(word) if word.isalpha() else word for word in words}
    site = set(raw)
    # roots of two or more of the site's words (particle forms aside) are on the site too
    shared = Counter(r for w, r in raw.items() if r != w and not w.endswith(PARTICLES))
    on_site = site | {r for r, n in shared.items() if n >= 2}
    found = {}
    for word, root in raw.items():
        if root != word and word.isalpha():
            root = _site_root(word, root, on_site)
        found[word] = root if len(root) >= MIN_LENGTH else word
    return found


# Prefixes and the first letters of the roots (or second prefixes) written after them; "-r":
# any letter but r (ber-, per- and ter- lose their r before a root in r: berupa is be- + rupa).
PREFIXES = {
    "di": "",
    "ke": "",
    "se": "",
    "ber": "-r",
    "per": "-r",
    "ter": "-r",
    "be": "r",
    "pe": "lmnrwy",
    "te": "r",
    "me": "lmnrwy",
    "mem": "bfpv",
    "pem": "bfpv",
    "men": "cdjstz",
    "pen": "cdjstz",
    "meng": "aeioughkx",
    "peng": "aeioughkx",
}
SECOND_PREFIXES = ("ber", "be", "per", "pe", "ter", "te", "ke")
SUFFIXES = ("kan", "an", "i")


def readings(word: str) -> set[str]:
    """The words `word` is written from with at most two prefixes (PREFIXES), a suffix
    (SUFFIXES) and a particle (PARTICLES), each before the letters it may come before:
    kesiapan is ke- + siap + -an, bersihkan bersih + -kan."""
    cores = {word}
    for particle in PARTICLES:
        if word.endswith(particle):
            cores.add(word[: -len(particle)])
    for core in list(cores):
        cores.update(core[: -len(suffix)] for suffix in SUFFIXES if core.endswith(suffix))

    def after(rest: str, prefixes) -> set[str]:
        found = set()
        for prefix in prefixes:
            letters = PREFIXES[prefix]
            tail = rest[len(prefix) :]
            if not rest.startswith(prefix) or not tail:
                continue
            if letters == "" or (letters == "-r" and tail[0] != "r") or tail[0] in letters:
                found.add(tail)
        return found

    found = set()
    for core in cores:
        once = after(core, PREFIXES)
        found |= {core} | once | {x for rest in once for x in after(rest, SECOND_PREFIXES)}
    found.discard(word)
    return found


def _site_root(word: str, root: str, on_site: set[str]) -> str:
    """Sastrawi's root for `word`, unless the site's own words say otherwise. Its dictionary
    holds some derived words and rare roots, which it takes first: belasan as bas (belas),
    bersihkan as sih (bersih), diminati as mati (minat), kesiapan as kesiap (siap). Of the
    dictionary roots the word is written from (`readings`) that are `on_site`, the longest is
    taken when it is longer than Sastrawi's root, or whatever its length when Sastrawi's root
    is not `on_site` (kesiap: neither a word of the site nor the root of two of them)."""
    known = _root_words()
    better = [x for x in readings(word) if x in known and x in on_site and len(x) >= MIN_LENGTH]
    if root in on_site:
        better = [x for x in better if len(x) > len(root)]
    return max(better, key=lambda x: (len(x), x), default=root)


# How a nasal prefix (meN-, peN-) changes the first letter of a root: tempat, menempatkan.
NASAL_START = {"t": "n", "p": "m", "k": "ng", "s": "ny"}
VOWELS = frozenset("aeiou")


def other_nasal_roots(word: str, root: str) -> list[str]:
    """The other roots a nasal prefix lets `word` be read from, when they are root words too.
    meN- and peN- drop the first letter of a root in k, t, p or s, and keep a vowel or a
    nasal: pengemasan is peng- + emas (gold) or peng- + kemas (pack), memadukan me- + madu
    (honey) or mem- + padu (blend)."""
    if not word.startswith(("me", "pe")):
        return []
    known = _root_words()
    for letter, nasal in NASAL_START.items():
        for start in (letter, nasal, ""):
            rest = root[len(start) :]
            if root.startswith(start) and rest[:1] in VOWELS and word[2:].startswith(nasal + rest):
                readings = (letter + rest, nasal + rest, rest)
                return [r for r in readings if r != root and r in known]
    return []


def settle_nasal_roots(
    word_roots: dict[str, str], pages_of: Callable[[str], set[int]]
) -> dict[str, str]:
    """word -> its other root (other_nasal_roots), for the words a nasal prefix makes
    ambiguous whose pages share more pages with the other root's forms than with those of
    Sastrawi's root: Sastrawi takes the first reading its dictionary allows, but a packaging
    article's "pengemasan" sits beside "kemasan", not beside a songket's gold thread.
    `pages_of(word)`: the pages using a word."""
    contested = {}
    for word, root in word_roots.items():
        if word != root and word.isalpha() and (others := other_nasal_roots(word, root)):
            contested[word] = others
    forms: dict[str, list[str]] = defaultdict(list)
    for word, root in word_roots.items():
        if word not in contested:
            forms[root].append(word)

    @cache
    def pages_of_root(root: str) -> set[int]:
        return set().union(*(pages_of(form) for form in forms.get(root, ())))

    def shared(word: str, root: str) -> int:
        return len(pages_of(word) & pages_of_root(root))

    settled = {}
    for word, others in contested.items():
        best = max(others, key=lambda other: shared(word, other))
        if shared(word, best) > shared(word, word_roots[word]):
            settled[word] = best
    return settled


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


def split_stems(
    word_roots: dict[str, str], settled: Collection[str] = ()
) -> dict[str, dict[str, list[str]]]:
    """Pagefind stem -> {root: the site's words with that stem and root} for the stems where
    Pagefind's stemmer, which has no dictionary, takes the start of a root for a prefix and
    so joins words of two roots of different meaning: kemeja (shirt) and meja (table) are both
    "meja", ketua (chair) and tua (old) both "tua", menempatkan (from tempat, place) and empat
    (four) both "empat". A root counts when it is in Sastrawi's dictionary, the site uses it
    as a word, and it is spelt in the word (`_spelled_in`), or when the word's pages chose it
    (`settle_nasal_roots`, the words in `settled`); a root that only adds a suffix to another
    (alam, alami) is the same root here. Words of no such root (a form Sastrawi may
    have read wrongly) are under "": the browser counts their pages as every root's."""
    known = _root_words()
    groups = stem_groups(word_roots)

    def root_of(word: str) -> str | None:
        root = word_roots[word]
        if word in settled:
            return root
        trusted = root in known and root in word_roots and _spelled_in(word, root)
        return root if trusted else None

    found = {}
    for pagefind_stem, words in groups.items():
        owners = sorted({r for w in words if (r := root_of(w))}, key=len)
        same: dict[str, str] = {}  # root -> the shorter root it extends with a suffix, or itself
        for owner in owners:
            same[owner] = next((o for o in owners if o != owner and owner.startswith(o)), owner)
        if len(set(same.values())) < 2:
            continue
        split: dict[str, list[str]] = defaultdict(list)
        for word in sorted(words):
            root = root_of(word)
            split[same[root] if root else ""].append(word)
        found[pagefind_stem] = dict(split)
    return found


def stem_groups(words: Iterable[str]) -> dict[str, list[str]]:
    """Pagefind stem -> the words (of letters a to z) that Pagefind stems to it, in order."""
    stem = _pagefind_stemmer().stemWord
    groups: dict[str, list[str]] = defaultdict(list)
    for word in words:
        if word.isascii() and word.isalpha():
            groups[stem(word)].append(word)
    return groups


def derived_words(words: Collection[str]) -> dict[str, list[str]]:
    """Derived word -> the other site words Pagefind stems alike, for the words with a prefix
    before a shorter word of their Pagefind stem: pewarnaan (colouring) and warna (colour) are
    both "warna", pembatik (a batik maker) and batik both "batik", penjualan (sales) and jual
    both "jual". Pagefind ranks a page that says "warna" the same for both, so search.js puts
    the pages with the derived word itself first (`search.write_derived`). A suffix alone
    keeps the meaning close (tenunan is woven cloth, tenun too; tasnya is tas)."""
    found = {}
    for group in stem_groups(words).values():
        for word in group:
            shorter = [other for other in group if len(other) < len(word) and other in word[1:]]
            if shorter:
                found[word] = sorted(other for other in group if other != word)
    return found


def with_particles(word: str) -> set[str]:
    """The word with each particle after it (pewarnaannya, batiklah)."""
    return {word + particle for particle in PARTICLES}


def _spelled_in(word: str, root: str) -> bool:
    """Whether `root` is written in `word`, or with its first letter as a nasal prefix
    changes it: Sastrawi reads some words wrongly (diminati as mati, not minat)."""
    nasal = NASAL_START.get(root[0])
    return root in word or (nasal is not None and nasal + root[1:] in word)


@cache
def glossary() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(English word, Indonesian equivalents) of `data/glosarium.tsv`."""
    return _word_list("glosarium.tsv")


@cache
def colloquial() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(informal word, standard equivalents) of `data/kata-gaul.tsv`."""
    return _word_list("kata-gaul.tsv")


@cache
def kinds_list() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(general word, its kinds) of `data/jenis.tsv`."""
    return _word_list("jenis.tsv")


def _word_list(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The rows of a word list in `data/` (`rows`)."""
    return rows(files("kriya").joinpath("data", name).read_text(encoding="utf-8"))


def rows(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(word, equivalents) of each line "word<tab>equivalent, equivalent" of a word list
    ("word, word<tab>..." gives each word the equivalents); comments (#) and lines naming no
    equivalent are left out."""
    found = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words, _, equivalents = line.partition("\t")
        named = tuple(w.strip().lower() for w in equivalents.split(",") if w.strip())
        if named:  # (a line without a tab names no equivalent)
            found += [(w.strip().lower(), named) for w in words.split(",") if w.strip()]
    return tuple(found)


def translations(counts: Counter) -> dict[str, list[str]]:
    """word -> its glossary translations the site uses (every word of a phrase on the site),
    in both directions, and an informal word -> its standard words the site uses."""
    found: dict[str, list[str]] = defaultdict(list)
    for english, equivalents in glossary():
        for indonesian in equivalents:
            if indonesian == english:
                continue
            if _on_site(indonesian, counts) and indonesian not in found[english]:
                found[english].append(indonesian)
            if english in counts and " " not in indonesian and english not in found[indonesian]:
                found[indonesian].append(english)
    for informal, standard in colloquial():
        found[informal].extend(
            w for w in standard if _on_site(w, counts) and w not in found[informal]
        )
    return {word: phrases for word, phrases in found.items() if phrases}


def kinds(counts: Counter) -> dict[str, list[str]]:
    """General word -> the words for its kinds that the site uses, most used first."""
    found = {}
    for general, named in kinds_list():
        used = [kind for kind in named if kind != general and _on_site(kind, counts)]
        if used:
            found[general] = sorted(used, key=lambda kind: -_page_count(kind, counts))
    return found


def _on_site(phrase: str, counts: Counter) -> bool:
    """Is every word of the phrase on the site?"""
    return all(part in counts for part in phrase.replace("-", " ").split())


def _page_count(phrase: str, counts: Counter) -> int:
    """The pages of a phrase's rarest word (at most the phrase's pages)."""
    return min(counts[part] for part in phrase.replace("-", " ").split())


def to_english(english_words: set[str]) -> dict[str, list[str]]:
    """Indonesian word -> its glossary translations that the English pages use: on an English
    page a buyer may type the Indonesian word on a label ("keripik", "tas anyaman")."""
    found: dict[str, list[str]] = defaultdict(list)
    for english, equivalents in glossary():
        if english not in english_words:
            continue
        for indonesian in equivalents:
            if " " not in indonesian and indonesian != english and english not in found[indonesian]:
                found[indonesian].append(english)
    return dict(found)


def shard_extras(
    counts: Counter,
    word_roots: dict[str, str] | None = None,
    split: dict[str, dict[str, list[str]]] | None = None,
) -> dict[str, dict]:
    """First letter -> {"r": {word: root}, "a": {root: forms}, "g": {word: translations},
    "x": {word: [stem, root]}, "j": {word: kinds}} for the vocabulary shards (see the module's
    docstring); `word_roots` and `split` as `roots` and `split_stems` give them, when known
    already."""
    word_roots = word_roots or roots(counts)
    split = split_stems(word_roots) if split is None else split
    forms = root_forms(counts, word_roots)
    extras: dict[str, dict] = defaultdict(lambda: {"r": {}, "a": {}, "g": {}, "x": {}, "j": {}})
    # sorted, so that the same site gives the same files whatever order pages were read in
    for word, root in sorted(word_roots.items()):
        if root != word and root in forms:
            extras[word[0]]["r"][word] = root
    for root, words in sorted(forms.items()):
        extras[root[0]]["a"][root] = words
    for word, phrases in sorted(translations(counts).items()):
        extras[word[0]]["g"][word] = phrases
    for general, named in sorted(kinds(counts).items()):
        extras[general[0]]["j"][general] = named
    for pagefind_stem, by_root in sorted(split.items()):
        for root, words in by_root.items():
            for word in words if root else ():
                extras[word[0]]["x"][word] = [pagefind_stem, root]
    return extras
