"""Normalisation of identifiers before linkage and pseudonymisation.

Every public ``normalise_*`` function accepts anything (``None``, numbers, junk strings) and
returns ``None`` when it cannot make a valid value out of it; none of them raises. The rules are
described in docs/linkage.md.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import jellyfish
import phonenumbers
from unidecode import unidecode

__all__ = [
    "PARTICLES",
    "BirthDate",
    "DutchAddress",
    "Surname",
    "dutch_plate_sidecode",
    "name_key",
    "name_tokens",
    "normalise_address",
    "normalise_birth_date",
    "normalise_bsn",
    "normalise_document_number",
    "normalise_email",
    "normalise_first_name",
    "normalise_house_number",
    "normalise_iban",
    "normalise_kvk",
    "normalise_licence_plate",
    "normalise_name",
    "normalise_nationality",
    "normalise_phone",
    "normalise_postcode",
    "normalise_sex",
    "normalise_street",
    "normalise_surname",
    "phonetic_key",
    "surname_in_first_name",
]

_MAX_INPUT = 500  # longer input is not a name, a date or a number: reject it outright


def _as_text(value: Any) -> str | None:
    """Return ``value`` as a stripped string, or None for None/NaN/empty/oversized input."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:  # NaN from pandas
            return None
        if value.is_integer():
            value = int(value)
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if not isinstance(value, str | int):
        return None
    text = str(value).strip()
    if not text or len(text) > _MAX_INPUT:
        return None
    return text


def _ascii_fold(text: str) -> str:
    """Fold diacritics and transliterate other scripts (Cyrillic, Greek, ...) to ASCII."""
    text = unicodedata.normalize("NFKC", text)
    return unidecode(text)


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

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
    text = _as_text(value)
    if text is None:
        return None
    text = _ascii_fold(text).lower()
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
        if tail_words and all(w in _PARTICLE_WORDS for w in tail_words) and head_words:
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


def normalise_sex(value: Any) -> str | None:
    """ "m", "f" or "x" from Dutch and English spellings (man/vrouw/m/v/male/female/x)."""
    text = _as_text(value)
    if text is None:
        return None
    text = _ascii_fold(text).strip().lower()
    if text in {"m", "man", "male", "mannelijk", "jongen", "boy"}:
        return "m"
    if text in {"v", "f", "vrouw", "female", "woman", "vrouwelijk", "meisje", "girl"}:
        return "f"
    if text in {"x", "o", "other", "anders", "non-binary", "nonbinary"}:
        return "x"
    return None


def normalise_nationality(value: Any) -> str | None:
    """Nationality as upper-case letters (an ISO code stays an ISO code), or None."""
    text = _as_text(value)
    if text is None:
        return None
    text = re.sub(r"[^A-Z]", "", _ascii_fold(text).upper())
    return text if 2 <= len(text) <= 40 else None


