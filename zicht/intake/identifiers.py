"""Exact keys for the hub's "already known?" check: name, phone and address.

The normalisation itself is the linkage module's (one set of rules for the
known-check and the batch linkage); these helpers only shape the stored keys.
"""

from __future__ import annotations

from zicht.matching.normalise import (
    normalise_first_name,
    normalise_house_number,
    normalise_phone,
    normalise_postcode,
    normalise_surname,
)

# The column `InvolvedPerson.name_key`. Normalising can make a name longer than typed ("ß"
# becomes "ss", a ligature two or three letters), so each half is cut to fit: two names that
# agree in their first 99 and 100 letters are the same key, which only widens a look-up.
NAME_KEY_LENGTH = 200
_FIRST_NAME_KEY_LENGTH = (NAME_KEY_LENGTH - 1) // 2


def name_key(first_name: str, last_name: str) -> str:
    """The key `first|surname-core`, without accents or particles; empty when either is missing.

    "Anna van der Berg" and "anna Berg, van der" give the same key."""
    first = normalise_first_name(first_name)
    surname = normalise_surname(last_name)
    if not (first and surname):
        return ""
    first = first[:_FIRST_NAME_KEY_LENGTH]
    return f"{first}|{surname.core[: NAME_KEY_LENGTH - len(first) - 1]}"


def phone_key(phone: str) -> str:
    """The phone number in E.164 form (Dutch numbers by default), or empty."""
    return normalise_phone(phone) or ""


def address_key(postcode: str, house_number: str) -> str:
    """Dutch postcode + house number ("1234AB-12A"), or empty when incomplete."""
    code = normalise_postcode(postcode)
    number = normalise_house_number(house_number)
    if not code or len(code) != 6 or not number:  # a partial postcode is no exact address
        return ""
    return f"{code}-{number[0]}{number[1]}"
