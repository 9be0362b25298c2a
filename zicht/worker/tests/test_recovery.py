"""A task whose worker stopped is run again once its lease has run out; one that keeps
killing its workers is failed instead of taking the queue down with it."""

import datetime

import pytest
from django.core.management import get_commands
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from zicht.notifications.delivery import deliver_notification
from zicht.worker.recovery import MAX_RUNS, recover_abandoned_tasks


@pytest.fixture
def running(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def make(*, started_ago: datetime.timedelta, runs: int = 1) -> DBTaskResult:
        result = DBTaskResult.objects.get(pk=deliver_notification.enqueue(1).id)
        for number in range(runs):
            result.claim(f"worker-{number}")
        result.started_at = timezone.now() - started_ago
        result.save(update_fields=["started_at"])
        return result

    return make


def test_a_task_past_its_lease_is_made_ready_again(running, settings):
    stale = running(started_ago=settings.TASK_LEASE + datetime.timedelta(seconds=1))
    assert recover_abandoned_tasks() == 1
    stale.refresh_from_db()
    assert stale.status == TaskResultStatus.READY
    assert DBTaskResult.objects.ready().get() == stale


def test_a_task_within_its_lease_is_left_to_its_worker(running, settings):
    busy = running(started_ago=settings.TASK_LEASE - datetime.timedelta(seconds=5))
    assert recover_abandoned_tasks() == 0
    busy.refresh_from_db()
    assert busy.status == TaskResultStatus.RUNNING


def test_a_task_that_stopped_its_workers_too_often_is_failed(running, settings):
    poison = running(started_ago=settings.TASK_LEASE * 2, runs=MAX_RUNS)
    assert recover_abandoned_tasks() == 0
    poison.refresh_from_db()
    assert poison.status == TaskResultStatus.FAILED
    assert poison.exception_class_path == "zicht.worker.recovery.WorkerLost"


def test_the_worker_command_is_the_recovering_one():
    assert get_commands()["db_worker"] == "zicht.worker"
