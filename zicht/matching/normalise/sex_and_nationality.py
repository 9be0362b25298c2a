"""Sex and nationality of a person."""

from __future__ import annotations

import re
from typing import Any

from zicht.matching.normalise.text import as_text, ascii_fold


def normalise_sex(value: Any) -> str | None:
    """ "m", "f" or "x" from Dutch and English spellings (man/vrouw/m/v/male/female/x)."""
    text = as_text(value)
    if text is None:
        return None
    text = ascii_fold(text).strip().lower()
    if text in {"m", "man", "male", "mannelijk", "jongen", "boy"}:
        return "m"
    if text in {"v", "f", "vrouw", "female", "woman", "vrouwelijk", "meisje", "girl"}:
        return "f"
    if text in {"x", "o", "other", "anders", "non-binary", "nonbinary"}:
        return "x"
    return None


def normalise_nationality(value: Any) -> str | None:
    """Nationality as upper-case letters (an ISO code stays an ISO code), or None."""
    text = as_text(value)
    if text is None:
        return None
    text = re.sub(r"[^A-Z]", "", ascii_fold(text).upper())
    return text if 2 <= len(text) <= 40 else None
