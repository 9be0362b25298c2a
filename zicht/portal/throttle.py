"""Slowing down abuse without keeping addresses.

The client's address is only ever used as input to a salted hash whose salt is
derived from the secret key and the current day, so yesterday's counters cannot
be linked to today's and nothing in the cache or the database reveals an
address. Counters live in Django's cache (configure a shared cache, e.g.
database or Redis, when several server processes run).
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

ROTATION_SECONDS = 24 * 3600


def client_key(request) -> str:
    """A rotating salted hash of the client address; the address itself is never stored."""
    period = int(time.time() // ROTATION_SECONDS)
    salt = hmac.new(
        settings.SECRET_KEY.encode(), f"zicht.portal.client:{period}".encode(), hashlib.sha256
    ).digest()
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(salt + address.encode()).hexdigest()[:32]


def _count(key: str) -> int:
    return int(cache.get(key, 0))


def _add(key: str, amount: int, timeout: int) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key, amount)
    except ValueError:  # expired between add and incr
        cache.set(key, amount, timeout)
        return amount


# -- wrong secrets on the status page -------------------------------------------------


def _failure_keys(request, code: str) -> list[str]:
    return [f"portal:fail:client:{client_key(request)}", f"portal:fail:code:{code}"]


def status_locked(request, code: str) -> bool:
    limit = settings.PORTAL_STATUS_FAILURE_LIMIT
    return any(_count(key) >= limit for key in _failure_keys(request, code))


def status_failed(request, code: str) -> None:
    for key in _failure_keys(request, code):
        _add(key, 1, settings.PORTAL_STATUS_COOLOFF_SECONDS)


def status_succeeded(request, code: str) -> None:
    cache.delete(f"portal:fail:code:{code}")


# -- submissions ----------------------------------------------------------------------


def _submit_key(request) -> str:
    window = int(time.time() // 3600)
    return f"portal:submit:{client_key(request)}:{window}"


def submissions_exhausted(request) -> bool:
    return _count(_submit_key(request)) >= settings.PORTAL_SUBMISSIONS_PER_HOUR


def count_submission(request, weight: int = 1) -> None:
    _add(_submit_key(request), weight, 3600)
