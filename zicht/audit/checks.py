"""Start-up checks of the access log's settings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error

from zicht.audit.sealing import MIN_KEY_LENGTH, MISSING_KEY


def access_log_key(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Production seals the access log with a key of its own: without one, start-up fails."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    configured = getattr(settings, "ZICHT_ACCESS_LOG_KEY", "")
    if not configured:
        return [Error(MISSING_KEY, id="audit.E001")]
    errors: list[CheckMessage] = []
    if len(configured) < MIN_KEY_LENGTH:
        errors.append(
            Error(
                f"ZICHT_ACCESS_LOG_KEY is shorter than {MIN_KEY_LENGTH} characters.",
                hint="Use a random secret, e.g. `openssl rand -base64 48`.",
                id="audit.E002",
            )
        )
    earlier = getattr(settings, "ZICHT_ACCESS_LOG_KEYS", [])
    if any(len(k) < MIN_KEY_LENGTH for k in earlier):
        errors.append(
            Error(
                f"ZICHT_ACCESS_LOG_KEYS holds a key shorter than {MIN_KEY_LENGTH} characters.",
                hint="List the earlier access-log keys exactly as they were, comma-separated.",
                id="audit.E003",
            )
        )
    return errors
