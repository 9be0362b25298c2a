"""A reporter's message waits in the inbox of the staff who answer it, until they do;
the inbox names the case, never the message."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from zicht.casework.inbox import inbox_for
from zicht.portal import reporting
from zicht.portal.models import PortalReceipt

pytestmark = pytest.mark.django_db

SECRET_TEXT = "De man heet Piet en woont op nummer 12."


@pytest.fixture
def receipt(portal_form, submit) -> PortalReceipt:
    submit(portal_form())
    return PortalReceipt.objects.get()


def messages_group(membership):
    groups = {group.key: group for group in inbox_for(membership).groups}
    return groups.get("messages")


def test_a_message_waits_until_it_is_answered_since_the_first_unanswered(receipt, member):
    focal = member("afm.hengelo")
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    with time_machine.travel(two_days_ago, tick=False):
        reporting.reporter_writes(receipt=receipt, text=SECRET_TEXT)
    reporting.reporter_writes(receipt=receipt, text="Nog iets.")
    waiting = messages_group(focal)
    assert waiting.count == 1
    assert waiting.items[0].case == receipt.case
    assert waiting.items[0].since == two_days_ago

    reporting.staff_answers(receipt_id=receipt.pk, by=focal, text="Dank u.")
    assert messages_group(focal).count == 0

    reporting.reporter_writes(receipt=receipt, text="Nog een vraag.")
    assert messages_group(focal).count == 1


def test_only_staff_who_answer_and_see_the_case_have_the_group(receipt, member):
    reporting.reporter_writes(receipt=receipt, text=SECRET_TEXT)
    assert messages_group(member("afm.hengelo")).count == 1
    assert messages_group(member("hub.twente")).count == 1  # the hub sees its region
    assert messages_group(member("afm.enschede")).count == 0  # another municipality
    assert messages_group(member("vt.twente")) is None  # a partner does not answer


def test_the_inbox_page_shows_that_a_message_waits_not_what_it_says(receipt, signed_in):
    reporting.reporter_writes(receipt=receipt, text=SECRET_TEXT)
    html = signed_in("afm.hengelo").get(reverse("casework:inbox")).content.decode()
    assert 'data-testid="group-messages"' in html
    assert receipt.case.reference in html
    assert SECRET_TEXT not in html
