"""Slowing down abuse without keeping addresses.

The client's address is only ever used as input to a salted hash whose salt is
derived from the secret key and the current day, so yesterday's counters cannot
be linked to today's and nothing in the database reveals an address. Counters
live in the database (PortalCounter) so that all server processes share them.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import random
import time

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from zicht.portal.models import PortalCounter

ROTATION_SECONDS = 24 * 3600


def client_key(request: HttpRequest) -> str:
    """A rotating salted hash of the client address; the address itself is never stored."""
    period = int(time.time() // ROTATION_SECONDS)
    salt = hmac.new(
        settings.SECRET_KEY.encode(), f"zicht.portal.client:{period}".encode(), hashlib.sha256
    ).digest()
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(salt + address.encode()).hexdigest()[:32]


def _count(key: str) -> int:
    found = PortalCounter.objects.filter(key=key, expires_at__gt=timezone.now())
    return found.values_list("count", flat=True).first() or 0


def _add(key: str, amount: int, timeout: int) -> None:
    now = timezone.now()
    if PortalCounter.objects.filter(key=key, expires_at__gt=now).update(count=F("count") + amount):
        return
    expires_at = now + datetime.timedelta(seconds=timeout)
    with transaction.atomic():
        counter, created = PortalCounter.objects.select_for_update().get_or_create(
            key=key, defaults={"count": amount, "expires_at": expires_at}
        )
        if not created:
            expired = counter.expires_at <= now
            counter.count = amount if expired else counter.count + amount
            counter.expires_at = expires_at if expired else counter.expires_at
            counter.save(update_fields=["count", "expires_at"])
    if random.random() < 0.01:  # now and then, forget what has expired
        PortalCounter.objects.filter(expires_at__lt=now).delete()


# -- wrong secrets on the status page -------------------------------------------------


def _failure_keys(request: HttpRequest, code: str) -> list[str]:
    return [f"portal:fail:client:{client_key(request)}", f"portal:fail:code:{code}"]


def status_locked(request: HttpRequest, code: str) -> bool:
    limit = settings.PORTAL_STATUS_FAILURE_LIMIT
    return any(_count(key) >= limit for key in _failure_keys(request, code))


def status_failed(request: HttpRequest, code: str) -> None:
    for key in _failure_keys(request, code):
        _add(key, 1, settings.PORTAL_STATUS_COOLOFF_SECONDS)


def status_succeeded(request: HttpRequest, code: str) -> None:
    PortalCounter.objects.filter(key=f"portal:fail:code:{code}").delete()


# -- submissions ----------------------------------------------------------------------


def _submit_key(request: HttpRequest) -> str:
    window = int(time.time() // 3600)
    return f"portal:submit:{client_key(request)}:{window}"


def submissions_exhausted(request: HttpRequest) -> bool:
    return _count(_submit_key(request)) >= settings.PORTAL_SUBMISSIONS_PER_HOUR


def count_submission(request: HttpRequest, weight: int = 1) -> None:
    _add(_submit_key(request), weight, 3600)
