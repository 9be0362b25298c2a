"""Exact keys for the hub's "already known?" check: name, phone and address."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", " ", stripped.lower()).strip()


def name_key(first_name: str, last_name: str) -> str:
    """Lower-cased, accent-free "first last"; empty when either part is missing."""
    first, last = _fold(first_name or ""), _fold(last_name or "")
    return f"{first}|{last}" if first and last else ""


def phone_key(phone: str, region: str = "NL") -> str:
    """The phone number in E.164 form, or empty when it is not a possible number."""
    if not phone or not phone.strip():
        return ""
    try:
        parsed = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(parsed):
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def address_key(postcode: str, house_number: str) -> str:
    """Dutch postcode + house number ("1234AB-12A"), or empty when incomplete."""
    code = re.sub(r"\s+", "", postcode or "").upper()
    number = re.sub(r"\s+", "", house_number or "").upper()
    if not re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", code) or not re.match(r"[0-9]+", number):
        return ""
    return f"{code}-{number}"
