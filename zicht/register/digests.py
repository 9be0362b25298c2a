"""The identifiers of a person that the register keeps, and their keyed digests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zicht.matching.pseudonyms import pseudonymise_all_versions
from zicht.register.keys import keyring
from zicht.register.models import IdentifierKind


def identifiers(values: Any) -> Iterator[tuple[str, object]]:
    """(kind, raw value) pairs of a person given as an object or a dict of form fields."""

    def get(name: str):
        return values.get(name) if isinstance(values, dict) else getattr(values, name, None)

    first, last, birth = get("first_name"), get("last_name"), get("birth_date")
    if first and last and birth:
        yield IdentifierKind.NAME_BIRTH_DATE, (first, last, birth)
    if get("phone"):
        yield IdentifierKind.PHONE, get("phone")
    if get("postcode") and get("house_number"):
        yield IdentifierKind.ADDRESS, (get("postcode"), get("house_number"))


def digests(values: Any) -> list[tuple[str, int, str]]:
    """(kind, key version, digest) under every configured key, for look-ups during rotation."""
    found = []
    for kind, value in identifiers(values):
        for pseudonym in pseudonymise_all_versions(kind, value, keyring()):
            found.append((kind, pseudonym.version, pseudonym.digest))
    return found
