# ruff: noqa: RUF001
"""Seeded generator of hard, synthetic Dutch registration data with the true person id.

The records look like what organisations in a Dutch region register about presumed victims and
other persons: Dutch and foreign names, surname particles in every spelling, Cyrillic names in
Cyrillic and in English and Dutch transliteration, swapped first and last names, typos, year-only
and day/month-swapped dates of birth, phone numbers in every format and changed phones,
household members at one address and namesakes with other dates of birth.

Everything here is invented; no real person is described. The output has the columns of the
``zicht-link`` CLI plus ``person_id`` (the truth).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["SOURCES", "generate"]

SOURCES = ("politie", "gemeente", "zorgcoordinatie", "veilig_thuis", "nla", "opvang")
_SOURCE_WEIGHTS = (30, 25, 15, 10, 10, 10)

# --- name material -----------------------------------------------------------------------------

_NL_FIRST_F = [
    "Anna",
    "Emma",
    "Sophie",
    "Julia",
    "Lisa",
    "Sanne",
    "Eva",
    "Fleur",
    "Lotte",
    "Iris",
    "Femke",
    "Anouk",
    "Noor",
    "Lieke",
    "Maud",
    "Roos",
    "Sara",
    "Esther",
    "Marieke",
    "Ingrid",
    "Petra",
    "Monique",
    "Linda",
    "Wendy",
    "Bianca",
    "Kim",
    "Chantal",
    "Naomi",
    "Demi",
    "Jasmijn",
    "Tess",
    "Isa",
    "Mila",
    "Yara",
    "Floor",
    "Nina",
    "Lynn",
    "Elise",
    "Vera",
    "Johanna",
    "Wilhelmina",
    "Cornelia",
    "Hendrika",
    "Geertje",
    "Margriet",
    "Annemiek",
    "Jolanda",
    "Saskia",
    "Miranda",
]
_NL_FIRST_M = [
    "Jan",
    "Pieter",
    "Kees",
    "Henk",
    "Willem",
    "Johannes",
    "Hendrik",
    "Gerrit",
    "Cornelis",
    "Jeroen",
    "Bas",
    "Thijs",
    "Daan",
    "Sem",
    "Lucas",
    "Levi",
    "Finn",
    "Milan",
    "Bram",
    "Ruben",
    "Stijn",
    "Joost",
    "Koen",
    "Maarten",
    "Sander",
    "Niels",
    "Wouter",
    "Arjen",
    "Erik",
    "Frank",
    "Martijn",
    "Tim",
    "Tom",
    "Lars",
    "Jesse",
    "Rick",
    "Dennis",
    "Mark",
    "Patrick",
    "Robin",
    "Sjoerd",
    "Wim",
    "Teun",
    "Gijs",
    "Jelle",
    "Marco",
    "Remco",
    "Roel",
    "Dirk",
]
_NL_SURNAME_PLAIN = [
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Dijkstra",
    "Kok",
    "Jacobs",
    "Vermeulen",
    "Willems",
    "Schouten",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Kuipers",
    "Postma",
    "Timmermans",
    "Verhoeven",
    "Kramer",
    "Wolters",
    "Scholten",
    "Groen",
    "Maas",
    "Hermans",
    "Koning",
    "Blom",
    "Evers",
    "Kuiper",
    "Boer",
    "Veenstra",
    "Hofman",
    "Sanders",
    "Bosman",
    "Schipper",
    "Hoogland",
    "Verbeek",
    "Zwart",
    "Haan",
    "Lammers",
]
_NL_SURNAME_STEMS = [
    "Berg",
    "Bosch",
    "Dijk",
    "Vliet",
    "Heuvel",
    "Broek",
    "Meer",
    "Linden",
    "Velde",
    "Wal",
    "Leeuwen",
    "Graaf",
    "Beek",
    "Laan",
    "Hoek",
    "Pol",
    "Ven",
    "Wijk",
    "Brink",
    "Akker",
    "Kamp",
    "Veen",
    "Hof",
    "Molen",
    "Wetering",
    "Haar",
    "Zande",
    "Steen",
    "Donk",
    "Horst",
]
_NL_PARTICLES = ("van", "van der", "van den", "van de", "de", "ter", "van 't", "in 't")
_NL_STREETS = [
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Stationsweg",
    "Schoolstraat",
    "Julianastraat",
    "Beatrixlaan",
    "Wilhelminastraat",
    "Nieuwstraat",
    "Marktplein",
    "Havenstraat",
    "Lindenlaan",
    "Eikenlaan",
    "Parallelweg",
    "Industrieweg",
    "Sportlaan",
    "Kastanjelaan",
    "Prinsengracht",
    "Burgemeester",
    "Jansenlaan",
    "Vondelstraat",
    "Rembrandtplein",
    "Spoorstraat",
    "Zuiderweg",
    "Noorderlaan",
    "Oosterstraat",
    "Westersingel",
]
_NL_CITIES = (
    "Enschede",
    "Hengelo",
    "Almelo",
    "Rotterdam",
    "Schiedam",
    "Vlaardingen",
    "Zaandam",
    "Purmerend",
    "Middelburg",
    "Vlissingen",
    "Goes",
    "Terneuzen",
    "Den Haag",
    "Delft",
    "Zoetermeer",
    "Oldenzaal",
    "Borne",
    "Haaksbergen",
    "Breda",
    "Roosendaal",
    "Bergen op Zoom",
    "Dordrecht",
    "Spijkenisse",
    "Leiden",
)

_CYR_FIRST_F = [
    "Ольга",
    "Наталья",
    "Елена",
    "Ирина",
    "Татьяна",
    "Юлия",
    "Мария",
    "Анна",
    "Светлана",
    "Екатерина",
    "Оксана",
    "Людмила",
    "Валентина",
    "Дарья",
    "Алёна",
    "Ксения",
    "Галина",
    "Вероника",
    "Христина",
    "Жанна",
]
_CYR_FIRST_M = [
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Юрий",
    "Михаил",
    "Николай",
    "Владимир",
    "Евгений",
    "Игорь",
    "Олег",
    "Виктор",
    "Максим",
    "Богдан",
    "Тарас",
    "Василий",
    "Григорий",
    "Фёдор",
    "Станислав",
]
_CYR_SURNAME_ROOTS = [
    "Шевч",
    "Коваль",
    "Бонд",
    "Ткач",
    "Кравч",
    "Мельн",
    "Олийн",
    "Шост",
    "Лысенк",
    "Петр",
    "Иван",
    "Кузнец",
    "Смирн",
    "Попов",
    "Соколов",
    "Лебед",
    "Козл",
    "Новик",
    "Морозов",
    "Волк",
    "Зайц",
    "Павл",
    "Семен",
    "Голуб",
    "Виноград",
    "Богдан",
    "Жук",
    "Ковальч",
    "Федор",
    "Щерб",
    "Хмельн",
    "Чорн",
    "Юрч",
    "Гончар",
]
_CYR_SURNAME_SUFFIXES = ("енко", "ук", "ов", "ин", "ский", "юк", "ич", "ко")

_EU_FIRST_F = [
    "Agnieszka",
    "Katarzyna",
    "Magdalena",
    "Małgorzata",
    "Joanna",
    "Ewa",
    "Ioana",
    "Elena",
    "Andreea",
    "Mihaela",
    "Gabriela",
    "Daniela",
    "Maria",
    "Ivana",
    "Petya",
    "Desislava",
    "Kristina",
    "Jolanta",
    "Dorota",
    "Zuzana",
]
_EU_FIRST_M = [
    "Piotr",
    "Krzysztof",
    "Tomasz",
    "Paweł",
    "Michał",
    "Łukasz",
    "Andrzej",
    "Mihai",
    "Andrei",
    "Ionuț",
    "Florin",
    "Bogdan",
    "Georgi",
    "Dimitar",
    "Ivan",
    "Nikolay",
    "Marek",
    "Jakub",
    "Jiří",
    "Ondřej",
]
_EU_SURNAMES = [
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Popescu",
    "Ionescu",
    "Popa",
    "Dumitru",
    "Stan",
    "Stoica",
    "Gheorghe",
    "Rusu",
    "Munteanu",
    "Matei",
    "Constantin",
    "Ivanov",
    "Georgiev",
    "Dimitrov",
    "Petrov",
    "Nikolov",
    "Horváth",
    "Novák",
    "Dvořák",
    "Černý",
    "Procházka",
    "Kučera",
    "Nagy",
    "Tóth",
    "Szabó",
    "Kovács",
    "Balogh",
    "Papp",
]

_WORLD_FIRST_F = [
    "Blessing",
    "Joy",
    "Precious",
    "Faith",
    "Gift",
    "Esther",
    "Mercy",
    "Fatima",
    "Khadija",
    "Aisha",
    "Samira",
    "Yasmina",
    "Nguyen",
    "Thi",
    "Lan",
    "Mai",
    "Linh",
    "Hoa",
    "Mei",
    "Ling",
    "Ana",
    "Beatriz",
    "Juliana",
    "Gabriela",
    "Ayşe",
    "Elif",
    "Zeynep",
    "Merve",
    "Adjoa",
    "Abena",
]
_WORLD_FIRST_M = [
    "Emeka",
    "Chinedu",
    "Oluwaseun",
    "Ibrahim",
    "Mohamed",
    "Ahmed",
    "Youssef",
    "Karim",
    "Omar",
    "Mustafa",
    "Mehmet",
    "Ahmet",
    "Emre",
    "Murat",
    "Minh",
    "Tuan",
    "Duc",
    "Wei",
    "Jun",
    "Hao",
    "Lucas",
    "Mateus",
    "Rafael",
    "Kwame",
    "Kofi",
    "Yaw",
    "Tesfaye",
    "Dawit",
]
_WORLD_SURNAMES = [
    "Okafor",
    "Okonkwo",
    "Adeyemi",
    "Eze",
    "Nwosu",
    "Obi",
    "Mensah",
    "Owusu",
    "Boateng",
    "Asante",
    "El",
    "Amrani",
    "Bennani",
    "Tahiri",
    "Ouali",
    "Benali",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Öztürk",
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Hoang",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Pereira",
    "Tesfay",
    "Haile",
    "Gebre",
    "Bekele",
]

# --- Cyrillic transliteration: English (BGN-like) and Dutch conventions -----------------------

_TR_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "ц": "ts",
    "ъ": "", "ь": "", "э": "e", "ы": "y", "і": "i",
}  # fmt: skip
_TR_EN = {
    **_TR_COMMON, "е": "e", "ё": "yo", "ж": "zh", "й": "y", "у": "u", "х": "kh", "ч": "ch",
    "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "є": "ye", "ї": "yi",
}  # fmt: skip
_TR_NL = {
    **_TR_COMMON, "е": "e", "ё": "jo", "ж": "zj", "й": "j", "у": "oe", "х": "ch", "ч": "tsj",
    "ш": "sj", "щ": "sjtsj", "ю": "joe", "я": "ja", "є": "je", "ї": "ji",
}  # fmt: skip
_VOWELS_CYR = set("аеёиоуыэюяіїє")


def transliterate(text: str, system: str) -> str:
    """Transliterate Cyrillic ``text`` in the English (``"en"``) or Dutch (``"nl"``) way."""
    table = _TR_EN if system == "en" else _TR_NL
    out = []
    prev = " "
    for ch in text:
        low = ch.lower()
        if low == "е" and (prev == " " or prev.lower() in _VOWELS_CYR or prev in "ьъ"):
            piece = "ye" if system == "en" else "je"
        elif low == "ий" and system == "en":  # pragma: no cover - single chars only
            piece = "iy"
        else:
            piece = table.get(low, low)
        if ch.isupper() and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
        prev = ch
    word = "".join(out)
    if system == "en":
        word = word.replace("iy ", "y ").removesuffix("iy") + ("y" if word.endswith("iy") else "")
    return word


# --- people ------------------------------------------------------------------------------------


@dataclass
class _Person:
    pid: int
    group: str
    sex: str
    first: str
    particle: str
    surname: str
    birth: dt.date
    nationality: str
    phones: list[str]
    address: tuple[str, str, str, str] | None  # street, number, postcode, city
    email: str | None
    document: str | None
    cyrillic: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _dutch_surname(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.45:
        return rng.choice(_NL_PARTICLES), rng.choice(_NL_SURNAME_STEMS)
    base = rng.choice(_NL_SURNAME_PLAIN)
    if rng.random() < 0.5:  # widen the pool: Jansen-Bakker style and suffix variants
        base = base + rng.choice(("", "s", "ink", "huis", "man", "ma", "stra", "inga"))
    return "", base


def _cyrillic_surname(rng: random.Random, sex: str) -> str:
    root = rng.choice(_CYR_SURNAME_ROOTS)
    suffix = rng.choice(_CYR_SURNAME_SUFFIXES)
    if sex == "f":
        suffix = {"ов": "ова", "ин": "ина", "ский": "ская"}.get(suffix, suffix)
    return root + suffix


def _phone(rng: random.Random, group: str) -> str:
    if group in ("nl", "world") or rng.random() < 0.6:
        return "+316" + "".join(str(rng.randint(0, 9)) for _ in range(8))
    prefix = {
        "cyr": rng.choice(("+38067", "+38050", "+7916")),
        "eu": rng.choice(("+4860", "+4879", "+40721", "+40745", "+35988")),
    }[group]
    length = 12 if prefix.startswith("+38") or prefix.startswith("+7") else 11
    digits = "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) + 1))
    return prefix + digits


def _format_phone(rng: random.Random, e164: str) -> str:
    if not e164.startswith("+316"):
        return rng.choice((e164, "00" + e164[1:], e164[:3] + " " + e164[3:]))
    rest = e164[4:]
    return rng.choice(
        (
            "06" + rest,
            "06-" + rest,
            "+31 6 " + rest[:4] + " " + rest[4:],
            "0031" + e164[3:],
            "(06) " + " ".join(rest[i : i + 2] for i in range(0, 8, 2)),
            "+31 (0)6 " + rest,
            e164,
            "06 " + rest[:2] + " " + rest[2:5] + " " + rest[5:],
        )
    )


def _address(rng: random.Random) -> tuple[str, str, str, str]:
    street = rng.choice(_NL_STREETS)
    if rng.random() < 0.5:
        street = rng.choice(_NL_SURNAME_PLAIN) + rng.choice(("straat", "laan", "weg", "hof"))
    number = str(rng.randint(1, 250))
    if rng.random() < 0.15:
        number += rng.choice(("a", "b", "c", "-1", "-2", " hs"))
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRTVWXZ") for _ in range(2))
    postcode = f"{rng.randint(1000, 9999)}{letters}"
    return street, number, postcode, rng.choice(_NL_CITIES)


def _birth(rng: random.Random, low: int = 1955, high: int = 2008) -> dt.date:
    start = dt.date(low, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(start, dt.date(high, 12, 31).toordinal()))


def _new_person(rng: random.Random, pid: int) -> _Person:
    group = rng.choices(("nl", "cyr", "eu", "world"), weights=(40, 20, 20, 20))[0]
    sex = "f" if rng.random() < 0.7 else "m"
    particle = ""
    cyrillic = False
    if group == "nl":
        first = rng.choice(_NL_FIRST_F if sex == "f" else _NL_FIRST_M)
        particle, surname = _dutch_surname(rng)
        nationality = "NLD"
    elif group == "cyr":
        first = rng.choice(_CYR_FIRST_F if sex == "f" else _CYR_FIRST_M)
        surname = _cyrillic_surname(rng, sex)
        nationality = rng.choice(("UKR", "RUS", "UKR"))
        cyrillic = True
    elif group == "eu":
        first = rng.choice(_EU_FIRST_F if sex == "f" else _EU_FIRST_M)
        surname = rng.choice(_EU_SURNAMES)
        if rng.random() < 0.5:
            surname += rng.choice(("a", "escu", "ek", "ska", "ov"))
        nationality = rng.choice(("POL", "ROU", "BGR", "HUN", "CZE"))
    else:
        first = rng.choice(_WORLD_FIRST_F if sex == "f" else _WORLD_FIRST_M)
        surname = rng.choice(_WORLD_SURNAMES)
        if rng.random() < 0.4:
            surname += rng.choice(("-Adu", "i", "o", "e", "son"))
        nationality = rng.choice(("NGA", "MAR", "TUR", "VNM", "CHN", "BRA", "ERI", "GHA"))
    phones = [_phone(rng, group)]
    if rng.random() < 0.35:  # a second (changed) phone
        phones.append(_phone(rng, group))
    email = None
    if rng.random() < 0.3:
        local = f"{first[:1]}{surname}".lower() if not cyrillic else f"user{pid}"
        email = (
            f"{local}{rng.randint(1, 99)}@{rng.choice(('gmail.com', 'hotmail.com', 'outlook.nl'))}"
        )
    document = None
    if rng.random() < 0.3:
        document = (
            "".join(rng.choice("ABCDEFGHJKLNPRSTVWXYZ") for _ in range(2))
            + "".join(rng.choice("ABCDEFGHJKLNPRSTVWXYZ0123456789") for _ in range(6))
            + str(rng.randint(0, 9))
        )
    return _Person(
        pid=pid,
        group=group,
        sex=sex,
        first=first,
        particle=particle,
        surname=surname,
        birth=_birth(rng),
        nationality=nationality,
        phones=phones,
        address=_address(rng) if rng.random() < 0.8 else None,
        email=email,
        document=document,
        cyrillic=cyrillic,
    )


# --- rendering one registration of a person ------------------------------------------------------


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word))
    kind = rng.random()
    letter = rng.choice("abcdefghijklmnoprstuvwz")
    if kind < 0.3:
        return word[:i] + word[i + 1 :]
    if kind < 0.55:
        return word[:i] + letter + word[i:]
    if kind < 0.8:
        return word[:i] + letter + word[i + 1 :]
    if i < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


def _render_surname(rng: random.Random, p: _Person) -> str:
    if not p.particle:
        return p.surname
    style = rng.random()
    particle, core = p.particle, p.surname
    if style < 0.35:
        return f"{particle} {core}"
    if style < 0.5:
        return f"{core}, {particle}"
    if style < 0.6:
        return " ".join(w.capitalize() for w in particle.split()) + " " + core
    if style < 0.7 and particle in ("van der", "van den", "van de"):
        return rng.choice(("vd ", "v.d. ", "v/d ")) + core
    if style < 0.8:
        return core  # particle left out
    if style < 0.9:
        return f"{core} {particle}"
    return f"{particle}{core}".replace(" ", "") if rng.random() < 0.3 else f"{particle} {core}"


def _render_name(rng: random.Random, p: _Person) -> tuple[str, str]:
    first, last = p.first, _render_surname(rng, p)
    if p.cyrillic:
        script = rng.random()
        if script < 0.25:
            pass  # Cyrillic as written in the passport
        elif script < 0.6:
            first, last = transliterate(first, "en"), transliterate(last, "en")
        else:
            first, last = transliterate(first, "nl"), transliterate(last, "nl")
    if rng.random() < 0.12:
        first = _typo(rng, first)
    if rng.random() < 0.12:
        last = _typo(rng, last)
    case = rng.random()
    if case < 0.1:
        first, last = first.upper(), last.upper()
    elif case < 0.15:
        first, last = first.lower(), last.lower()
    if rng.random() < 0.07:
        first, last = last, first
    return first, last


def _render_birth(rng: random.Random, birth: dt.date) -> str | None:
    r = rng.random()
    if r < 0.08:
        return None
    if r < 0.18:
        return str(birth.year)
    if r < 0.25 and birth.day <= 12 and birth.day != birth.month:
        return f"{birth.year:04d}-{birth.day:02d}-{birth.month:02d}"
    if r < 0.28:
        text = birth.isoformat()
        i = rng.choice((3, 6, 9))
        return text[:i] + str((int(text[i]) + rng.randint(1, 8)) % 10) + text[i + 1 :]
    return rng.choice(
        (
            birth.isoformat(),
            birth.isoformat(),
            f"{birth.day:02d}-{birth.month:02d}-{birth.year}",
            f"{birth.day}/{birth.month}/{birth.year}",
        )
    )


def _record(rng: random.Random, p: _Person, rid: str, source: str) -> dict[str, object]:
    first, last = _render_name(rng, p)
    phone = None
    if rng.random() < 0.75:
        e164 = p.phones[-1] if len(p.phones) > 1 and rng.random() < 0.5 else p.phones[0]
        phone = _format_phone(rng, e164)
    street = number = postcode = city = None
    address = p.address
    if address and rng.random() < 0.15:
        address = _address(rng)  # moved (or a different shelter / work address)
    if address and rng.random() < 0.7:
        street, number, postcode, city = address
        if rng.random() < 0.3:
            postcode = postcode[:4] + " " + postcode[4:].lower()
        if rng.random() < 0.2:
            number = number.replace(" ", "").upper()
    return {
        "record_id": rid,
        "source": source,
        "first_name": first,
        "last_name": last,
        "birth_date": _render_birth(rng, p.birth),
        "sex": p.sex if rng.random() < 0.9 else None,
        "nationality": (p.nationality if rng.random() < 0.95 else rng.choice(("NLD", "DEU")))
        if rng.random() < 0.7
        else None,
        "phone": phone,
        "street": street,
        "house_number": number,
        "postcode": postcode,
        "city": city,
        "email": p.email if p.email and rng.random() < 0.6 else None,
        "id_number": p.document if p.document and rng.random() < 0.5 else None,
        "person_id": f"p{p.pid:07d}",
    }


def _people(rng: random.Random, n_persons: int) -> list[_Person]:
    people: list[_Person] = []
    while len(people) < n_persons:
        pid = len(people)
        r = rng.random()
        if people and r < 0.12:
            # household member: same address and surname (spouse, child, sibling), own
            # first name and birth date; sometimes the shared landline-like phone
            head = rng.choice(people[-50:])
            member = _new_person(rng, pid)
            member.group, member.particle, member.surname = head.group, head.particle, head.surname
            member.cyrillic, member.nationality = head.cyrillic, head.nationality
            member.address = head.address
            if head.cyrillic and member.sex != head.sex:
                member.surname = _cyrillic_surname(rng, member.sex)
            if rng.random() < 0.3:
                member.phones = list(head.phones[:1])
            people.append(member)
        elif people and r < 0.18:
            # namesake: same first name and surname, other birth date and everything else
            other = rng.choice(people)
            namesake = _new_person(rng, pid)
            namesake.group, namesake.first, namesake.sex = other.group, other.first, other.sex
            namesake.particle, namesake.surname = other.particle, other.surname
            namesake.cyrillic, namesake.nationality = other.cyrillic, other.nationality
            people.append(namesake)
        else:
            people.append(_new_person(rng, pid))
    return people


def generate(n_records: int = 10_000, seed: int = 1) -> pd.DataFrame:
    """About ``n_records`` registrations of persons (between one and five each, most persons
    once or twice), each with a true ``person_id``. Same seed, same data."""
    rng = random.Random(seed)
    counts_weights = (50, 25, 13, 7, 5)
    mean = sum((i + 1) * w for i, w in enumerate(counts_weights)) / sum(counts_weights)
    people = _people(rng, max(1, round(n_records / mean)))
    rows: list[dict[str, object]] = []
    for person in people:
        k = rng.choices((1, 2, 3, 4, 5), weights=counts_weights)[0]
        for _ in range(k):
            source = rng.choices(SOURCES, weights=_SOURCE_WEIGHTS)[0]
            rows.append(_record(rng, person, "", source))
    rng.shuffle(rows)
    for i, row in enumerate(rows, start=1):
        row["record_id"] = f"r{i:08d}"
    return pd.DataFrame(rows)
