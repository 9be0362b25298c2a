"""The baseline in Twente: Hengelo's focal officer and safety officer, Enschede's focal
officer, the hub and its analyst, from the demo set-up."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import translation

from zicht.baseline.models import CriterionChange, CriterionState, Department, Training
from zicht.notifications.models import Notification


@pytest.fixture
def focal(member):
    return member("afm.hengelo")


@pytest.fixture
def today() -> datetime.date:
    return datetime.date.today()  # noqa: DTZ011 - the tests run in the project's zone


def baseline_state() -> dict[str, Any]:
    """Everything the baseline holds: what a refused operation must leave as it was."""
    return {
        "changes": list(CriterionChange.objects.values_list("pk", flat=True)),
        "states": list(CriterionState.objects.values_list("pk", "status", "latest_id")),
        "departments": list(Department.objects.values_list("pk", "name", "reminded_for_year")),
        "trainings": list(Training.objects.values_list("pk", flat=True)),
        "notifications": Notification.objects.count(),
    }


@pytest.fixture
def english():
    with translation.override("en"):
        yield
