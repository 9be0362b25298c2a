"""A reflection period about to end is told once to the coordinators, in the app and by
e-mail, without the person; a new end earns a new reminder; the start page shows it."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from zicht.care import reflection, trajectories
from zicht.care.reminders import remind_reflection_periods
from zicht.notifications.models import Notification

TODAY = timezone.localdate()


def _start(trajectory, coordinator, days_left):
    return reflection.start_reflection_period(
        trajectory_id=trajectory.pk,
        by=coordinator,
        starts_on=TODAY - datetime.timedelta(days=80),
        ends_on=TODAY + datetime.timedelta(days=days_left),
    )


def _reminders():
    """The reminders (urgent; the notice of a new trajectory is not)."""
    return Notification.objects.filter(subject__contains="Z-", is_urgent=True)


def test_a_period_ending_within_two_weeks_is_told_once(
    trajectory, coordinator, django_capture_on_commit_callbacks
):
    _start(trajectory, coordinator, days_left=10)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_reflection_periods() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_reflection_periods() == 0
    told = _reminders().get()
    assert told.recipient == coordinator.user
    assert told.link == reverse("care:trajectory_detail", args=[trajectory.pk])
    assert told.is_urgent
    [sent] = mail.outbox
    assert trajectory.reference in sent.subject
    for personal in ("Anna", "Kowalska", "1999"):
        assert personal not in sent.subject + sent.body


def test_a_period_far_from_its_end_or_of_a_closed_trajectory_is_not_told(trajectory, coordinator):
    _start(trajectory, coordinator, days_left=30)
    assert remind_reflection_periods() == 0
    assert remind_reflection_periods(today=TODAY + datetime.timedelta(days=16)) == 1
    other_day = TODAY + datetime.timedelta(days=17)
    assert remind_reflection_periods(today=other_day) == 0


def test_closed_trajectories_are_not_reminded(trajectory, coordinator):
    _start(trajectory, coordinator, days_left=5)
    trajectories.close_trajectory(trajectory_id=trajectory.pk, by=coordinator, outcome="declined")
    assert remind_reflection_periods() == 0


def test_an_extension_earns_a_new_reminder_near_the_new_end(trajectory, coordinator):
    _start(trajectory, coordinator, days_left=5)
    assert remind_reflection_periods() == 1
    reflection.extend_reflection_period(
        trajectory_id=trajectory.pk,
        by=coordinator,
        new_end=TODAY + datetime.timedelta(days=40),
        reason="Medische behandeling",
    )
    assert remind_reflection_periods() == 0
    assert remind_reflection_periods(today=TODAY + datetime.timedelta(days=30)) == 1
    assert _reminders().count() == 2


def test_the_command_queues_the_reminders_for_the_worker(trajectory, coordinator):
    """The test settings run tasks at once (ImmediateBackend), as the worker would."""
    _start(trajectory, coordinator, days_left=3)
    call_command("care_reminders")
    assert _reminders().count() == 1


@pytest.mark.parametrize("username", ["zorgcoordinator.twente", "hub.twente"])
def test_the_start_page_shows_what_waits_in_care(signed_in, trajectory, coordinator, username):
    _start(trajectory, coordinator, days_left=10)
    page = signed_in(username).get(reverse("casework:inbox"))
    care = page.context["care"]
    assert [p.trajectory for p in care.reflection_ending] == [trajectory]
    assert trajectory.reference in page.content.decode()


def test_the_start_page_shows_no_care_to_others(signed_in, trajectory, coordinator):
    _start(trajectory, coordinator, days_left=10)
    page = signed_in("afm.hengelo").get(reverse("casework:inbox"))
    assert page.context["care"] is None
    assert trajectory.reference not in page.content.decode()
