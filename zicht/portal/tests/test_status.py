from __future__ import annotations

import re

import pytest
from django.urls import reverse

from zicht.casework import routing
from zicht.portal import receipts
from zicht.portal.models import PortalReceipt
from zicht.portal.tests.conftest import CLIENT_ADDRESS

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(portal_form, submit):
    data = portal_form()
    submit(data)
    receipt = PortalReceipt.objects.get()
    return receipt, data["receipt_secret"]


def comparable(content: bytes, code: str) -> str:
    """The page without what differs per request (CSRF token, CSP nonce, typed code)."""
    page = content.decode().replace(code, "")
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    return re.sub(r'nonce="[^"]*"', "", page)


def look_up(client, code, secret, **extra):
    return client.post(
        reverse("portal:status"),
        {"code": code, "secret": secret},
        REMOTE_ADDR=extra.pop("address", CLIENT_ADDRESS),
        **extra,
    )


def test_code_and_secret_show_the_coarse_status(client, filed):
    receipt, secret = filed
    # Typed with spaces, dashes and lower case, as from paper.
    response = look_up(client, receipts.group(receipt.code).lower(), receipts.group(secret))
    assert response.status_code == 302
    page = client.get(reverse("portal:status")).content.decode()
    assert 'data-testid="portal-status"' in page
    assert "Received" in page or "Ontvangen" in page
    assert receipt.report.description not in page  # never case details


def test_the_status_follows_the_case_coarsely(client, filed, member):
    receipt, secret = filed
    routing.start_enriching(case_id=receipt.report.case_id, by=member("afm.hengelo"))
    look_up(client, receipt.code, secret)
    page = client.get(reverse("portal:status"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Being handled" in page


def test_a_wrong_secret_gets_the_same_answer_as_an_unknown_code(client, filed):
    receipt, _secret = filed
    wrong = look_up(client, receipt.code, receipts.new_secret())
    unknown = look_up(client, "ZZZZZZZZ", receipts.new_secret())
    assert wrong.status_code == unknown.status_code == 400
    assert comparable(wrong.content, receipt.code) == comparable(unknown.content, "ZZZZZZZZ")
    assert "portal_receipt" not in client.session
    assert receipt.report.description.encode() not in wrong.content


def test_repeated_wrong_secrets_are_slowed_down_even_for_the_right_one(client, filed, settings):
    receipt, secret = filed
    for _ in range(settings.PORTAL_STATUS_FAILURE_LIMIT):
        assert look_up(client, receipt.code, receipts.new_secret()).status_code == 400
    blocked = look_up(client, receipt.code, secret, HTTP_ACCEPT_LANGUAGE="pl")
    assert blocked.status_code == 429
    assert "Zbyt wiele" in blocked.content.decode()
    assert "portal_receipt" not in client.session


def test_wrong_tries_on_one_code_from_many_connections_lock_that_code(client, filed, settings):
    receipt, secret = filed
    for n in range(settings.PORTAL_STATUS_FAILURE_LIMIT):
        look_up(client, receipt.code, receipts.new_secret(), address=f"198.51.100.{n}")
    assert look_up(client, receipt.code, secret, address="192.0.2.1").status_code == 429


def test_wrong_tries_from_one_connection_lock_it_for_every_code(client, filed, settings):
    receipt, secret = filed
    for _ in range(settings.PORTAL_STATUS_FAILURE_LIMIT):
        look_up(client, "ABCDEFGH", receipts.new_secret())
    assert look_up(client, receipt.code, secret).status_code == 429


def test_leaving_forgets_the_report(client, filed):
    receipt, secret = filed
    look_up(client, receipt.code, secret)
    client.post(reverse("portal:leave"))
    page = client.get(reverse("portal:status")).content.decode()
    assert 'data-testid="portal-status"' not in page


def test_the_lock_ends_after_the_cool_off(client, filed, settings):
    from django.utils import timezone

    from zicht.portal.models import PortalCounter

    receipt, secret = filed
    for _ in range(settings.PORTAL_STATUS_FAILURE_LIMIT):
        look_up(client, receipt.code, receipts.new_secret())
    assert look_up(client, receipt.code, secret).status_code == 429
    assert all(CLIENT_ADDRESS not in counter.key for counter in PortalCounter.objects.all())
    PortalCounter.objects.update(expires_at=timezone.now())
    assert look_up(client, receipt.code, secret).status_code == 302
