"""Taking back the tasks of a worker that died.

The database worker (`django-tasks-db`) marks a task RUNNING when it claims it and
finished when it returns. A worker killed in between (out of memory, SIGKILL, power
loss) leaves the task RUNNING for ever: no other worker looks at it again. A task
gets a lease instead: once it has been running longer than `TASK_LEASE` its worker is
taken to be gone and the task is made ready again, for any worker to run. So every
task runs at least once; a task must therefore be safe to run twice, and must finish
well within the lease (the notification task is bounded by the SMTP time-out and
claims its notification for the same lease, so that a second run sends nothing).

A task taken back `MAX_RUNS` times is failed instead of run again: a task that kills
every worker that runs it must not take the queue down with it.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connection, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

MAX_RUNS = 5


class WorkerLost(Exception):
    """Recorded as the failure of a task whose workers died `MAX_RUNS` times."""


def recover_abandoned_tasks() -> int:
    """Make ready again every task whose worker's lease ran out; return how many."""
    cutoff = timezone.now() - settings.TASK_LEASE
    recovered = 0
    with transaction.atomic():
        stale = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lt=cutoff
        )
        for result in stale:
            if len(result.worker_ids) >= MAX_RUNS:
                result.set_failed(WorkerLost(f"its worker stopped {len(result.worker_ids)} times"))
                logger.error("task %s failed: its worker stopped too often", result.pk)
                continue
            result.status = TaskResultStatus.READY
            result.save(update_fields=["status"])
            logger.warning("task %s taken back from a worker that stopped", result.pk)
            recovered += 1
    return recovered


class Sweeper(threading.Thread):
    """Runs `recover_abandoned_tasks` every `interval` seconds beside a worker, so that
    a living worker takes over the tasks of one that died."""

    def __init__(self, interval: float) -> None:
        super().__init__(name="task-recovery", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                recover_abandoned_tasks()
            except Exception:  # the database may be away for a moment; try next round
                logger.exception("taking back abandoned tasks failed")
            finally:
                connection.close()

    def stop(self) -> None:
        self.stopped.set()
