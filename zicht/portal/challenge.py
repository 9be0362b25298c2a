"""A small proof of work against automated mass submissions, with no third party.

The server issues a signed challenge bound to the form's idempotency key; the
browser searches a counter such that SHA-256("<challenge>:<counter>") starts
with `bits` zero bits (a few hundred milliseconds) and sends it with the form.
Checking costs the server one hash. Without JavaScript the form is accepted
only when the challenge is at least PORTAL_NOJS_WAIT_SECONDS old, and it
counts triple towards the submission limit: slower, but never impossible.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "zicht.portal.challenge"


def issue(submission_key: str) -> str:
    payload = {"k": str(submission_key), "t": int(time.time()), "b": settings.PORTAL_POW_BITS}
    return signing.dumps(payload, salt=SALT, compress=False)


@dataclass
class Verdict:
    valid: bool  # signed by us, for this form, not expired
    solved: bool = False  # the proof of work is right
    age: float = 0.0


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def solve(challenge: str, bits: int) -> int:
    """What the browser does (used by tests and the load benchmark)."""
    counter = 0
    while True:
        digest = hashlib.sha256(f"{challenge}:{counter}".encode()).digest()
        if leading_zero_bits(digest) >= bits:
            return counter
        counter += 1


def check(challenge: str, submission_key: str, answer: str) -> Verdict:
    try:
        payload = signing.loads(challenge, salt=SALT, max_age=settings.PORTAL_CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        return Verdict(valid=False)
    if payload.get("k") != str(submission_key):
        return Verdict(valid=False)
    age = time.time() - payload["t"]
    solved = False
    if answer and answer.isdigit() and len(answer) < 16:
        digest = hashlib.sha256(f"{challenge}:{answer}".encode()).digest()
        solved = leading_zero_bits(digest) >= payload["b"]
    return Verdict(valid=True, solved=solved, age=age)
