"""Names: first names, surnames with their particles (tussenvoegsels), and the
transliteration-tolerant and phonetic keys of names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import jellyfish

from zicht.matching.normalise.text import as_text, ascii_fold

#: Particles (tussenvoegsels) recognised in surnames, longest first. Abbreviations map to the
#: full particle: "vd", "v.d." and "v/d" are "van der", "v." is "van".
PARTICLES: tuple[str, ...] = (
    "van de",
    "van der",
    "van den",
    "van het",
    "van 't",
    "in 't",
    "in het",
    "in de",
    "op de",
    "op den",
    "op het",
    "op 't",
    "uit de",
    "uit den",
    "uit het",
    "von der",
    "von dem",
    "de la",
    "de los",
    "van",
    "von",
    "de",
    "der",
    "den",
    "het",
    "'t",
    "ter",
    "ten",
    "te",
    "la",
    "le",
    "du",
    "da",
    "di",
    "del",
    "della",
    "dos",
    "das",
    "zu",
    "d'",
)
_PARTICLE_WORDS = frozenset(w for p in PARTICLES for w in p.split())
#: Prefixes that belong to the surname itself (Arabic and Berber family names: "El Amrani",
#: "Ben Ali", "Ait Taleb"): not a tussenvoegsel, but a register that files by the main word
#: writes them after a comma ("Amrani, El"), which is read back in front.
_SURNAME_PREFIXES = frozenset({"el", "al", "ben", "bin", "ibn", "abu", "bou", "ait", "ould"})
_PARTICLE_ABBREVIATIONS = {
    "vd": "van der",
    "v.d.": "van der",
    "v.d": "van der",
    "v/d": "van der",
    "vd.": "van der",
    "v.": "van",
    "v": "van",
    "vdn": "van den",
    "v.d.n.": "van den",
}


def _clean_name_text(value: Any) -> str | None:
    text = as_text(value)
    if text is None:
        return None
    text = ascii_fold(text).lower()
    # keep letters, spaces, apostrophes, commas, dots and slashes (for "v.d." and "v/d");
    # everything else separates words
    text = re.sub(r"[^a-z ',./]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,./")
    return text or None


def _words(text: str) -> list[str]:
    words = []
    for raw in text.replace(",", " ").split():
        if raw in _PARTICLE_ABBREVIATIONS:
            words.extend(_PARTICLE_ABBREVIATIONS[raw].split())
            continue
        word = raw.strip("./")
        word = word.replace(".", "").replace("/", "")
        if word in ("'t", "t'"):
            words.append("'t")
            continue
        if word.startswith("d'") and len(word) > 2:
            words.extend(["d'", word[2:]])
            continue
        word = word.strip("'")
        if word:
            words.append(word.replace("'", ""))
    return words


def normalise_name(value: Any) -> str | None:
    """Lower-case ASCII form of a name: diacritics folded, Cyrillic transliterated, one space
    between words, punctuation removed. ``"  Zoë  O'Neill-Brown "`` → ``"zoe oneill brown"``."""
    text = _clean_name_text(value)
    if text is None:
        return None
    words = [w.replace("'", "") for w in text.replace(",", " ").replace("/", " ").split()]
    words = [w.replace(".", "") for w in words]
    words = [w for w in words if w]
    if not words:
        return None
    return " ".join(words)


def normalise_first_name(value: Any) -> str | None:
    """First name(s) normalised like :func:`normalise_name`; initials keep their letter."""
    return normalise_name(value)


@dataclass(frozen=True)
class Surname:
    """A surname split into its core and its particle: "Berg, van der" → core "berg",
    particle "van der". ``full`` is particle + core, the way it is said."""

    core: str
    particle: str

    @property
    def full(self) -> str:
        return f"{self.particle} {self.core}".strip()


def normalise_surname(value: Any) -> Surname | None:
    """Split a surname into core and particle, for every common Dutch spelling:

    "van der Berg", "Van Der Berg", "Berg, van der", "Berg van der", "vd Berg", "v.d. Berg"
    all give ``Surname(core="berg", particle="van der")``. A surname that consists only of
    particle words ("De", "Van") is kept as the core.
    """
    text = _clean_name_text(value)
    if text is None:
        return None
    if "," in text:
        head, _, tail = text.partition(",")
        tail_words = _words(tail)
        head_words = _words(head)
        particle_or_prefix = _PARTICLE_WORDS | _SURNAME_PREFIXES
        if tail_words and all(w in particle_or_prefix for w in tail_words) and head_words:
            words = tail_words + head_words
        else:
            words = head_words + tail_words
    else:
        words = _words(text)
        # "Berg van der": trailing particles written after the core
        trailing = 0
        while trailing < len(words) - 1 and words[-1 - trailing] in _PARTICLE_WORDS:
            trailing += 1
        if trailing and words[0] not in _PARTICLE_WORDS:
            words = words[-trailing:] + words[:-trailing]
    if not words:
        return None
    lead = 0
    while lead < len(words) - 1 and words[lead] in _PARTICLE_WORDS:
        lead += 1
    particle_words = [w if w in ("'t", "d'") else w.replace("'", "") for w in words[:lead]]
    core_words = [w.replace("'", "") for w in words[lead:]]
    core = " ".join(w for w in core_words if w)
    if not core:
        return None
    return Surname(core=core, particle=" ".join(particle_words))


def surname_in_first_name(value: Any) -> Surname | None:
    """The surname written in a first-name field (first and last name swapped): a value that
    starts with a particle and has a core after it ("de Broek", "v.d. Berg") gives its
    :class:`Surname`; any other value None. A first name never starts with a particle."""
    text = _clean_name_text(value)
    if text is None:
        return None
    words = _words(text.replace(",", " "))
    if len(words) < 2 or words[0] not in _PARTICLE_WORDS:
        return None
    if all(w in _PARTICLE_WORDS for w in words):
        return None
    return normalise_surname(value)


# Transliteration skeleton. Russian and Ukrainian names reach Dutch registers in English/BGN
# spelling ("Yuri Shevchenko"), Dutch spelling ("Joeri Sjevtsjenko"), German spelling, or in
# Cyrillic (which unidecode turns into its own ASCII form, "Iurii Shevchenko"). name_key maps
# all of these to the same skeleton. Order matters: longer clusters first.
_KEY_RULES: tuple[tuple[str, str], ...] = (
    ("schtsch", "S"),
    ("sjtsj", "S"),
    ("shch", "S"),
    ("stsj", "S"),
    ("tsch", "C"),
    ("tsj", "C"),
    ("tch", "C"),
    ("sch", "X"),
    ("ch", "C"),
    ("kh", "C"),
    ("sj", "X"),
    ("sh", "X"),
    ("zj", "Z"),
    ("zh", "Z"),
    ("oe", "u"),
    ("ph", "f"),
    ("th", "t"),
    ("dt", "t"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
)


def _key_word(word: str) -> str:
    for old, new in _KEY_RULES:
        word = word.replace(old, new)
    # Yelena / Jelena / Elena, Yevgeni / Evgeni: drop an initial i before e
    word = re.sub(r"^i(?=e)", "", word)
    # collapse doubled letters: Mariia → Maria, Dmitrii → Dmitri, Jansen / Janssen
    word = re.sub(r"(.)\1+", r"\1", word)
    return word


def name_key(value: Any) -> str | None:
    """Transliteration-tolerant key of a name: the same for "Joeri Sjevtsjenko", "Yuri
    Shevchenko" and "Юрий Шевченко". Words keep their order; use :func:`name_tokens` for an
    order-free form."""
    text = normalise_name(value)
    if text is None:
        return None
    words = [_key_word(w) for w in text.split()]
    words = [w for w in words if w]
    return " ".join(words) or None


def name_tokens(*values: Any) -> str | None:
    """Sorted, de-duplicated name keys of all given name parts joined by a space: the same for
    first and last name swapped. Particles are dropped."""
    tokens: set[str] = set()
    for value in values:
        key = name_key(value)
        if key:
            tokens.update(t for t in key.split() if t not in _PARTICLE_WORDS)
    return " ".join(sorted(tokens)) or None


def phonetic_key(value: Any) -> str | None:
    """Metaphone code (jellyfish) of a name's transliteration key, words concatenated."""
    key = name_key(value)
    if key is None:
        return None
    try:
        code = "".join(jellyfish.metaphone(w.lower()) for w in key.split())
    except Exception:  # jellyfish is C code: never let an odd input crash the caller
        return None
    return code or None
