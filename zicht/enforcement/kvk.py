"""The Chamber of Commerce (KvK) number of an establishment.

What is checked, and why no more: the KvK number is eight digits ("Het KvK-nummer bestaat uit
8 cijfers", kvk.nl, "Wat is een KvK-nummer?"). Numbers issued before 2016 happened to pass
the eleven-test (elfproef), but the KvK no longer issues numbers that do, so an eleven-test
would refuse real numbers; it is not applied. A number of eight zeros is not issued and is
refused. Spaces and dots that people type between the digits are removed first."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s.]")
_EIGHT_DIGITS = re.compile(r"\d{8}")


def normalise_kvk(value: str) -> str:
    """The number without the spaces and dots people type in it."""
    return _SEPARATORS.sub("", value or "")


def validate_kvk(value: str) -> None:
    """Raise a ValidationError (in Dutch on a Dutch page) unless `value` is a KvK number."""
    number = normalise_kvk(value)
    if not _EIGHT_DIGITS.fullmatch(number) or number == "00000000":
        raise ValidationError(
            _("A Chamber of Commerce (KvK) number is eight digits, for example 12345678."),
            code="kvk",
        )