# --------------------------------------------------------------------------------------------
# Dates of birth
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BirthDate:
    """A possibly partial date of birth: year always, month and day when known."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def is_full(self) -> bool:
        return self.month is not None and self.day is not None

    @property
    def iso(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def swapped(self) -> BirthDate | None:
        """The day/month-swapped reading (3 April ↔ 4 March), if that is a different valid
        date; None otherwise."""
        if not self.is_full or self.day == self.month or self.day is None or self.day > 12:
            return None
        assert self.month is not None
        if not _valid_date(self.year, self.day, self.month):
            return None
        return BirthDate(self.year, self.day, self.month)


_MIN_YEAR = 1900


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _max_year() -> int:
    return dt.datetime.now(tz=dt.UTC).year


def _build_date(year: int, month: int | None, day: int | None) -> BirthDate | None:
    if not _MIN_YEAR <= year <= _max_year():
        return None
    if month in (0, None):
        return BirthDate(year)
    if day in (0, None):
        return BirthDate(year, month) if 1 <= month <= 12 else BirthDate(year)
    if _valid_date(year, month, day):
        return BirthDate(year, month, day)
    if _valid_date(year, day, month):  # "1990-25-03": month and day written the other way
        return BirthDate(year, day, month)
    return BirthDate(year, month) if 1 <= month <= 12 else BirthDate(year)


_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd"),
    (re.compile(r"^(\d{2})(\d{2})(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})[-/. ](\d{1,2})$"), "ym"),
    (re.compile(r"^(\d{1,2})[-/. ](\d{4})$"), "my"),
    (re.compile(r"^(\d{4})$"), "y"),
)


def normalise_birth_date(value: Any) -> BirthDate | None:
    """Parse a date of birth written as ``YYYY-MM-DD``, ``YYYYMMDD``, ``DD-MM-YYYY``,
    ``DD/MM/YYYY``, ``YYYY-MM``, ``MM-YYYY`` or ``YYYY``. Unknown parts written as ``00`` or
    ``XX`` make a partial date; a month above 12 with a day of 12 or less is read as a
    day/month swap. Years before 1900 or in the future give None."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _build_date(value.year, value.month, value.day)
    text = _as_text(value)
    if text is None:
        return None
    text = re.sub(r"[xX?]{1,2}(?=[-/. ]|$)", "00", text.strip())
    text = text.split("T")[0].strip()
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = [int(p) for p in match.groups()]
        if order == "ymd":
            return _build_date(parts[0], parts[1], parts[2])
        if order == "dmy":
            return _build_date(parts[2], parts[1], parts[0])
        if order == "ym":
            return _build_date(parts[0], parts[1], None)
        if order == "my":
            return _build_date(parts[1], parts[0], None)
        return _build_date(parts[0], None, None)
    return None


# --------------------------------------------------------------------------------------------
# Phones, e-mail
# --------------------------------------------------------------------------------------------


def normalise_phone(
    value: Any, default_region: str = "NL", *, possible: bool = False
) -> str | None:
    """E.164 form (``+31612345678``) of a phone number written in any national or
    international format; numbers without a country code are read as Dutch.

    The number must be valid (in a range that is issued); with ``possible=True`` a number of
    a possible length is enough unless its digits are all the same (linkage compares the
    numbers as written: a number in a range ``phonenumbers`` does not know, or mistyped into
    one, is still the same number on two records)."""
    text = _as_text(value)
    if text is None or len(text) > 40:
        return None
    text = text.replace("(0)", "")
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException:
        return None
    except Exception:
        return None
    if not phonenumbers.is_valid_number(number):
        if not possible or not phonenumbers.is_possible_number(number):
            return None
        if len(set(str(number.national_number)[2:])) < 2:  # 06-00000000: a placeholder
            return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_EMAIL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$")


def normalise_email(value: Any) -> str | None:
    """Lower-case e-mail address; for Gmail the dots and the ``+tag`` of the local part are
    dropped (Gmail ignores them). Anything that is not an address gives None."""
    text = _as_text(value)
    if text is None:
        return None
    text = text.strip().strip("<>").lower()
    if text.startswith("mailto:"):
        text = text[7:]
    if not _EMAIL.match(text) or ".." in text:
        return None
    local, _, domain = text.rpartition("@")
    if domain in {"gmail.com", "googlemail.com"}:
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    if not local:
        return None
    return f"{local}@{domain}"


# --------------------------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------------------------

_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Z]{2})$")


def normalise_postcode(value: Any) -> str | None:
    """Dutch postcode as ``1234AB``; a bare four-digit area (``1234``) is kept as such. The
    letter pairs SA, SD and SS are not issued and give None."""
    text = _as_text(value)
    if text is None:
        return None
    text = _ascii_fold(text).upper().replace("-", " ").strip()
    match = _POSTCODE.match(text)
    if match:
        if match.group(2) in {"SA", "SD", "SS"}:
            return None
        return match.group(1) + match.group(2)
    if re.fullmatch(r"[1-9][0-9]{3}", text):
        return text
    return None


