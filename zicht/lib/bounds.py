"""What typed input may be before any code computes with it: dates within the years zicht has
any business with, and numbers written in the digits 0 to 9.

Python's date arithmetic ends at the year 9999 (a period ending 9999-12-31 cannot step a day
further) and `str.isdigit()` accepts "²", which `int()` refuses; both made pages fail with a
500 instead of answering with a message."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
_ASCII_DIGITS = re.compile(r"[0-9]+")


def within_sane_years(value: datetime.date) -> None:
    """A form validator: a date from 1900 to 2100."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise forms.ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="out_of_range",
            params={"earliest": EARLIEST_DATE.year, "latest": LATEST_DATE.year},
        )


def guard_dates(form: forms.BaseForm) -> None:
    """Give every date field of the form the sane range (call in the form's __init__)."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and within_sane_years not in field.validators:
            field.validators.append(within_sane_years)


# The largest primary key a database column (bigint) holds.
LARGEST_ID = 2**63 - 1


def as_number(value: str) -> int | None:
    """The number written in `value` with the digits 0-9 only and small enough to be a
    record's id, or None."""
    text = value.strip()
    if not _ASCII_DIGITS.fullmatch(text) or int(text) > LARGEST_ID:
        return None
    return int(text)
