"""Deadlines of measures are told once to the municipality's staff, without a person."""

import datetime

from django.core import mail

from zicht.enforcement import measures
from zicht.enforcement.reminders import remind_measure_deadlines
from zicht.enforcement.tests.conftest import TODAY
from zicht.notifications.models import Notification

DAY = datetime.timedelta(days=1)


def test_the_end_of_the_term_for_views_is_told_once(
    salon, officer, django_capture_on_commit_callbacks
):
    measure = measures.draft_measure(
        data=measures.MeasureData(
            type="closure_174a",
            legal_basis="art. 174a Gemeentewet",
            establishment_id=salon.pk,
            intention_on=TODAY - 12 * DAY,
        ),
        by=officer,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_measure_deadlines() == 1
    assert remind_measure_deadlines() == 0
    told = Notification.objects.get(subject__contains=measure.reference)
    assert told.recipient == officer.user
    assert "Lotus" not in told.subject + told.body
    # a later term earns a new reminder when it comes near
    measure.hearing_ends_on = TODAY + 10 * DAY
    measure.save(update_fields=["hearing_ends_on"])
    assert remind_measure_deadlines() == 0
    assert remind_measure_deadlines(today=TODAY + 8 * DAY) == 1


def test_a_decision_due_is_told_until_decided(salon, officer):
    measure = measures.draft_measure(
        data=measures.MeasureData(
            type="overcrowding_order",
            establishment_id=salon.pk,
            intention_on=TODAY - 60 * DAY,
            hearing_ends_on=TODAY - 40 * DAY,
            decision_due_on=TODAY + 2 * DAY,
        ),
        by=officer,
    )
    assert remind_measure_deadlines() == 1
    measures.take_decision(measure_id=measure.pk, by=officer, decided_on=TODAY, decision_text="")
    measure.decision_due_on = TODAY + DAY
    measure.save(update_fields=["decision_due_on"])
    assert remind_measure_deadlines() == 0
