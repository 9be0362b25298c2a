"""A notification is written in its recipient's language, not in the language of whoever
caused it: a Dutch reporter's new case reaches an English-speaking hub case manager in
English, and an English-speaking hub's handover reaches Dutch partners in Dutch; in the
inbox and in the e-mail alike."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from zicht.casework import actions
from zicht.casework.models import ActionKind
from zicht.notifications.models import Notification


def _prefer(signed_in, username: str, language: str) -> None:
    """The user picks a language with the header's language switch."""
    response = signed_in(username).post(
        reverse("accounts:language"), {"language": language, "next": "/"}
    )
    assert response.status_code == 302


def test_a_dutch_report_reaches_an_english_hub_case_manager_in_english(
    signed_in, member, make_report
):
    _prefer(signed_in, "hub.twente", "en")
    assert member("hub.twente").user.language == "en"
    mail.outbox.clear()
    with translation.override("nl"):
        report = make_report(by="wijkcoach.hengelo", route_to="hub")
    ref = report.case.reference

    told = Notification.objects.get(recipient__username="hub.twente")
    assert told.subject == f"New case for the hub: {ref} ({report.case.municipality.name})"
    assert told.body == "A case was reported to the regional hub."
    (sent,) = [m for m in mail.outbox if m.to == [told.email]]
    assert sent.subject == told.subject
    assert sent.body.startswith("A case was reported to the regional hub.")

    inbox = signed_in("hub.twente").get(reverse("casework:inbox"), HTTP_ACCEPT_LANGUAGE="en")
    assert f"New case for the hub: {ref}" in inbox.content.decode()


def test_an_english_hub_hands_over_to_dutch_partners_in_dutch(
    signed_in, member, make_report, django_capture_on_commit_callbacks
):
    report = make_report(by="wijkcoach.hengelo", route_to="hub")
    _prefer(signed_in, "hub.twente", "en")
    Notification.objects.all().delete()
    mail.outbox.clear()
    veilig_thuis = member("vt.twente")
    assert veilig_thuis.user.language == "nl"
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        actions.add_action(
            case_id=report.case.pk,
            by=member("hub.twente"),
            kind=ActionKind.VEILIG_THUIS,
            owner=veilig_thuis.organisation,
            due_on=timezone.localdate() + datetime.timedelta(days=3),
        )
    told = Notification.objects.get(recipient=veilig_thuis.user)
    assert told.subject == (
        f"Overdracht aan {veilig_thuis.organisation.name}: Melden bij Veilig Thuis (meldcode) "
        f"(casus {report.case.reference})"
    )
    assert told.body.startswith("Het kenniscentrum vraagt")
    (sent,) = [m for m in mail.outbox if m.to == [veilig_thuis.user.email]]
    assert sent.subject == told.subject


def test_a_language_the_staff_interface_does_not_offer_is_not_remembered(signed_in, member):
    _prefer(signed_in, "hub.twente", "pl")
    assert member("hub.twente").user.language == "nl"
