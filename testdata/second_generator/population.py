"""Persons, the households and houses they live in, their moves, and the registrations that
organisations make of them.

A person has a true name, a date of birth (sometimes only known as a year, or documented as
1 January of an estimated year), an address history, phone numbers over time, documents.
Some persons live together: families (a married couple, children, now and then twins, a son
named after his father), adult siblings, migrant workers housed by an agency, and persons in
a shelter or a reception centre, whose registrations carry the institution's address.
Every registration is written by one organisation, with that organisation's habits: which
fields it asks, how it writes names, dates and numbers, and the mistakes it makes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from testdata.second_generator import errors as err
from testdata.second_generator import names as nm
from testdata.second_generator import places as pl

ORIGINS = {
    "nl": 0.38,
    "tr": 0.07,
    "ma": 0.09,
    "pl": 0.10,
    "ro": 0.09,
    "ua": 0.09,
    "ng": 0.10,
    "er": 0.08,
}
FEMALE_SHARE = {
    "nl": 0.72,
    "tr": 0.55,
    "ma": 0.55,
    "pl": 0.4,
    "ro": 0.45,
    "ua": 0.68,
    "ng": 0.85,
    "er": 0.5,
}
# persons who came through the asylum procedure get a foreigner's number (V-nummer) that
# the police, the reception centre and the immigration service all use
ASYLUM_SHARE = {
    "nl": 0.0,
    "tr": 0.05,
    "ma": 0.15,
    "pl": 0.0,
    "ro": 0.0,
    "ua": 0.6,
    "ng": 0.55,
    "er": 0.95,
}
# share of persons whose exact date of birth is not known (documents say 1 January)
UNKNOWN_DATE_SHARE = {
    "nl": 0.0,
    "tr": 0.02,
    "ma": 0.08,
    "pl": 0.0,
    "ro": 0.01,
    "ua": 0.0,
    "ng": 0.25,
    "er": 0.45,
}
NATIONALITY_WAYS = {
    "nl": ["NL", "NLD", "Nederlandse", "Nederland", "Dutch", "nederlands"],
    "tr": ["TR", "TUR", "Turkse", "Turks", "Turkije", "Turkish"],
    "ma": ["MA", "MAR", "Marokkaanse", "Marokko", "Moroccan"],
    "pl": ["PL", "POL", "Poolse", "Polen", "Polish"],
    "ro": ["RO", "ROU", "Roemeense", "Roemenië", "Romanian"],
    "ua": ["UA", "UKR", "Oekraïense", "Oekraïne", "Ukrainian"],
    "ng": ["NG", "NGA", "Nigeriaanse", "Nigeria", "Nigerian"],
    "er": ["ER", "ERI", "Eritrese", "Eritrea", "Eritrean"],
}
SEX_WAYS = {
    "m": ["M", "M", "man", "Man", "male", "m"],
    "f": ["V", "V", "vrouw", "F", "female", "v"],
}
EMAIL_DOMAINS = [
    "gmail.com",
    "gmail.com",
    "hotmail.com",
    "outlook.com",
    "live.nl",
    "yahoo.com",
    "ziggo.nl",
    "kpnmail.nl",
    "icloud.com",
    "mail.ru",
    "wp.pl",
    "yahoo.fr",
    "ukr.net",
    "o2.pl",
]


@dataclass
class Source:
    """An organisation's habits: how often it fills each field and how it writes."""

    name: str
    dob: float  # a date of birth written at all
    dob_partial: float  # of those, only part of it (year, month and year, 00-00)
    id_number: float
    nationality: float
    address: float
    city_only: float  # of the addresses, only the city
    phone: float
    email: float
    sex: float
    surname: float  # a surname at all (some know a person by first name only)
    foreign: str  # "native", "ascii" or "heard"
    middle: float  # middle names / patronymics written with the first name
    called: float  # the name a person goes by rather than the official one
    capitals: float
    slips: float  # chance of a slip in each name field
    date_formats: tuple[str, ...]
    institution: str = ""  # "shelter" or "reception": writes the institution's address