_HOUSE_NUMBER = re.compile(r"^(\d{1,5})\s*[-/ ]?\s*([A-Z0-9]{0,6})$")


def normalise_house_number(value: Any) -> tuple[int, str] | None:
    """House number and addition: "12", "12a", "12-A", "12 hs", "12-2" → (12, ""), (12, "A"),
    (12, "A"), (12, "HS"), (12, "2")."""
    text = _as_text(value)
    if text is None:
        return None
    text = _ascii_fold(text).upper().strip()
    text = re.sub(r"[.\s]+", " ", text)
    text = text.replace(" - ", "-")
    match = _HOUSE_NUMBER.match(text)
    if not match:
        return None
    number = int(match.group(1))
    if number == 0:
        return None
    return number, match.group(2)


_STREET_ABBREVIATIONS = {
    "str": "straat",
    "ln": "laan",
    "pl": "plein",
    "wg": "weg",
    "gr": "gracht",
    "st": "street",
    "rd": "road",
}


def normalise_street(value: Any) -> str | None:
    """Lower-case ASCII street name, common abbreviations written out ("Kerkstr." → "kerkstraat"),
    spaces removed so that "Kerk straat" and "Kerkstraat" agree."""
    text = _as_text(value)
    if text is None:
        return None
    text = _ascii_fold(text).lower()
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    words = text.split()
    if not words:
        return None
    if words[-1] in _STREET_ABBREVIATIONS:
        words[-1] = _STREET_ABBREVIATIONS[words[-1]]
    elif words[-1].endswith("str") and len(words[-1]) > 3:
        words[-1] = words[-1][:-3] + "straat"
    street = "".join(words)
    return street if re.search(r"[a-z]", street) else None


@dataclass(frozen=True)
class DutchAddress:
    postcode: str | None
    house_number: int | None
    addition: str
    street: str | None
    city: str | None

    @property
    def key(self) -> str | None:
        """``1234AB|12|A``: postcode plus house number (and addition), the address identity.
        None unless both a full postcode and a house number are known."""
        if self.postcode is None or len(self.postcode) != 6 or self.house_number is None:
            return None
        return f"{self.postcode}|{self.house_number}|{self.addition}"


def normalise_address(
    street: Any = None, house_number: Any = None, postcode: Any = None, city: Any = None
) -> DutchAddress | None:
    """Normalise the parts of an address; None when no part is usable."""
    pc = normalise_postcode(postcode)
    hn = normalise_house_number(house_number)
    st = normalise_street(street)
    ct = normalise_name(city)
    if pc is None and hn is None and st is None and ct is None:
        return None
    return DutchAddress(
        postcode=pc,
        house_number=hn[0] if hn else None,
        addition=hn[1] if hn else "",
        street=st,
        city=ct,
    )


# --------------------------------------------------------------------------------------------
# Vehicles, companies, bank accounts, documents
# --------------------------------------------------------------------------------------------

# Dutch licence-plate sidecodes (kentekens): L = letter, D = digit. 1-14 in RDW's numbering.
_SIDECODES: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (i + 1, re.compile(p))
    for i, p in enumerate(
        (
            r"[A-Z]{2}\d{2}\d{2}",  # 1  XX-99-99
            r"\d{2}\d{2}[A-Z]{2}",  # 2  99-99-XX
            r"\d{2}[A-Z]{2}\d{2}",  # 3  99-XX-99
            r"[A-Z]{2}\d{2}[A-Z]{2}",  # 4  XX-99-XX
            r"[A-Z]{2}[A-Z]{2}\d{2}",  # 5  XX-XX-99
            r"\d{2}[A-Z]{2}[A-Z]{2}",  # 6  99-XX-XX
            r"\d{2}[A-Z]{3}\d",  # 7  99-XXX-9
            r"\d[A-Z]{3}\d{2}",  # 8  9-XXX-99
            r"[A-Z]{2}\d{3}[A-Z]",  # 9  XX-999-X
            r"[A-Z]\d{3}[A-Z]{2}",  # 10 X-999-XX
            r"[A-Z]{3}\d{2}[A-Z]",  # 11 XXX-99-X
            r"[A-Z]\d{2}[A-Z]{3}",  # 12 X-99-XXX
            r"\d[A-Z]{2}\d{3}",  # 13 9-XX-999
            r"\d{3}[A-Z]{2}\d",  # 14 999-XX-9
        )
    )
)


