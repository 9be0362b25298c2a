"""Writing a person down: one registration by one organisation, in the input columns of
``zicht-link`` (docs/linkage.md), with ``person_id`` as the truth."""

from __future__ import annotations

import random

from testdata.second_generator import errors as err
from testdata.second_generator import names as nm
from testdata.second_generator import places as pl
from testdata.second_generator.population import (
    NATIONALITY_WAYS,
    SEX_WAYS,
    SOURCE_WEIGHTS,
    SOURCES,
    Person,
    Population,
    Source,
)

COLUMNS = (
    "record_id",
    "person_id",
    "source",
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "nationality",
    "phone",
    "street",
    "house_number",
    "postcode",
    "city",
    "email",
    "id_number",
)
# organisations that copy the date from a document rather than ask for it
_DOCUMENTING = {"politie", "coa", "gemeente", "arbeidsinspectie"}


def _format_date(rng: random.Random, y: int, m: int, d: int, fmt: str) -> str:
    if fmt == "iso":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if fmt == "compact":
        return f"{y:04d}{m:02d}{d:02d}"
    if fmt == "dmy-":
        return f"{d:02d}-{m:02d}-{y:04d}"
    if fmt == "dmy/":
        return f"{d}/{m}/{y:04d}"
    if fmt == "dmy.":
        return f"{d:02d}.{m:02d}.{y:04d}"
    if fmt == "dmy2":
        return f"{d:02d}-{m:02d}-{y % 100:02d}"
    if fmt == "mdy/":  # an American-style form
        return f"{m:02d}/{d:02d}/{y:04d}"
    raise ValueError(fmt)


def write_birth_date(rng: random.Random, person: Person, source: Source, year: int) -> str:
    if rng.random() > source.dob:
        return ""
    y, m, d = person.documented
    unknown = person.documented != person.born
    if unknown and source.name not in _DOCUMENTING and rng.random() < 0.6:
        # asked, not read from a document: the age the person gives, as a year
        return str(y + rng.choice([0, 0, -1]))
    if not unknown:
        y, m, d = person.born
    if rng.random() < source.dob_partial:
        kind = rng.choices(
            ["year", "ym", "my", "00", "0m", "xx", "age"], weights=[30, 10, 10, 15, 8, 5, 22]
        )[0]
        if kind == "year":
            return str(y)
        if kind == "ym":
            return f"{y:04d}-{m:02d}"
        if kind == "my":
            return f"{m:02d}-{y:04d}"
        if kind == "00":
            return f"00-00-{y:04d}"
        if kind == "0m":
            return f"00-{m:02d}-{y:04d}"
        if kind == "xx":
            return f"XX-XX-{y:04d}"
        age = year - y - (1 if rng.random() < 0.45 else 0)  # the birthday may not have come
        return str(year - age)
    x = rng.random()
    if x < 0.025 and d <= 12 and d != m:
        m, d = d, m  # day and month exchanged
    fmt = rng.choice(source.date_formats)
    text = _format_date(rng, y, m, d, fmt)
    if x > 0.97:
        text = err.digit_slip(rng, text)
    return text


def _slip(rng: random.Random, value: str, source: Source, foreign: bool) -> str:
    if not value:
        return value
    chance = source.slips * (1.6 if foreign else 1.0)
    if rng.random() < chance:
        weights = (
            {"keyboard": 0.35, "scanner": 0.1, "ear": 0.55}
            if source.foreign == "heard"
            else {"keyboard": 0.6, "scanner": 0.2, "ear": 0.2}
        )
        value = err.apply_one(rng, value, weights)
        if rng.random() < 0.1:
            value = err.apply_one(rng, value, weights)
    return value


