"""Dates of birth, also partial (year only, year and month) and with day and month swapped."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from zicht.matching.normalise.text import as_text


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
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2})$"), "dmyy"),
)


def normalise_birth_date(value: Any) -> BirthDate | None:
    """Parse a date of birth written as ``YYYY-MM-DD``, ``YYYYMMDD``, ``DD-MM-YYYY``,
    ``DD/MM/YYYY``, ``DD-MM-YY`` (the latest such year not in the future), ``YYYY-MM``,
    ``MM-YYYY`` or ``YYYY``. Unknown parts written as ``00`` or
    ``XX`` make a partial date; a month above 12 with a day of 12 or less is read as a
    day/month swap. Years before 1900 or in the future give None."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _build_date(value.year, value.month, value.day)
    text = as_text(value)
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
        if order == "dmyy":  # a two-digit year: the latest year that is not in the future
            year = (2000 if 2000 + parts[2] <= _max_year() else 1900) + parts[2]
            day, month = parts[0], parts[1]
            if not (_valid_date(year, month, day) or _valid_date(year, day, month)):
                return None  # "31-31-31" is no date: too short to read a year from alone
            return _build_date(year, month, day)
        if order == "ym":
            return _build_date(parts[0], parts[1], None)
        if order == "my":
            return _build_date(parts[1], parts[0], None)
        return _build_date(parts[0], None, None)
    return None
