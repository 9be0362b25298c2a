"""The demo's history is made through the operations, dated in the past, and quiet."""

import dataclasses
import random

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from zicht.audit.models import AccessLogEntry
from zicht.casework.models import Case, CaseStep
from zicht.casework.workflow import Status
from zicht.demo.history import create_history, plan_history
from zicht.demo.organisations import REGIONS, region_organisations, region_staff
from zicht.intake.models import Report
from zicht.notifications.models import Notification

TWENTE = REGIONS[0]


@pytest.fixture
def twente_staff(demo):
    """Twente's history staff, with a small year of 24 reports."""
    plan = dataclasses.replace(TWENTE, reports_per_year=24)
    return region_staff(plan, region_organisations(plan))


def test_the_same_seed_plans_the_same_history(twente_staff):
    def plan(seed):
        return [
            (story.steps[0][0], story.data.municipality.pk, story.data.source, story.data.persons)
            for story in plan_history(random.Random(seed), [twente_staff], years=1)
        ]

    assert plan(7) == plan(7)
    assert plan(7) != plan(8)


def test_every_report_opens_its_case_through_submission(twente_staff):
    made = create_history(random.Random(2026), [twente_staff], years=1)

    assert made == Report.objects.count() == Case.objects.count() == 24
    for report in Report.objects.select_related("case"):
        first = report.case.steps.order_by("at", "pk").first()
        assert first.transition == "receive"
        assert first.at == report.received_at == report.case.opened_at
    assert AccessLogEntry.objects.filter(object_type="intake.report").count() == 24


def test_every_step_is_dated_in_the_past_and_taken_by_a_user_of_its_role(twente_staff):
    create_history(random.Random(2026), [twente_staff], years=1)

    now = timezone.now()
    steps = CaseStep.objects.exclude(transition="receive")
    assert steps.exists()
    assert not steps.filter(at__gt=now).exists()
    # The reporter's own submission hands a case to the hub; the hub takes every other step.
    later = steps.exclude(transition="report_to_hub")
    assert set(later.values_list("actor__username", flat=True)) == {"hub.twente"}
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {Status.FOLLOW_UP, Status.CLOSED} <= statuses
    for case in Case.objects.filter(status=Status.CLOSED):
        assert case.actions.filter(status="done").exists()
        assert case.closed_at < now


def test_the_history_notifications_are_kept_but_never_mailed(
    twente_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        create_history(random.Random(2026), [twente_staff], years=1)

    assert Notification.objects.exists()
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert callbacks == []
    assert mail.outbox == []


def test_demo_data_prints_the_demo_users(db, capsys):
    call_command("demo_data", "--no-history")

    out = capsys.readouterr().out
    assert "hub.twente" in out
    assert "zicht-demo-2026" in out
    assert not Report.objects.exists()
