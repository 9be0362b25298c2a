"""Text helpers shared by the normalisers: accept any input, fold it to ASCII."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from unidecode import unidecode

MAX_INPUT = 500  # longer input is not a name, a date or a number: reject it outright


def as_text(value: Any) -> str | None:
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
    if not text or len(text) > MAX_INPUT:
        return None
    return text


def ascii_fold(text: str) -> str:
    """Fold diacritics and transliterate other scripts (Cyrillic, Greek, ...) to ASCII."""
    text = unicodedata.normalize("NFKC", text)
    return unidecode(text)


def compact_upper(value: Any) -> str | None:
    """Capitals without spaces, dashes, dots or slashes, for numbers and plates."""
    text = as_text(value)
    if text is None:
        return None
    text = ascii_fold(text).upper()
    return re.sub(r"[\s\-./·]+", "", text)