def write_names(rng: random.Random, person: Person, source: Source) -> tuple[str, str]:
    style = {"foreign": source.foreign, "middle": source.middle, "called": source.called}
    first, last = nm.write_name(rng, person.name, style)
    foreign = person.origin != "nl"
    first = _slip(rng, first, source, foreign)
    last = _slip(rng, last, source, foreign)
    if source.name == "arbeidsinspectie":
        last = err.truncate(last, 16)
    if source.name == "politie" and rng.random() < 0.02:
        first = first[0] + "."
    swap = 0.02 + (0.04 if person.origin in ("ng", "er", "ua", "ma") else 0.0)
    if rng.random() < swap:
        first, last = last, first
    if rng.random() > source.surname:
        last = ""
    return err.letter_case(rng, first, source.capitals), err.letter_case(rng, last, source.capitals)


def _period(person: Person, year: int):
    chosen = person.periods[0]
    for period in person.periods:
        if period.start <= year:
            chosen = period
    return chosen


def write_record(
    rng: random.Random, person: Person, source: Source, year: int, record_id: str
) -> dict[str, str]:
    first, last = write_names(rng, person, source)
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        record_id=record_id,
        person_id=person.pid,
        source=source.name,
        first_name=first,
        last_name=last,
    )
    row["birth_date"] = write_birth_date(rng, person, source, year)
    if rng.random() < source.sex:
        sex = person.sex if rng.random() > 0.01 else ("m" if person.sex == "f" else "f")
        row["sex"] = rng.choice(SEX_WAYS[sex])
    if rng.random() < source.nationality:
        nat = person.nationalities[-1] if source.name == "gemeente" else person.nationalities[0]
        if len(person.nationalities) > 1 and rng.random() < 0.3:
            nat = rng.choice(person.nationalities)
        row["nationality"] = rng.choice(NATIONALITY_WAYS[nat])
    period = _period(person, year)
    address = period.address
    if source.institution and source.institution in person.institution and rng.random() < 0.85:
        address = person.institution[source.institution]
    if address is not None and rng.random() < source.address:
        row["city"] = pl.write_city(rng, address.city)
        if rng.random() >= source.city_only:
            if rng.random() < 0.95:
                row["street"] = pl.write_street(rng, address.street)
            row["house_number"] = pl.write_house_number(rng, address.number, address.addition)
            if rng.random() < 0.9:
                row["postcode"] = pl.write_postcode(rng, address.postcode)
    phone = period.phone
    agency = source.name in ("arbeidsinspectie", "gemeente", "politie")
    if person.agency_phone and agency and rng.random() < 0.6:
        phone = person.agency_phone
    if phone is not None and rng.random() < source.phone:
        text = pl.write_phone(rng, phone)
        row["phone"] = err.digit_slip(rng, text) if rng.random() < 0.02 else text
    email = person.new_email if (person.new_email and year >= 2022) else person.email
    if email and rng.random() < source.email:
        row["email"] = email if rng.random() > 0.02 else err.keyboard_slip(rng, email)
    if rng.random() < source.id_number:
        number = None
        if person.v_number and source.name in ("coa", "politie", "opvang"):
            v = person.v_number
            number = v if rng.random() < 0.7 else f"{v[:4]}.{v[4:7]}.{v[7:]}"
        elif person.passport:
            number = (
                person.new_passport if (person.new_passport and year >= 2022) else (person.passport)
            )
        if number:
            if rng.random() < 0.03:
                number = err.digit_slip(rng, number)
            elif rng.random() < 0.02:
                number = number.replace("0", "O", 1)
            row["id_number"] = number
    return row


def registrations(population: Population) -> list[dict[str, str]]:
    """Every person's registrations, the organisations chosen by the person's origin (mostly
    different ones for one person), in a shuffled order."""
    rng = population.rng
    rows = []
    serial = 0
    for person in population.persons:
        weights = list(SOURCE_WEIGHTS[person.origin])
        first_year = max(2018, person.periods[0].start if person.periods else 2018)
        for _ in range(person.records):
            source = rng.choices(SOURCES, weights=weights)[0]
            index = SOURCES.index(source)
            weights[index] *= 0.15  # the same organisation again is less likely
            year = rng.randint(first_year, 2025)
            serial += 1
            record_id = f"{source.name[:3].upper()}{population.seed}-{serial:07d}"
            rows.append(write_record(rng, person, source, year, record_id))
    rng.shuffle(rows)
    return rows