def _compact_upper(value: Any) -> str | None:
    text = _as_text(value)
    if text is None:
        return None
    text = _ascii_fold(text).upper()
    return re.sub(r"[\s\-./·]+", "", text)


def dutch_plate_sidecode(value: Any) -> int | None:
    """RDW sidecode (1-14) of a Dutch licence plate, or None when it fits none."""
    plate = _compact_upper(value)
    if plate is None or len(plate) != 6:
        return None
    for code, pattern in _SIDECODES:
        if pattern.fullmatch(plate):
            return code
    return None


def normalise_licence_plate(value: Any) -> str | None:
    """Licence plate in capitals without dashes or spaces ("12-abc-3" → "12ABC3"). Dutch plates
    must fit a sidecode; foreign plates are accepted as 2-10 letters and digits with at
    least one digit."""
    plate = _compact_upper(value)
    if plate is None or not re.fullmatch(r"[A-Z0-9]{2,10}", plate):
        return None
    if dutch_plate_sidecode(plate) is not None:
        return plate
    if not re.search(r"\d", plate):
        return None
    return plate


def normalise_kvk(value: Any) -> str | None:
    """Chamber of Commerce (KvK) number: exactly eight digits after removing spaces and dots."""
    text = _as_text(value)
    if text is None:
        return None
    text = re.sub(r"[\s.\-]", "", text)
    if text.upper().startswith("KVK"):
        text = text[3:].lstrip(":")
    return text if re.fullmatch(r"\d{8}", text) else None


def normalise_iban(value: Any) -> str | None:
    """IBAN in capitals without spaces, only when the ISO 13616 mod-97 check passes."""
    text = _compact_upper(value)
    if text is None:
        return None
    if text.startswith("IBAN"):
        text = text[4:]
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", text):
        return None
    if text.startswith("NL") and not re.fullmatch(r"NL\d{2}[A-Z]{4}\d{10}", text):
        return None
    rearranged = text[4:] + text[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return text if int(digits) % 97 == 1 else None


def normalise_bsn(value: Any) -> str | None:
    """Citizen service number (BSN): nine digits (eight get a leading zero) passing the
    eleven-test."""
    text = _as_text(value)
    if text is None:
        return None
    text = re.sub(r"[\s.\-]", "", text)
    if not re.fullmatch(r"\d{8,9}", text):
        return None
    text = text.zfill(9)
    total = sum(int(d) * w for d, w in zip(text[:8], range(9, 1, -1), strict=True))
    total -= int(text[8])
    if total % 11 != 0 or text == "000000000":
        return None
    return text


def normalise_document_number(value: Any) -> str | None:
    """Passport, identity card or residence document number: capitals and digits only, 5-20
    characters with at least one digit. The letter O, which Dutch documents do not use, is
    read as the digit 0 in a Dutch-looking number (nine characters, two letters first)."""
    text = _compact_upper(value)
    if text is None or not re.fullmatch(r"[A-Z0-9]{5,20}", text):
        return None
    if not re.search(r"\d", text):
        return None
    if len(text) == 9 and re.fullmatch(r"[A-Z]{2}[A-Z0-9]{6}\d", text):
        text = text[:2] + text[2:].replace("O", "0")
    return text
