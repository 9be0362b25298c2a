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
"""

from __future__ import annotations

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


def canonical(entry: Any) -> str:
    """The fields an entry's hash covers, as JSON (an entry or a migration's historical one)."""
    return json.dumps(
        {
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
        },
        sort_keys=True,
        default=str,
    )


def entry_hash(entry: Any, secret: bytes) -> str:
    return hmac.new(secret, canonical(entry).encode(), hashlib.sha256).hexdigest()


def legacy_hash(entry: Any) -> str:
    """The unkeyed SHA-256 of entries written before the key existed."""
    return hashlib.sha256(canonical(entry).encode()).hexdigest()


def head_seal(last_hash: str, secret: bytes) -> str:
    """The head's seal of the newest entry's hash: without the key, a head moved back to an
    earlier entry cannot be given a matching seal."""
    return hmac.new(secret, f"head:{last_hash}".encode(), hashlib.sha256).hexdigest()