SOURCES = (
    Source(
        "politie",
        0.96,
        0.03,
        0.55,
        0.85,
        0.7,
        0.05,
        0.55,
        0.05,
        0.97,
        1.0,
        "native",
        0.5,
        0.05,
        0.55,
        0.03,
        ("dmy-", "iso", "dmy-"),
    ),
    Source(
        "coa",
        0.98,
        0.02,
        0.9,
        1.0,
        0.95,
        0.0,
        0.45,
        0.02,
        0.99,
        0.99,
        "ascii",
        0.35,
        0.0,
        0.6,
        0.03,
        ("iso", "compact"),
        institution="reception",
    ),
    Source(
        "gemeente",
        0.9,
        0.04,
        0.3,
        0.6,
        0.95,
        0.02,
        0.7,
        0.35,
        0.9,
        1.0,
        "native",
        0.3,
        0.05,
        0.15,
        0.04,
        ("dmy-", "dmy/", "iso"),
    ),
    Source(
        "opvang",
        0.6,
        0.3,
        0.05,
        0.8,
        0.7,
        0.1,
        0.85,
        0.15,
        0.7,
        0.85,
        "heard",
        0.1,
        0.35,
        0.05,
        0.08,
        ("dmy-", "dmy/", "dmy.", "dmy2"),
        institution="shelter",
    ),
    Source(
        "arbeidsinspectie",
        0.85,
        0.05,
        0.7,
        0.95,
        0.85,
        0.05,
        0.6,
        0.05,
        0.9,
        1.0,
        "ascii",
        0.2,
        0.05,
        0.3,
        0.05,
        ("iso", "dmy-", "mdy/"),
    ),
    Source(
        "zorg",
        0.7,
        0.12,
        0.05,
        0.5,
        0.5,
        0.15,
        0.8,
        0.4,
        0.8,
        0.9,
        "heard",
        0.15,
        0.25,
        0.05,
        0.07,
        ("dmy-", "dmy/", "dmy."),
    ),
    Source(
        "comensha",
        0.8,
        0.12,
        0.2,
        0.9,
        0.6,
        0.6,
        0.3,
        0.05,
        0.95,
        0.97,
        "ascii",
        0.25,
        0.1,
        0.1,
        0.04,
        ("iso", "dmy-"),
    ),
)
SOURCE_WEIGHTS = {  # which organisations meet persons of each origin
    "nl": [4, 0, 5, 2, 0.3, 5, 2],
    "tr": [4, 0.3, 4, 2, 0.5, 3, 2],
    "ma": [4, 1, 4, 2, 0.5, 3, 2],
    "pl": [3, 0, 2, 1.5, 6, 1.5, 2],
    "ro": [3.5, 0, 2, 2, 5, 1.5, 2],
    "ua": [2.5, 4, 2, 2.5, 2.5, 2, 2],
    "ng": [3.5, 4, 1, 4, 0.5, 3, 3],
    "er": [2, 6, 2, 2, 1, 2, 2],
}


@dataclass
class Period:
    start: int  # the year this address and phone started
    address: pl.Address | None
    phone: tuple[str, str] | None


@dataclass
class Person:
    pid: str
    name: nm.TrueName
    sex: str
    born: tuple[int, int, int]  # the true date
    documented: tuple[int, int, int]  # what documents say (1 January when not known)
    origin: str
    nationalities: list[str]
    periods: list[Period] = field(default_factory=list)
    passport: str | None = None
    new_passport: str | None = None  # after a renewal
    v_number: str | None = None
    email: str | None = None
    new_email: str | None = None
    records: int = 1
    agency_phone: tuple[str, str] | None = None  # the employment agency's number
    institution: dict = field(default_factory=dict)  # kind -> Address


