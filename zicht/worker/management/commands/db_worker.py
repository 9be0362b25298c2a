"""`manage.py db_worker`: django-tasks-db's worker, which also runs again the tasks of a
worker that stopped (see zicht/worker/recovery.py). It replaces the package's command of
the same name (zicht.worker comes before django_tasks_db in INSTALLED_APPS), so that no
installation runs a worker that leaves such tasks behind."""

from typing import Any

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from zicht.worker.recovery import Sweeper, recover_abandoned_tasks


class Command(db_worker.Command):
    help = "Run the task worker; it also runs again the tasks of a worker that stopped."

    def handle(self, *args: Any, **options: Any) -> None:
        recover_abandoned_tasks()
        sweeper = Sweeper(interval=max(1.0, settings.TASK_LEASE.total_seconds() / 2))
        if not options["batch"]:
            sweeper.start()
        try:
            super().handle(*args, **options)
        finally:
            sweeper.stop()
