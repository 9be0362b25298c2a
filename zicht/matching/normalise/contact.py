"""Phone numbers and e-mail addresses."""

from __future__ import annotations

import re
from typing import Any

import phonenumbers

from zicht.matching.normalise.text import as_text


def normalise_phone(
    value: Any, default_region: str = "NL", *, possible: bool = False
) -> str | None:
    """E.164 form (``+31612345678``) of a phone number written in any national or
    international format; numbers without a country code are read as Dutch.

    The number must be valid (in a range that is issued); with ``possible=True`` a number of
    a possible length is enough unless its digits are all the same (linkage compares the
    numbers as written: a number in a range ``phonenumbers`` does not know, or mistyped into
    one, is still the same number on two records)."""
    text = as_text(value)
    if text is None or len(text) > 40:
        return None
    text = text.replace("(0)", "")
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException:
        return None
    except Exception:
        return None
    if not phonenumbers.is_valid_number(number):
        if not possible or not phonenumbers.is_possible_number(number):
            return None
        if len(set(str(number.national_number)[2:])) < 2:  # 06-00000000: a placeholder
            return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_EMAIL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$")


def normalise_email(value: Any) -> str | None:
    """Lower-case e-mail address; for Gmail the dots and the ``+tag`` of the local part are
    dropped (Gmail ignores them). Anything that is not an address gives None."""
    text = as_text(value)
    if text is None:
        return None
    text = text.strip().strip("<>").lower()
    if text.startswith("mailto:"):
        text = text[7:]
    if not _EMAIL.match(text) or ".." in text:
        return None
    local, _, domain = text.rpartition("@")
    if domain in {"gmail.com", "googlemail.com"}:
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    if not local:
        return None
    return f"{local}@{domain}"
