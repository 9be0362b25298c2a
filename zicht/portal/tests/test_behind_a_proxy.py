"""Behind the documented reverse proxy every request comes from the proxy's address. The portal's
limits then key on the address the trusted proxy saw (its header, counted from the right), so
each reporter has their own limit; what a client writes in the header itself is not believed,
and without trusted proxies the header is ignored altogether."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from zicht.portal.models import PortalCounter
from zicht.portal.throttle import client_address, client_key

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.5"


def request(forwarded: str | None = None, *, remote: str = PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/melden/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(request("203.0.113.9")) == PROXY


def test_one_trusted_proxy_gives_the_address_it_appended(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_address(request("203.0.113.9")) == "203.0.113.9"
    # Whatever the client wrote before it is not believed.
    assert client_address(request("198.51.100.1, 203.0.113.9")) == "203.0.113.9"


def test_two_trusted_proxies_count_two_from_the_right(settings):
    settings.TRUSTED_PROXY_HOPS = 2
    assert client_address(request("198.51.100.1, 203.0.113.9, 10.0.0.4")) == "203.0.113.9"
    # A request that did not pass both proxies keys on the socket's address.
    assert client_address(request("203.0.113.9")) == PROXY


def test_another_header_can_be_configured(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.PROXY_HEADER = "X-Real-IP"
    factory = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.9")
    assert client_address(factory) == "203.0.113.9"


def test_behind_a_proxy_each_reporter_has_their_own_submission_limit(client, portal_form, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.PORTAL_SUBMISSIONS_PER_HOUR = 1

    def send(address: str):
        return client.post(
            "/melden/melding/", portal_form(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address
        )

    assert send("203.0.113.9").status_code == 200
    assert send("203.0.113.9").status_code == 429
    assert send("198.51.100.7").status_code == 200
    # Still only a rotating salted hash: no address in any counter.
    keys = " ".join(PortalCounter.objects.values_list("key", flat=True))
    assert "203.0.113.9" not in keys
    assert "198.51.100.7" not in keys
    assert client_key(request("203.0.113.9")) != client_key(request("198.51.100.7"))
