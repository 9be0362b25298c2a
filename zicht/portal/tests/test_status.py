from __future__ import annotations

import re

import pytest
from django.urls import reverse

from zicht.casework import routing
from zicht.portal import receipts
from zicht.portal.models import PortalReceipt
from zicht.portal.tests.conftest import CLIENT_ADDRESS, solved_challenge

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


def look_up(client, code, secret, *, altcha="", challenge="", **extra):
    return client.post(
        reverse("portal:status"),
        {"code": code, "secret": secret, "altcha": altcha, "challenge": challenge},
        REMOTE_ADDR=extra.pop("address", CLIENT_ADDRESS),
        **extra,
    )


def proof(client) -> str:
    return solved_challenge(client, "status")


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


def test_a_guesser_who_knows_the_code_cannot_lock_the_reporter_out(client, filed, settings):
    """Twenty wrong secrets on a code, from one connection and from many: the reporter, from
    their own connection, still opens the report with the right secret (after a proof of
    work, which their browser does by itself)."""
    receipt, secret = filed
    for n in range(10):
        look_up(client, receipt.code, receipts.new_secret())
        look_up(client, receipt.code, receipts.new_secret(), address=f"198.51.100.{n}")
    reporter = look_up(client, receipt.code, secret, address="192.0.2.1", altcha=proof(client))
    assert reporter.status_code == 302
    assert client.session["portal_receipt"] == receipt.pk


def test_past_the_limit_a_try_without_proof_of_work_is_asked_for_one(client, filed, settings):
    receipt, secret = filed
    for _ in range(settings.PORTAL_STATUS_FAILURE_LIMIT):
        assert look_up(client, receipt.code, receipts.new_secret()).status_code == 400
    asked = look_up(client, receipt.code, secret, address="192.0.2.1", HTTP_ACCEPT_LANGUAGE="pl")
    assert asked.status_code == 400
    assert "altcha-widget" in asked.content.decode()
    assert "portal_receipt" not in client.session


def test_a_proof_of_work_opens_one_try(client, filed, settings):
    receipt, secret = filed
    for _ in range(settings.PORTAL_STATUS_FAILURE_LIMIT):
        look_up(client, receipt.code, receipts.new_secret())
    once = proof(client)
    assert look_up(client, receipt.code, receipts.new_secret(), altcha=once).status_code == 400
    again = look_up(client, receipt.code, secret, altcha=once)
    assert again.status_code == 400
    assert "portal_receipt" not in client.session


def test_a_proof_for_a_report_form_does_not_open_the_status_page(client, filed, settings):
    receipt, secret = filed
    for _ in range(settings.PORTAL_STATUS_FAILURE_LIMIT):
        look_up(client, receipt.code, receipts.new_secret())
    foreign = solved_challenge(client, "00000000-0000-4000-8000-000000000000")
    assert look_up(client, receipt.code, secret, altcha=foreign).status_code == 400


def test_without_javascript_a_wait_replaces_the_proof_of_work(client, filed, settings):
    receipt, secret = filed
    for _ in range(settings.PORTAL_STATUS_FAILURE_LIMIT):
        look_up(client, receipt.code, receipts.new_secret())
    page = client.get(reverse("portal:status")).content.decode()
    stamp = re.search(r'name="challenge" value="([^"]+)"', page).group(1)
    assert look_up(client, receipt.code, secret, challenge=stamp).status_code == 400  # too soon
    settings.PORTAL_NOJS_WAIT_SECONDS = 0
    assert look_up(client, receipt.code, secret, challenge=stamp).status_code == 302


def test_only_the_guessing_connection_is_refused_past_its_own_limit(client, filed, settings):
    receipt, secret = filed
    settings.PORTAL_STATUS_CLIENT_LIMIT = 8
    for _ in range(settings.PORTAL_STATUS_CLIENT_LIMIT):
        look_up(client, receipt.code, receipts.new_secret(), altcha=proof(client))
    refused = look_up(client, receipt.code, secret, altcha=proof(client), HTTP_ACCEPT_LANGUAGE="pl")
    assert refused.status_code == 429
    assert "Zbyt wiele" in refused.content.decode()
    elsewhere = look_up(client, receipt.code, secret, address="192.0.2.1", altcha=proof(client))
    assert elsewhere.status_code == 302


def test_leaving_forgets_the_report(client, filed):
    receipt, secret = filed
    look_up(client, receipt.code, secret)
    client.post(reverse("portal:leave"))
    page = client.get(reverse("portal:status")).content.decode()
    assert 'data-testid="portal-status"' not in page


def test_the_refusal_ends_after_the_cool_off(client, filed, settings):
    from django.utils import timezone

    from zicht.portal.models import PortalCounter

    receipt, secret = filed
    settings.PORTAL_STATUS_CLIENT_LIMIT = settings.PORTAL_STATUS_FAILURE_LIMIT
    for _ in range(settings.PORTAL_STATUS_FAILURE_LIMIT):
        look_up(client, receipt.code, receipts.new_secret())
    assert look_up(client, receipt.code, secret).status_code == 429
    assert all(CLIENT_ADDRESS not in counter.key for counter in PortalCounter.objects.all())
    PortalCounter.objects.update(expires_at=timezone.now())
    assert look_up(client, receipt.code, secret).status_code == 302


def test_replayed_proofs_count_against_the_connection(client, filed, settings):
    receipt, secret = filed
    settings.PORTAL_STATUS_CLIENT_LIMIT = 8
    for _ in range(settings.PORTAL_STATUS_FAILURE_LIMIT):
        look_up(client, receipt.code, receipts.new_secret())
    once = proof(client)
    for _ in range(settings.PORTAL_STATUS_CLIENT_LIMIT - settings.PORTAL_STATUS_FAILURE_LIMIT):
        look_up(client, receipt.code, receipts.new_secret(), altcha=once)
    assert look_up(client, receipt.code, secret, altcha=proof(client)).status_code == 429
