"""Keyed pseudonyms (HMAC-SHA256) of normalised exact identifiers.

What organisations compare across the region is the pseudonym, never the identifier. Keys are
held outside the database and are versioned:

* ``ZICHT_PSEUDONYM_KEYS="v1:<base64>,v2:<base64>"``, or
* ``ZICHT_PSEUDONYM_KEY_FILE=/path/to/file`` with one ``version:<base64>`` pair per line
  (blank lines and ``#`` comments allowed).

The newest version (highest number) signs new pseudonyms; every version can still be computed,
so stored pseudonyms can be recomputed under a new key (rotation) and look-ups during a rotation
can try all versions. A pseudonym carries the version of the key that made it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zicht.matching import normalise as n

__all__ = [
    "KINDS",
    "KeyRing",
    "Pseudonym",
    "PseudonymKeyError",
    "normalise_identifier",
    "pseudonymise",
    "pseudonymise_all_versions",
    "rotate",
]

MIN_KEY_BYTES = 32


class PseudonymKeyError(RuntimeError):
    """The pseudonym keys are missing or malformed (a configuration error, not bad input)."""


def _name_and_birth_date(value: Any) -> str | None:
    """``(first_name, last_name, birth_date)`` → ``"<first key>|<surname core key>|<iso>"``;
    only with a full date of birth, because a name with a year only is not an identifier."""
    if not isinstance(value, tuple | list) or len(value) != 3:
        return None
    first, last, birth = value
    surname = n.normalise_surname(last)
    first_key = n.name_key(first)
    date = n.normalise_birth_date(birth)
    if surname is None or first_key is None or date is None or not date.is_full:
        return None
    last_key = n.name_key(surname.core)
    if last_key is None:
        return None
    return f"{first_key.split()[0]}|{last_key}|{date.iso}"


def _address(value: Any) -> str | None:
    """``(postcode, house_number)`` or a ready ``"1234AB|12|A"`` key → the address key."""
    if isinstance(value, tuple | list) and len(value) == 2:
        address = n.normalise_address(None, value[1], value[0], None)
        return address.key if address else None
    if isinstance(value, str):
        match = re.fullmatch(r"\s*([^|]+)\|([^|]+)\|?([^|]*)\s*", value)
        if match:
            address = n.normalise_address(
                None, f"{match.group(2)} {match.group(3)}".strip(), match.group(1), None
            )
            return address.key if address else None
    return None


#: Identifier kinds that can be pseudonymised, each with its normaliser.
KINDS: Mapping[str, Callable[[Any], str | None]] = {
    "bsn": n.normalise_bsn,
    "phone": n.normalise_phone,
    "email": n.normalise_email,
    "iban": n.normalise_iban,
    "kvk": n.normalise_kvk,
    "licence_plate": n.normalise_licence_plate,
    "document_number": n.normalise_document_number,
    "address": _address,
    "name_birth_date": _name_and_birth_date,
}


def normalise_identifier(kind: str, value: Any) -> str | None:
    """The normalised form of ``value`` as identifier ``kind``, or None if it is not valid."""
    try:
        normaliser = KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown identifier kind {kind!r}; known: {', '.join(KINDS)}") from None
    return normaliser(value)


@dataclass(frozen=True, order=True)
class Pseudonym:
    """A keyed hash: ``version`` is the key version, ``digest`` the hex HMAC-SHA256."""

    version: int
    digest: str

    def __str__(self) -> str:
        return f"v{self.version}:{self.digest}"

    @classmethod
    def parse(cls, text: str) -> Pseudonym:
        match = re.fullmatch(r"v(\d+):([0-9a-f]{64})", text.strip())
        if not match:
            raise ValueError("not a pseudonym")
        return cls(int(match.group(1)), match.group(2))


def _parse_key_spec(spec: str) -> dict[int, bytes]:
    keys: dict[int, bytes] = {}
    for raw in re.split(r"[,\n]", spec):
        item = raw.strip()
        if not item or item.startswith("#"):
            continue
        match = re.fullmatch(r"v?(\d+)\s*:\s*(\S+)", item)
        if not match:
            raise PseudonymKeyError("pseudonym key entries must look like v1:<base64>")
        version = int(match.group(1))
        try:
            secret = base64.b64decode(match.group(2), validate=True)
        except (binascii.Error, ValueError):
            raise PseudonymKeyError(f"pseudonym key v{version} is not valid base64") from None
        if len(secret) < MIN_KEY_BYTES:
            raise PseudonymKeyError(
                f"pseudonym key v{version} has {len(secret)} bytes; at least {MIN_KEY_BYTES}"
            )
        if version in keys:
            raise PseudonymKeyError(f"pseudonym key v{version} is given twice")
        keys[version] = secret
    if not keys:
        raise PseudonymKeyError("no pseudonym keys configured")
    return keys


class KeyRing:
    """The versioned pseudonym keys. The newest version signs."""

    def __init__(self, keys: Mapping[int, bytes]):
        if not keys:
            raise PseudonymKeyError("no pseudonym keys configured")
        self._keys = dict(keys)

    @classmethod
    def from_spec(cls, spec: str) -> KeyRing:
        return cls(_parse_key_spec(spec))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> KeyRing:
        env = os.environ if environ is None else environ
        spec = env.get("ZICHT_PSEUDONYM_KEYS", "").strip()
        path = env.get("ZICHT_PSEUDONYM_KEY_FILE", "").strip()
        if spec:
            return cls.from_spec(spec)
        if path:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as exc:
                raise PseudonymKeyError(f"cannot read pseudonym key file: {exc.strerror}") from None
            return cls.from_spec(text)
        raise PseudonymKeyError("set ZICHT_PSEUDONYM_KEYS or ZICHT_PSEUDONYM_KEY_FILE")

    @property
    def versions(self) -> list[int]:
        return sorted(self._keys)

    @property
    def current_version(self) -> int:
        return max(self._keys)

    def key(self, version: int) -> bytes:
        try:
            return self._keys[version]
        except KeyError:
            raise PseudonymKeyError(f"pseudonym key v{version} is not configured") from None

    def subkey(self, version: int, purpose: str) -> bytes:
        """A key derived per purpose (identifier kind, Bloom field), so that equal values of
        different kinds never share a pseudonym."""
        return hmac.new(self.key(version), b"zicht/" + purpose.encode(), hashlib.sha256).digest()

    def digest(self, version: int, kind: str, normalised: str) -> str:
        return hmac.new(
            self.subkey(version, "pseudonym/" + kind), normalised.encode("utf-8"), hashlib.sha256
        ).hexdigest()


def pseudonymise(
    kind: str, value: Any, keyring: KeyRing | None = None, version: int | None = None
) -> Pseudonym | None:
    """Pseudonym of ``value`` as identifier ``kind`` (see :data:`KINDS`) under the newest key
    (or the given ``version``). The value is normalised first; None when it is not a valid
    identifier of that kind. Keys come from the environment unless ``keyring`` is given."""
    normalised = normalise_identifier(kind, value)
    if normalised is None:
        return None
    ring = keyring or KeyRing.from_env()
    use = ring.current_version if version is None else version
    return Pseudonym(use, ring.digest(use, kind, normalised))


def pseudonymise_all_versions(
    kind: str, value: Any, keyring: KeyRing | None = None
) -> list[Pseudonym]:
    """The pseudonym under every configured key version, newest first: for look-ups while
    stored pseudonyms are being rotated."""
    normalised = normalise_identifier(kind, value)
    if normalised is None:
        return []
    ring = keyring or KeyRing.from_env()
    return [
        Pseudonym(v, ring.digest(v, kind, normalised)) for v in sorted(ring.versions, reverse=True)
    ]


def rotate(kind: str, value: Any, stored: Pseudonym, keyring: KeyRing | None = None) -> Pseudonym:
    """Re-sign ``stored`` under the newest key, given the identifier it was made from. Raises
    ValueError if ``value`` does not reproduce ``stored`` (wrong value or unknown key)."""
    ring = keyring or KeyRing.from_env()
    old = pseudonymise(kind, value, ring, version=stored.version)
    if old is None or not hmac.compare_digest(old.digest, stored.digest):
        raise ValueError("value does not reproduce the stored pseudonym")
    new = pseudonymise(kind, value, ring)
    assert new is not None
    return new
