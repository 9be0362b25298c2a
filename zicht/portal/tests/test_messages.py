from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from zicht.audit.models import AccessLogEntry
from zicht.casework import actions, routing
from zicht.casework.models import ActionKind
from zicht.casework.workflow import Status
from zicht.notifications.models import Notification
from zicht.portal.models import Direction, PortalAttachment, PortalMessage, PortalReceipt
from zicht.portal.tests.conftest import DATA
from zicht.portal.tests.test_status import look_up

pytestmark = pytest.mark.django_db

SECRET_TEXT = "De man heet Piet en woont op nummer 12."


@pytest.fixture
def filed(portal_form, submit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.jpg", (DATA / "python.jpg").read_bytes())
    data = portal_form(attachments=[upload])
    submit(data)
    return PortalReceipt.objects.get(), data["receipt_secret"]


def test_the_reporter_writes_and_the_focal_officer_is_told_without_the_text(
    client, filed, django_capture_on_commit_callbacks
):
    receipt, secret = filed
    look_up(client, receipt.code, secret)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:send_message"), {"text": SECRET_TEXT})
    assert response.status_code == 200
    message = PortalMessage.objects.get()
    assert message.direction == Direction.TO_STAFF
    assert message.author is None
    notification = Notification.objects.get(recipient__username="afm.hengelo")
    assert SECRET_TEXT not in notification.body + notification.subject
    assert mail.outbox
    assert all(SECRET_TEXT not in m.body for m in mail.outbox)


def test_staff_answer_on_the_case_page_and_the_reporter_reads_it(client, filed, signed_in):
    receipt, secret = filed
    staff = signed_in("afm.hengelo")
    case_url = reverse("casework:case_detail", args=[receipt.report.case_id])
    page = staff.get(case_url).content.decode()
    assert 'data-testid="portal-thread"' in page
    response = staff.post(
        reverse("portal:staff_reply", args=[receipt.pk]), {"text": "Dank u, wij kijken ernaar."}
    )
    assert response.status_code == 302
    assert AccessLogEntry.objects.filter(
        object_type="portal.portalmessage", username="afm.hengelo"
    ).exists()
    staff.logout()
    look_up(client, receipt.code, secret)
    assert "Dank u, wij kijken ernaar." in client.get(reverse("portal:status")).content.decode()


def test_the_case_page_shows_nothing_of_the_portal_for_a_staff_report(signed_in, make_report):
    report = make_report()
    page = signed_in("afm.hengelo").get(reverse("casework:case_detail", args=[report.case_id]))
    assert 'id="portal-h"' not in page.content.decode()


def test_the_case_page_shows_the_original_language(portal_form, submit, signed_in):
    submit(portal_form(), HTTP_ACCEPT_LANGUAGE="pl")
    receipt = PortalReceipt.objects.get()
    page = signed_in("hub.twente").get(
        reverse("casework:case_detail", args=[receipt.report.case_id])
    )
    assert 'data-testid="report-language"' in page.content.decode()


def test_an_outsider_gets_404_on_answering_and_on_attachments(filed, signed_in):
    receipt, _secret = filed
    attachment = PortalAttachment.objects.get()
    outsider = signed_in("afm.enschede")
    reply = outsider.post(reverse("portal:staff_reply", args=[receipt.pk]), {"text": "Hallo"})
    assert reply.status_code == 404
    assert outsider.get(reverse("portal:attachment", args=[attachment.pk])).status_code == 404
    assert not PortalMessage.objects.exists()


def test_a_partner_without_the_case_gets_404_too(filed, signed_in):
    _receipt, _secret = filed
    attachment = PortalAttachment.objects.get()
    partner = signed_in("politie.twente")
    assert partner.get(reverse("portal:attachment", args=[attachment.pk])).status_code == 404


def test_staff_who_see_the_case_open_an_attachment_and_the_read_is_logged(filed, signed_in):
    attachment = PortalAttachment.objects.get()
    response = signed_in("hub.twente").get(reverse("portal:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "attachment" in response["Content-Disposition"]
    served = b"".join(response.streaming_content)
    assert hashlib.sha256(served).hexdigest() == attachment.sha256
    assert AccessLogEntry.objects.filter(
        object_type="portal.portalattachment", username="hub.twente", action="read"
    ).exists()


def test_anonymous_visitors_cannot_open_attachments(client, filed):
    attachment = PortalAttachment.objects.get()
    response = client.get(reverse("portal:attachment", args=[attachment.pk]))
    assert response.status_code == 302
    assert "/account/" in response["Location"]


def test_staff_without_a_verified_second_factor_are_sent_to_verify(client, filed, member):
    attachment = PortalAttachment.objects.get()
    client.force_login(member("hub.twente").user)
    response = client.get(reverse("portal:attachment", args=[attachment.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")


def test_a_partner_opens_an_attachment_only_once_it_has_accepted_the_handover(
    filed, signed_in, member
):
    """Before accepting, a partner sees only what it needs to decide (casework/disclosure.py):
    what the reporter sent is part of the reports it does not yet see."""
    receipt, _secret = filed
    attachment = PortalAttachment.objects.get()
    case = receipt.report.case
    hub, vt = member("hub.twente"), member("vt.twente")
    if case.status != Status.REPORTED_TO_HUB:
        routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"))
    action = actions.add_action(
        case_id=case.pk,
        by=hub,
        kind=ActionKind.VEILIG_THUIS,
        owner=vt.organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    url = reverse("portal:attachment", args=[attachment.pk])
    assert signed_in("vt.twente").get(url).status_code == 404
    assert not AccessLogEntry.objects.filter(
        object_type="portal.portalattachment", username="vt.twente"
    ).exists()
    actions.decide_handover(handover_id=action.handover.pk, by=vt, accept=True)
    assert signed_in("vt.twente").get(url).status_code == 200
