"""Care in Twente: the hub, its care coordinator and a Hengelo case with a presumed victim,
from the demo set-up and the operations."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import translation

from zicht.audit.models import AccessLogEntry
from zicht.care import trajectories
from zicht.care.models import CareTrajectory
from zicht.notifications.models import Notification


@pytest.fixture
def hub(member):
    return member("hub.twente")


@pytest.fixture
def coordinator(member):
    """The care coordinator at Twente's hub."""
    return member("zorgcoordinator.twente")


@pytest.fixture
def case(make_report, person):
    """A Hengelo case with one presumed victim (adult) and a suspect."""
    return make_report(
        persons=[
            person(first_name="Anna", last_name="Kowalska", birth_date=datetime.date(1999, 4, 2)),
            person(role="suspect", first_name="Marek", last_name="Nowak"),
        ]
    ).case


@pytest.fixture
def victim(case):
    return case.reports.get().persons.get(role="presumed_victim")


@pytest.fixture
def trajectory(case, victim, hub, django_capture_on_commit_callbacks) -> CareTrajectory:
    """The victim's trajectory, opened by the hub and coordinated by the hub itself."""
    with django_capture_on_commit_callbacks(execute=True):
        return trajectories.open_trajectory(case_id=case.pk, person_id=victim.pk, by=hub)


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def care_state(trajectory: CareTrajectory) -> dict[str, Any]:
    """The trajectory and everything hanging from it, the notifications and the log: what a
    refused operation must leave as it was."""
    trajectory.refresh_from_db()
    period = getattr(trajectory, "reflection_period", None)
    return {
        "trajectory": (
            trajectory.status,
            trajectory.outcome,
            trajectory.closed_at,
            trajectory.relapse_case_id,
            trajectory.aftercare_follow_up_on,
        ),
        "steps": list(trajectory.steps.values_list("pk", flat=True)),
        "goals": list(trajectory.goals.values_list("pk", "status").order_by("pk")),
        "providers": list(trajectory.providers.values_list("pk", flat=True)),
        "contacts": list(trajectory.contacts.values_list("pk", flat=True)),
        "period": (
            (period.starts_on, period.ends_on, period.police_report, period.residence_status)
            if period
            else None
        ),
        "extensions": list(period.extensions.values_list("pk", flat=True)) if period else [],
        "notifications": Notification.objects.count(),
        "access_log": AccessLogEntry.objects.count(),
    }
