"""Age on a day, and the age of majority: who counts as a minor (under 18)."""

from __future__ import annotations

import datetime

ADULT_AGE = 18


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def is_minor_on(birth_date: datetime.date | None, day: datetime.date) -> bool:
    """False when the birth date is not known."""
    return birth_date is not None and age_on(birth_date, day) < ADULT_AGE
