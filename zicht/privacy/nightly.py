"""The privacy app's nightly task, through the task worker (django-tasks): apply the retention
rules, remind privacy officers of requests whose deadline comes near and write the access
log's checkpoint. The task enqueues
itself for the next night; ``manage.py retention --schedule`` starts it once after
installing. Two chains (the command run twice) do not both work: a run that finds tonight
already done stops without enqueuing another."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.tasks import default_task_backend, task
from django.utils import timezone

from zicht.audit.checkpoints import write_checkpoint
from zicht.privacy.models import RetentionRule, RetentionRun
from zicht.privacy.retention import apply_retention, next_nightly_run
from zicht.privacy.subject_requests import remind_deadlines

# A run started this long before its planned moment still counts as that night's.
EARLY = datetime.timedelta(hours=1)


def run_nightly(now: datetime.datetime | None = None) -> RetentionRun | None:
    """Tonight's work, unless it was done already (None then)."""
    now = now or timezone.now()
    tonight = next_nightly_run(now)
    with transaction.atomic():
        # Claim the night. The rules' rows are the lock (they always exist): a second chain
        # waits here, then reads the run the first one wrote, and stops.
        list(RetentionRule.objects.select_for_update())
        latest = RetentionRun.objects.order_by("-started_at", "-pk").first()
        if latest is not None and latest.next_run_at and latest.next_run_at - EARLY > now:
            return None
        run = RetentionRun.objects.create(started_at=now, next_run_at=tonight)
    apply_retention(now, run=run)
    remind_deadlines(now)
    # Anchor the access log as it stands after tonight's work: a later night may remove the
    # entries up to here once they are past their period, and the file keeps the anchor.
    write_checkpoint()
    schedule(tonight)
    return run


def schedule(at: datetime.datetime) -> bool:
    """Enqueue the nightly task for ``at``; False where the backend cannot defer (tests)."""
    if not default_task_backend.supports_defer:
        return False
    nightly.using(run_after=at).enqueue()
    return True


@task
def nightly() -> None:
    run_nightly()
