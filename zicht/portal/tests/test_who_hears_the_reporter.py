"""A reporter's message reaches the staff who hold the case, and the reporter sees when the
team has read and answered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zicht.casework import routing
from zicht.notifications.models import Notification
from zicht.organisations.models import Municipality
from zicht.portal import reporting
from zicht.portal.models import PortalReceipt
from zicht.portal.tests.test_status import look_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_in(portal_form, submit):
    def file(municipality) -> tuple[PortalReceipt, str]:
        data = portal_form(municipality=str(municipality.pk))
        submit(data)
        return PortalReceipt.objects.get(), data["receipt_secret"]

    return file


def told_of_message(client, receipt, secret, django_capture_on_commit_callbacks) -> set[str]:
    look_up(client, receipt.code, secret)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:send_message"), {"text": "Er is nog iets."})
    return set(Notification.objects.values_list("recipient__username", flat=True))


def test_a_message_in_a_municipality_without_a_focal_officer_reaches_the_hub(
    client, hengelo, file_in, django_capture_on_commit_callbacks
):
    # Every Twente municipality takes part, but only Hengelo and Enschede have a focal officer.
    almelo = Municipality.objects.get(cbs_code="GM0141")
    assert almelo.own_organisation is not None
    receipt, secret = file_in(almelo)
    told = told_of_message(client, receipt, secret, django_capture_on_commit_callbacks)
    assert "hub.twente" in told


def test_a_message_waiting_for_the_focal_officer_reaches_only_them(
    client, hengelo, file_in, django_capture_on_commit_callbacks
):
    receipt, secret = file_in(hengelo)
    told = told_of_message(client, receipt, secret, django_capture_on_commit_callbacks)
    assert told == {"afm.hengelo"}


def test_once_the_hub_holds_the_case_hub_and_focal_officer_are_told(
    client, hengelo, member, file_in, django_capture_on_commit_callbacks
):
    receipt, secret = file_in(hengelo)
    routing.report_to_hub(case_id=receipt.report.case_id, by=member("afm.hengelo"))
    routing.start_follow_up(case_id=receipt.report.case_id, by=member("hub.twente"))
    told = told_of_message(client, receipt, secret, django_capture_on_commit_callbacks)
    assert {"hub.twente", "afm.hengelo"} <= told


def test_the_status_says_read_once_the_team_answered(client, hengelo, member, file_in):
    receipt, secret = file_in(hengelo)
    assert reporting.coarse_status(receipt) == reporting.CoarseStatus.RECEIVED
    reporting.staff_answers(
        receipt_id=receipt.pk, by=member("afm.hengelo"), text="Gelezen, dank u."
    )
    assert reporting.coarse_status(receipt) == reporting.CoarseStatus.ANSWERED
    look_up(client, receipt.code, secret)
    page = client.get(reverse("portal:status"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "waiting to be read" not in page
    assert "has read your report" in page
