"""Proof of work against automated mass submissions and guessing, with ALTCHA and no third
party (docs/adr/0008-portal-proof-of-work-with-altcha.md).

The server issues an ALTCHA challenge (PBKDF2/SHA-256, signed with a key derived from the
secret key) bound to one purpose: a report form's submission key, or the status page. The
ALTCHA widget, served from our own static files, solves it in a web worker and puts the answer
in the form field `altcha`; checking it costs the server one PBKDF2.

Without JavaScript nothing can be solved: the form instead carries a signed stamp of when it
was served (`stamp`), and a submission is accepted once the stamp is PORTAL_NOJS_WAIT_SECONDS
old: slower, but never impossible.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any

import altcha
from django.conf import settings
from django.core import signing

ALGORITHM = "PBKDF2/SHA-256"
STATUS = "status"  # the purpose of the status page's challenges
PAYLOAD_MAX_LENGTH = 2000  # a solved challenge is about 600 characters
_STAMP_SALT = "zicht.portal.challenge"


def _hmac_secret() -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), b"zicht.portal.altcha", hashlib.sha256).digest()


def issue(purpose: str) -> dict[str, Any]:
    """A fresh challenge for `purpose`, as the JSON the widget reads."""
    challenge = altcha.create_challenge(
        ALGORITHM,
        settings.PORTAL_POW_COST,
        key_prefix=settings.PORTAL_POW_PREFIX,
        expires_at=int(time.time()) + settings.PORTAL_CHALLENGE_MAX_AGE,
        data={"for": purpose},
        hmac_secret=_hmac_secret(),
    )
    return challenge.to_dict()


def solved(payload: str, purpose: str) -> str | None:
    """The signature of the challenge that `payload` solves, when we issued it for `purpose`
    and it has not expired; None otherwise (a forged, expired or foreign answer)."""
    if not payload or len(payload) > PAYLOAD_MAX_LENGTH:
        return None
    try:
        result = altcha.verify_solution(payload, _hmac_secret())
        if not result.verified:
            return None
        parsed = altcha.Payload.from_base64(payload)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None  # not an ALTCHA payload at all
    if parsed.challenge.parameters.data != {"for": purpose}:
        return None
    return parsed.challenge.signature


def solve(challenge: dict[str, Any]) -> str:
    """What the widget does (for tests and the load benchmark): the answer as the form sends it."""
    parsed = altcha.Challenge.from_dict(challenge)
    solution = altcha.solve_challenge(parsed)
    if solution is None:  # pragma: no cover - only on a timeout of 90 seconds
        raise RuntimeError("challenge not solved in time")
    return altcha.Payload(parsed, solution).to_base64()


def stamp(purpose: str) -> str:
    """A signed note of when a form for `purpose` was served (the no-JavaScript path)."""
    return signing.dumps({"for": purpose, "t": int(time.time())}, salt=_STAMP_SALT)


def stamp_age(token: str, purpose: str) -> float | None:
    """Seconds since `token` was stamped for `purpose`; None when forged, foreign or expired."""
    try:
        payload = signing.loads(token, salt=_STAMP_SALT, max_age=settings.PORTAL_CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("for") != purpose:
        return None
    issued = payload.get("t")
    return time.time() - issued if isinstance(issued, int) else None
