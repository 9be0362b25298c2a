"""An acute report about a minor reaches Veilig Thuis of the region at once, beside the hub
and the police (the meldcode: for minors, police and Veilig Thuis); the message names the
case, never the person."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from zicht.casework import routing
from zicht.notifications.models import Notification

TODAY = timezone.localdate()
FIFTEEN = TODAY.replace(year=TODAY.year - 15)


@pytest.fixture
def minor(person):
    return person(first_name="Mila", last_name="Jansen", birth_date=FIFTEEN, sex="female")


def told(username: str):
    return Notification.objects.filter(recipient__username=username)


def test_an_acute_report_about_a_minor_alerts_veilig_thuis_without_personal_data(
    make_report, minor
):
    case = make_report(acute=True, persons=[minor]).case
    alert = told("vt.twente").get()
    assert alert.is_urgent
    assert case.reference in alert.subject
    assert told("hub.twente").exists()
    assert told("politie.twente").exists()
    sent = [m for m in mail.outbox if "vt.twente@demo.zicht.invalid" in m.to]
    assert len(sent) == 1
    text = sent[0].subject + sent[0].body
    for personal in ("Mila", "Jansen", FIFTEEN.strftime("%d-%m-%Y"), FIFTEEN.isoformat()):
        assert personal not in text


@pytest.mark.parametrize(
    ("acute", "birth_date"),
    [(True, datetime.date(1999, 4, 2)), (False, FIFTEEN), (True, None)],
    ids=["acute-adult", "minor-not-acute", "age-unknown"],
)
def test_veilig_thuis_is_not_alerted_otherwise(make_report, person, acute, birth_date):
    make_report(acute=acute, persons=[person(first_name="Anna", birth_date=birth_date)])
    assert not told("vt.twente").exists()


def test_a_minor_suspect_does_not_count(make_report, person):
    make_report(acute=True, persons=[person(role="suspect", birth_date=FIFTEEN)])
    assert not told("vt.twente").exists()


def test_escalating_a_case_about_a_minor_alerts_veilig_thuis(
    make_report, minor, member, django_capture_on_commit_callbacks
):
    case = make_report(persons=[minor]).case
    assert not told("vt.twente").exists()
    with django_capture_on_commit_callbacks(execute=True):
        routing.escalate_acute(case_id=case.pk, by=member("afm.hengelo"))
    assert told("vt.twente").count() == 1
