"""The pseudonym key ring of this installation.

Keys live outside the database: `ZICHT_PSEUDONYM_KEYS` or `ZICHT_PSEUDONYM_KEY_FILE`
(docs/linkage.md). The demo, which has neither, uses a fixed and publicly known key:
pseudonyms made with it protect nothing, so production refuses to start without keys.
"""

from __future__ import annotations

import base64
import functools
import os

from django.conf import settings
from django.core import checks

from zicht.lib.production import PRODUCTION_TAG
from zicht.matching.pseudonyms import KeyRing, PseudonymKeyError

DEMO_KEY_SPEC = "v1:" + base64.b64encode(b"zicht demo pseudonym key, not a secret!").decode()


@functools.cache
def keyring() -> KeyRing:
    if os.environ.get("ZICHT_PSEUDONYM_KEYS") or os.environ.get("ZICHT_PSEUDONYM_KEY_FILE"):
        return KeyRing.from_env()
    if getattr(settings, "PRODUCTION", False):
        raise PseudonymKeyError("set ZICHT_PSEUDONYM_KEYS or ZICHT_PSEUDONYM_KEY_FILE")
    return KeyRing.from_spec(DEMO_KEY_SPEC)


@checks.register(PRODUCTION_TAG)
def check_pseudonym_keys(app_configs: object = None, **kwargs: object) -> list[checks.Error]:
    """In production the keys must not only be named (`zicht.lib.production`) but also load:
    a key that is too short or a file that cannot be read would fail every report."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    if not (os.environ.get("ZICHT_PSEUDONYM_KEYS") or os.environ.get("ZICHT_PSEUDONYM_KEY_FILE")):
        return []  # reported as missing by zicht.E001
    try:
        KeyRing.from_env()
    except PseudonymKeyError as error:
        return [
            checks.Error(
                f"the pseudonym keys cannot be used: {error}",
                hint="See docs/linkage.md, 'Keys'.",
                id="zicht.E002",
            )
        ]
    return []
