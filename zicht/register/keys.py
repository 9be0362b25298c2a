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

from zicht.matching.pseudonyms import KeyRing, PseudonymKeyError

DEMO_KEY_SPEC = "v1:" + base64.b64encode(b"zicht demo pseudonym key, not a secret!").decode()


@functools.cache
def keyring() -> KeyRing:
    if os.environ.get("ZICHT_PSEUDONYM_KEYS") or os.environ.get("ZICHT_PSEUDONYM_KEY_FILE"):
        return KeyRing.from_env()
    if getattr(settings, "PRODUCTION", False):
        raise PseudonymKeyError("set ZICHT_PSEUDONYM_KEYS or ZICHT_PSEUDONYM_KEY_FILE")
    return KeyRing.from_spec(DEMO_KEY_SPEC)
