"""The keyed hashes that seal the access log.

Each entry's hash is an HMAC-SHA256, under a key kept outside the database
(``ZICHT_ACCESS_LOG_KEY``), over a canonical JSON of its fields and its predecessor's hash;
the chain head carries a seal of the newest hash under the same key. Whoever can write the
database but lacks the key can neither recompute an altered entry's hash nor move the head
back after removing the newest entries. Entries written before the key existed keep their
plain SHA-256 hashes; the migration that introduced the key sealed them with one keyed
"anchor" entry (see ``log.check_chain``).

Production refuses to start without the key (``zicht.audit.checks``); the demo, the tests
and a development machine use a key derived from ``SECRET_KEY``.

The key can be rotated (ADR 0010): every entry names the key that hashed it by a key id (a
keyed fingerprint, not the key itself), and verification also knows the earlier keys listed
in ``ZICHT_ACCESS_LOG_KEYS``.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MIN_KEY_LENGTH = 32
MISSING_KEY = (
    "ZICHT_ACCESS_LOG_KEY is not set. Production needs a secret of at least "
    f"{MIN_KEY_LENGTH} characters, kept outside the database (e.g. `openssl rand -base64 48`), "
    "to seal the access log."
)
_DEVELOPMENT_LABEL = b"zicht access log development key"


def key() -> bytes:
    """The key of the log: the configured one, or outside production one derived from
    ``SECRET_KEY`` (which protects nothing there: the demo's secret key is public)."""
    configured = getattr(settings, "ZICHT_ACCESS_LOG_KEY", "")
    if configured:
        return str(configured).encode()
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured(MISSING_KEY)
    return hmac.new(settings.SECRET_KEY.encode(), _DEVELOPMENT_LABEL, hashlib.sha256).digest()


def key_id(secret: bytes) -> str:
    """A short name of a key that does not reveal it; an entry stores it so that verification
    knows which key to use."""
    return hmac.new(secret, b"zicht access log key id", hashlib.sha256).hexdigest()[:12]


def earlier_keys() -> list[bytes]:
    """The keys the log was sealed with before the current one (``ZICHT_ACCESS_LOG_KEYS``)."""
    return [str(k).encode() for k in getattr(settings, "ZICHT_ACCESS_LOG_KEYS", []) if k]


def known_keys() -> dict[str, bytes]:
    """Every key verification may use, by key id, the current key first."""
    return {key_id(secret): secret for secret in (key(), *earlier_keys())}


def canonical(entry: Any) -> str:
    """The fields an entry's hash covers, as JSON (an entry or a migration's historical one).
    The key id is covered once an entry has one; entries from before key ids hash as they
    always did."""
    fields = {
        "at": entry.at.isoformat() if entry.at else None,
        "user": entry.user_id,
        "username": entry.username,
        "organisation": entry.organisation_name,
        "role": entry.role,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "person_ids": entry.person_ids,
        "purpose": entry.purpose,
        "detail": entry.detail,
        "previous": entry.previous_hash,
    }
    if getattr(entry, "key_id", ""):
        fields["key"] = entry.key_id
    return json.dumps(fields, sort_keys=True, default=str)


def entry_hash(entry: Any, secret: bytes) -> str:
    return hmac.new(secret, canonical(entry).encode(), hashlib.sha256).hexdigest()


def legacy_hash(entry: Any) -> str:
    """The unkeyed SHA-256 of entries written before the key existed."""
    return hashlib.sha256(canonical(entry).encode()).hexdigest()


def head_seal(last_hash: str, secret: bytes) -> str:
    """The head's seal of the newest entry's hash: without the key, a head moved back to an
    earlier entry cannot be given a matching seal."""
    return hmac.new(secret, f"head:{last_hash}".encode(), hashlib.sha256).hexdigest()


def checkpoint_seal(
    *,
    chain: str,
    entry_id: int,
    entry_hash: str,
    count: int,
    at: datetime.datetime,
    secret: bytes,
) -> str:
    """The seal of a checkpoint: without the key no checkpoint can be made up or changed,
    neither in the database nor in the exported file."""
    moment = at.astimezone(datetime.UTC).isoformat()
    message = f"checkpoint:{chain}:{entry_id}:{entry_hash}:{count}:{moment}"
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


def seal_checkpoint(checkpoint: Any, secret: bytes) -> str:
    return checkpoint_seal(
        chain=checkpoint.chain,
        entry_id=checkpoint.entry_id,
        entry_hash=checkpoint.entry_hash,
        count=checkpoint.count,
        at=checkpoint.at,
        secret=secret,
    )


def checkpoint_is_sealed(checkpoint: Any, keys: dict[str, bytes]) -> bool:
    """The checkpoint carries the seal of a key verification knows (its own key id's)."""
    secret = keys.get(checkpoint.key_id)
    return secret is not None and hmac.compare_digest(
        checkpoint.seal, seal_checkpoint(checkpoint, secret)
    )