class Population:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.seed = seed
        self.places = pl.Places(self.rng)
        self.persons: list[Person] = []
        self.shelters = [self.places.draw() for _ in range(6)]
        self.reception = [
            self.places.draw(c) for c in ("Ter Apel", "Budel", "Zaandam", "Amsterdam", "Enschede")
        ]
        self.agencies = [pl.new_phone(self.rng, "nl") for _ in range(12)]

    # ----------------------------------------------------------------- persons
    def _origin(self) -> str:
        return self.rng.choices(list(ORIGINS), weights=list(ORIGINS.values()))[0]

    def _birth(self, low: int | None = None, high: int | None = None) -> tuple[int, int, int]:
        rng = self.rng
        if low is None:
            registered = rng.randint(2018, 2025)
            age = rng.choices(
                [
                    rng.randint(13, 17),
                    rng.randint(18, 25),
                    rng.randint(26, 35),
                    rng.randint(36, 62),
                ],
                weights=[10, 42, 30, 18],
            )[0]
            year = registered - age
        else:
            year = rng.randint(low, high or low)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28 if month == 2 else (30 if month in (4, 6, 9, 11) else 31))
        return year, month, day

    def _records(self) -> int:
        return self.rng.choices([1, 2, 3, 4, 5, 6, 7], weights=[50, 26, 12, 6, 3, 2, 1])[0]

    def new_person(
        self,
        origin: str,
        sex: str | None = None,
        born: tuple[int, int, int] | None = None,
        name: nm.TrueName | None = None,
    ) -> Person:
        rng = self.rng
        sex = sex or ("f" if rng.random() < FEMALE_SHARE[origin] else "m")
        born = born or self._birth()
        name = name or nm.draw_origin_name(rng, origin, sex, born[0])
        documented = born
        if rng.random() < UNKNOWN_DATE_SHARE[origin]:
            year = born[0] + rng.choice([0, 0, 0, -1, 1])
            documented = (year, 1, 1)
        nationalities = [origin]
        if origin in ("tr", "ma") and born[0] > 1985 and rng.random() < 0.5:
            nationalities.append("nl")  # born here: Dutch and the parents' nationality
        person = Person(
            pid=f"s{self.seed}-{len(self.persons):06d}",
            name=name,
            sex=sex,
            born=born,
            documented=documented,
            origin=origin,
            nationalities=nationalities,
            records=self._records(),
        )
        if rng.random() < (0.75 if origin != "er" else 0.25):
            person.passport = self._document(origin)
            if rng.random() < 0.12:
                person.new_passport = self._document(origin)
        if rng.random() < ASYLUM_SHARE[origin]:
            person.v_number = "".join(rng.choice("0123456789") for _ in range(10))
        if rng.random() < (0.55 if born[0] > 1975 else 0.3):
            person.email = self._email(person)
            if rng.random() < 0.25:
                person.new_email = self._email(person)
        self.persons.append(person)
        return person

    def _document(self, origin: str) -> str:
        rng = self.rng
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        digits = "0123456789"
        if origin == "nl":  # Dutch passport / identity card: 2 letters, 6 characters, a digit
            chars = letters + digits
            return (
                "".join(rng.choice(letters) for _ in range(2))
                + "".join(rng.choice(chars) for _ in range(6))
                + rng.choice(digits)
            )
        if origin == "pl":
            return "".join(rng.choice(letters) for _ in range(3)) + "".join(
                rng.choice(digits) for _ in range(6)
            )
        if origin in ("ro", "ua"):
            return "".join(rng.choice(letters) for _ in range(2)) + "".join(
                rng.choice(digits) for _ in range(6)
            )
        if origin == "ng":
            return rng.choice("ABD") + "".join(rng.choice(digits) for _ in range(8))
        return "".join(rng.choice(letters) for _ in range(1 + rng.randint(0, 1))) + "".join(
            rng.choice(digits) for _ in range(7)
        )

    def _email(self, person: Person) -> str:
        rng = self.rng
        first = err.fold_diacritics(person.name.given).lower()
        last = err.fold_diacritics(person.name.surname or person.name.given).lower()
        if person.origin == "ua":
            first = nm.transliterate(person.name.given, "english").lower()
            last = nm.transliterate(person.name.surname, "english").lower()
        last = last.replace(" ", "")
        pattern = rng.choice(["{f}.{l}", "{f}{l}", "{f}{n}", "{f}_{l}{n}", "{l}{f}", "{f}{y}"])
        local = pattern.format(f=first, l=last, n=rng.randint(1, 999), y=person.born[0] % 100)
        return f"{local}@{rng.choice(EMAIL_DOMAINS)}"

    def give_home(self, person: Person, address: pl.Address | None, phone=None) -> None:
        """The person's address and phone history: some move, most change phones."""
        rng = self.rng
        start = rng.randint(2015, 2020)
        phone_country = person.origin if rng.random() < 0.35 and person.origin != "nl" else "nl"
        phone = phone or pl.new_phone(rng, phone_country)
        address = (
            address if address is not None else (self.places.draw() if rng.random() < 0.9 else None)
        )
        person.periods = [Period(start, address, phone)]
        moves = rng.choices([0, 1, 2], weights=[55, 33, 12])[0]
        year = start
        for _ in range(moves):
            year += rng.randint(1, 3)
            last = person.periods[-1]
            new_address = (
                self.places.draw_near(last.address) if last.address else self.places.draw()
            )
            new_phone = pl.new_phone(rng, "nl") if rng.random() < 0.5 else last.phone
            person.periods.append(Period(year, new_address, new_phone))
        # victims often change prepaid numbers without moving
        if rng.random() < 0.3:
            person.periods.append(
                Period(
                    year + rng.randint(1, 2), person.periods[-1].address, pl.new_phone(rng, "nl")
                )
            )

    # ----------------------------------------------------------------- groups
    def single(self) -> None:
        person = self.new_person(self._origin())
        self.give_home(person, None)

    def family(self) -> None:
        """A couple and their children at one address, sharing a home phone now and then;
        twins among the children now and then; a son named after his father."""
        rng = self.rng
        origin = rng.choice(["nl", "nl", "tr", "ma", "pl", "ro", "ua", "ng", "er"])
        father_born = self._birth(1958, 1985)
        father = self.new_person(origin, "m", father_born)
        mother_born = self._birth(father_born[0] - 4, father_born[0] + 6)
        mother_name = nm.draw_origin_name(rng, origin, "f", mother_born[0])
        if origin in ("nl", "tr", "pl") and rng.random() < 0.7:
            mother_name.married = (father.name.particle, father.name.surname)
        if origin == "er":  # the mother keeps her own father's and grandfather's names
            pass
        mother = self.new_person(origin, "f", mother_born, mother_name)
        home = self.places.draw()
        home_phone = pl.new_phone(rng, "nl")
        for parent in (father, mother):
            self.give_home(parent, home, home_phone if rng.random() < 0.4 else None)
        n_children = rng.choices([1, 2, 3, 4], weights=[3, 4, 2, 1])[0]
        first_child_year = mother_born[0] + rng.randint(19, 32)
        children: list[Person] = []
        twins_at = rng.randrange(n_children) if n_children >= 2 and rng.random() < 0.25 else -1
        year = first_child_year
        for i in range(n_children):
            if i == twins_at + 1 and twins_at >= 0:
                born = children[-1].born  # a twin
            else:
                born = self._birth(year, year)
                year += rng.randint(1, 4)
            if born[0] > 2010:
                break
            sex = "f" if rng.random() < 0.5 else "m"
            name = nm.draw_origin_name(rng, origin, sex, born[0])
            name.particle, name.surname = father.name.particle, father.name.surname
            if origin == "pl":
                name.surname = (
                    father.name.extra["other_form"] if sex == "f" else father.name.surname
                )
                name.extra["other_form"] = (
                    father.name.surname if sex == "f" else father.name.extra["other_form"]
                )
            if origin == "er":  # the father's given name, the grandfather's
                name.surname = name.patronymic = father.name.given
                name.grandfather = father.name.patronymic
            if origin == "ua":
                name.patronymic = nm.ua_patronymic(father.name.given, sex)
            if origin == "nl" and sex == "m" and i == 0 and rng.random() < 0.3:
                name.given = father.name.given  # named after his father
            if i == twins_at + 1 and twins_at >= 0 and rng.random() < 0.3:
                name.given = _similar_twin_name(rng, children[-1].name.given, name.given)
            child = self.new_person(origin, sex, born, name)
            # children live at home for a while; some left and moved on
            self.give_home(child, home, home_phone if rng.random() < 0.3 else None)
            children.append(child)

    def siblings(self) -> None:
        """Adult brothers and sisters who came together and are registered together."""
        rng = self.rng
        origin = rng.choice(["ng", "er", "ro", "ua", "ma", "pl", "nl"])
        first = self.new_person(origin)
        address = self.places.draw()
        self.give_home(first, address)
        for _ in range(rng.choice([1, 1, 2])):
            sex = "f" if rng.random() < FEMALE_SHARE[origin] else "m"
            if rng.random() < 0.2:
                born = first.born  # twins
            else:
                born = self._birth(first.born[0] - 6, first.born[0] + 6)
            name = nm.draw_origin_name(rng, origin, sex, born[0])
            name.particle, name.surname = first.name.particle, first.name.surname
            name.patronymic, name.grandfather = first.name.patronymic, first.name.grandfather
            if origin == "pl":
                base = first.name.surname if first.sex == "m" else first.name.extra["other_form"]
                other = first.name.extra["other_form"] if first.sex == "m" else first.name.surname
                name.surname, name.extra["other_form"] = (
                    (base, other) if sex == "m" else (other, base)
                )
            if origin == "ua":
                # brothers and sisters have one patronymic, in its male or female form
                name.patronymic = first.name.patronymic
                if first.sex != sex and name.patronymic:
                    name.patronymic = (
                        name.patronymic[:-4] + "івна"
                        if sex == "f"
                        else name.patronymic[:-4] + "ович"
                    )
            sibling = self.new_person(origin, sex, born, name)
            self.give_home(sibling, address if rng.random() < 0.8 else None)

    def workers_house(self) -> None:
        """Migrant workers housed by an employment agency: one address, many unrelated persons,
        and the agency's phone number given for several of them."""
        rng = self.rng
        address = self.places.draw(
            rng.choice(["Naaldwijk", "Venlo", "Tilburg", "Almelo", "Hengelo", "Rotterdam", "Breda"])
        )
        agency = rng.choice(self.agencies)
        for _ in range(rng.randint(4, 12)):
            origin = rng.choice(["pl", "pl", "ro", "ro", "ua", "nl"])
            person = self.new_person(origin)
            self.give_home(person, address)
            if rng.random() < 0.5:
                person.agency_phone = agency

    def build(self, n_records: int) -> None:
        total = 0
        while total < n_records:
            before = len(self.persons)
            kind = self.rng.choices(
                ["single", "family", "siblings", "workers"], weights=[78, 8, 9, 2.5]
            )[0]
            getattr(
                self,
                {
                    "single": "single",
                    "family": "family",
                    "siblings": "siblings",
                    "workers": "workers_house",
                }[kind],
            )()
            for person in self.persons[before:]:
                if self.rng.random() < 0.3:
                    kind_ = "shelter" if self.rng.random() < 0.6 else "reception"
                    pool = self.shelters if kind_ == "shelter" else self.reception
                    person.institution[kind_] = self.rng.choice(pool)
                total += person.records


def _similar_twin_name(rng: random.Random, other: str, fallback: str) -> str:
    """Twins given names that rhyme or differ by a letter (Fleur and Floor, Hasan and Hüseyin)."""
    pairs = {
        "Fleur": "Floor",
        "Floor": "Fleur",
        "Hasan": "Hüseyin",
        "Hüseyin": "Hasan",
        "Daan": "Dean",
        "Tess": "Tessa",
        "Sara": "Sarah",
        "Precious": "Prosper",
        "Joy": "Joyce",
        "Milan": "Mila",
        "Mila": "Milan",
        "Noa": "Noah",
        "Lars": "Lasse",
        "Anna": "Hanna",
        "Yonas": "Yosef",
        "Saba": "Sara",
        "Mehmet": "Ahmet",
        "Ahmet": "Mehmet",
        "Andrei": "Andreea",
        "Ionuț": "Ionela",
        "Emma": "Emmy",
    }
    return pairs.get(other, fallback)
