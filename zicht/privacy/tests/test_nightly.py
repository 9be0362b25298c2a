"""The nightly task: it runs the rules and the reminders, enqueues itself for the next night
through the task worker, and a second chain stops instead of working twice."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.tasks import default_task_backend
from django.test import override_settings
from django.utils import timezone

from zicht.privacy.models import RetentionRun
from zicht.privacy.nightly import nightly, run_nightly
from zicht.privacy.retention import next_nightly_run

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
AMSTERDAM = timezone.get_fixed_timezone(60)  # winter time


def test_the_next_run_is_at_half_past_two_at_night():
    evening = datetime.datetime(2027, 1, 15, 22, 0, tzinfo=AMSTERDAM)
    assert next_nightly_run(evening) == datetime.datetime(2027, 1, 16, 2, 30, tzinfo=AMSTERDAM)
    night = datetime.datetime(2027, 1, 16, 1, 0, tzinfo=AMSTERDAM)
    assert next_nightly_run(night) == datetime.datetime(2027, 1, 16, 2, 30, tzinfo=AMSTERDAM)


@override_settings(TASKS=DUMMY)
def test_a_run_enqueues_the_next_night_and_a_second_chain_stops():
    default_task_backend.clear()
    at = datetime.datetime(2027, 1, 16, 2, 30, tzinfo=AMSTERDAM)
    with time_machine.travel(at):
        run = run_nightly()
        assert run is not None
        assert run.next_run_at == at + datetime.timedelta(days=1)
        queued = default_task_backend.results
        assert [r.task.name for r in queued] == [nightly.name]
        assert queued[0].task.run_after == at + datetime.timedelta(days=1)
        assert run_nightly() is None  # the same night again: nothing, nothing enqueued
        assert len(default_task_backend.results) == 1
    with time_machine.travel(at + datetime.timedelta(days=1, minutes=1)):
        assert run_nightly() is not None
    assert RetentionRun.objects.count() == 2


def test_the_task_runs_through_the_worker_backend():
    # The test settings use the immediate backend: enqueueing runs it at once.
    result = nightly.enqueue()
    assert result.status == "SUCCESSFUL"
    assert RetentionRun.objects.count() == 1
