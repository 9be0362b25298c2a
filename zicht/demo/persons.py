"""Synthetic persons for the demo's reports: names, birth dates and identifiers drawn
from a seeded random generator, so that the same seed gives the same people.

Figures follow DOMAIN.md: about 85% of presumed victims are women, most in their twenties.
"""

from __future__ import annotations

import datetime
import random

from zicht.intake.vocabulary import PersonRole, Sex

FIRST_NAMES_F = [
    "Anna",
    "Maria",
    "Ioana",
    "Elena",
    "Svetlana",
    "Oksana",
    "Joy",
    "Blessing",
    "Agnieszka",
    "Katarzyna",
    "Fatima",
    "Sanne",
    "Lisa",
    "Mihaela",
    "Yana",
    "Lin",
]
FIRST_NAMES_M = [
    "Piotr",
    "Andrei",
    "Ion",
    "Mohamed",
    "Dmytro",
    "Tomasz",
    "Kevin",
    "Daan",
    "Georgi",
    "Ahmet",
    "Wei",
    "Samuel",
]
LAST_NAMES = [
    "Kowalska",
    "Popescu",
    "Ivanova",
    "Nowak",
    "de Vries",
    "van der Berg",
    "Jansen",
    "Okafor",
    "Shevchenko",
    "Georgieva",
    "Yilmaz",
    "Bakker",
    "Dumitru",
    "Chen",
    "el Amrani",
    "Horvath",
    "Visser",
    "Kovalenko",
    "Petrov",
    "Smit",
]
POSTCODE_LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"
NATIONALITIES = ["NL", "NL", "NL", "PL", "RO", "BG", "HU", "UA", "NG", "MA", "TR", "CN", "VN"]


def synthetic_person(rng: random.Random, role: str, year: int) -> dict:
    """The fields of one involved person (the keyword arguments of ``PersonData``)."""
    female = rng.random() < 0.85 if role == PersonRole.PRESUMED_VICTIM else rng.random() < 0.2
    age = (
        max(14, int(rng.gauss(28, 8)))
        if role == PersonRole.PRESUMED_VICTIM
        else rng.randint(22, 55)
    )
    birth = datetime.date(year - age, rng.randint(1, 12), rng.randint(1, 28))
    return {
        "role": role,
        "first_name": rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M),
        "last_name": rng.choice(LAST_NAMES),
        "birth_date": birth if rng.random() < 0.7 else None,
        "sex": Sex.FEMALE if female else Sex.MALE,
        "nationality": rng.choice(NATIONALITIES),
        "phone": f"06{rng.randint(10000000, 99999999)}" if rng.random() < 0.5 else "",
        "postcode": f"{rng.randint(1000, 9999)}{''.join(rng.choices(POSTCODE_LETTERS, k=2))}"
        if rng.random() < 0.4 else "",
        "house_number": str(rng.randint(1, 200)),
    }  # fmt: skip
