"""Slowing down abuse without keeping addresses.

The client's address is only ever used as input to a salted hash whose salt is
derived from the secret key and the current day, so yesterday's counters cannot
be linked to today's and nothing in the database reveals an address. Counters
live in the database (PortalCounter) so that all server processes share them.

Behind a reverse proxy every request comes from the proxy's address. The client
address is then read from the proxy's header (`X-Forwarded-For` unless
ZICHT_PROXY_HEADER says otherwise), counting TRUSTED_PROXY_HOPS entries from the
right: what the client itself wrote further left is never believed.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import random
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from zicht.portal.models import PortalCounter

ROTATION_SECONDS = 24 * 3600


def client_address(request: HttpRequest) -> str:
    """The address of the client, as the nearest trusted proxy saw it (or the socket's)."""
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        header = "HTTP_" + settings.PROXY_HEADER.upper().replace("-", "_")
        chain = [part.strip() for part in request.META.get(header, "").split(",")]
        chain = [part for part in chain if part]
        if len(chain) >= hops:
            return chain[-hops]
        # Fewer entries than proxies: the request did not come through them all.
    return request.META.get("REMOTE_ADDR", "")


def client_key(request: HttpRequest) -> str:
    """A rotating salted hash of the client address; the address itself is never stored."""
    period = int(time.time() // ROTATION_SECONDS)
    salt = hmac.new(
        settings.SECRET_KEY.encode(), f"zicht.portal.client:{period}".encode(), hashlib.sha256
    ).digest()
    return hashlib.sha256(salt + client_address(request).encode()).hexdigest()[:32]


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
#
# The guesser is throttled, not the reporter. Wrong tries are counted per receipt code and
# per client. Past PORTAL_STATUS_FAILURE_LIMIT on either, every further try must carry a
# solved proof of work (a second or so for a person, a cost per guess for a guesser); the
# right secret with its proof always opens the report, however many wrong tries others
# made on its code. Only the client itself is refused outright, after
# PORTAL_STATUS_CLIENT_LIMIT wrong tries, for PORTAL_STATUS_COOLOFF_SECONDS.


def _client_failures(request: HttpRequest) -> str:
    return f"portal:fail:client:{client_key(request)}"


def _code_failures(code: str) -> str:
    return f"portal:fail:code:{code}"


def status_refused(request: HttpRequest) -> bool:
    return _count(_client_failures(request)) >= settings.PORTAL_STATUS_CLIENT_LIMIT


def status_needs_proof(request: HttpRequest, code: str) -> bool:
    limit = settings.PORTAL_STATUS_FAILURE_LIMIT
    return _count(_client_failures(request)) >= limit or _count(_code_failures(code)) >= limit


def status_failed(request: HttpRequest, code: str) -> None:
    for key in (_client_failures(request), _code_failures(code)):
        _add(key, 1, settings.PORTAL_STATUS_COOLOFF_SECONDS)


def proof_refused(request: HttpRequest) -> None:
    _add(_client_failures(request), 1, settings.PORTAL_STATUS_COOLOFF_SECONDS)


def status_succeeded(request: HttpRequest, code: str) -> None:
    PortalCounter.objects.filter(key=_code_failures(code)).delete()


def first_use(proof: str) -> bool:
    """True the first time a proof (a solved challenge's signature, a no-JavaScript stamp) is
    shown: each opens one try. Remembered until every challenge of its age has expired."""
    digest = hashlib.sha256(proof.encode()).hexdigest()[:40]
    expires_at = timezone.now() + datetime.timedelta(seconds=settings.PORTAL_CHALLENGE_MAX_AGE)
    try:
        with transaction.atomic():
            PortalCounter.objects.create(
                key=f"portal:used:{digest}", count=1, expires_at=expires_at
            )
    except IntegrityError:
        return False
    return True


# -- submissions ----------------------------------------------------------------------


def _submit_key(request: HttpRequest) -> str:
    window = int(time.time() // 3600)
    return f"portal:submit:{client_key(request)}:{window}"


def submissions_exhausted(request: HttpRequest) -> bool:
    return _count(_submit_key(request)) >= settings.PORTAL_SUBMISSIONS_PER_HOUR


def count_submission(request: HttpRequest, weight: int = 1) -> None:
    _add(_submit_key(request), weight, 3600)
