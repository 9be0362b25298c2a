"""Reminders, each sent once, and the daily run of every app's reminders.

An app registers its reminder function (``register_reminder``) in its ``AppConfig.ready``;
the task ``daily_reminders`` runs them all once a day through the task worker and enqueues
itself for the next morning, so no cron is needed (``manage.py reminders --schedule`` starts
the chain once after installing, as ``make run`` does; ``manage.py reminders`` sends what is
due at once).

Each reminder goes out once: ``remind_once`` claims it and creates its notifications in one
transaction, so a claim that loses (another worker, a second run the same day) sends
nothing. A record with a column of its own for the claim passes its own conditional UPDATE;
others claim a ``ReminderClaim`` row (``claim``). Reminders carry no personal data (see
``zicht.notifications.models``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.tasks import default_task_backend, task
from django.utils import timezone

from zicht.notifications.delivery import Words, notify_users
from zicht.notifications.models import ReminderClaim

Reminder = Callable[[datetime.date], int]
_REMINDERS: dict[str, Reminder] = {}

# The daily run: early in the morning in the Netherlands, before the working day.
DAILY_AT = datetime.time(6, 30)


def register_reminder(name: str, reminder: Reminder) -> None:
    """Add an app's reminder to the daily run; it is given today's date and returns how
    many reminders it sent."""
    _REMINDERS[name] = reminder


def claim(kind: str, object_id: int, for_date: datetime.date) -> bool:
    """Claim the reminder of ``kind`` for a record and date; False if it was claimed
    before."""
    try:
        with transaction.atomic():
            ReminderClaim.objects.create(kind=kind, object_id=object_id, for_date=for_date)
    except IntegrityError:
        return False
    return True


def remind_once(
    *,
    claimed: Callable[[], bool],
    users: Iterable[object],
    subject: Words,
    body: Words,
    link: str = "",
    urgent: bool = False,
) -> bool:
    """Send a reminder if ``claimed()`` wins its claim, in the same transaction (a failure
    after the claim takes the claim back with it); True if it was sent."""
    with transaction.atomic():
        if not claimed():
            return False
        notify_users(users, subject=subject, body=body, link=link, urgent=urgent)
    return True


def run_reminders(today: datetime.date | None = None) -> dict[str, int]:
    """Every registered reminder, for ``today``; how many each sent."""
    today = today or timezone.localdate()
    return {name: reminder(today) for name, reminder in sorted(_REMINDERS.items())}


def next_daily_run(after: datetime.datetime | None = None) -> datetime.datetime:
    tz = ZoneInfo(settings.TIME_ZONE)
    local = timezone.localtime(after or timezone.now(), tz)
    at = datetime.datetime.combine(local.date(), DAILY_AT, tzinfo=tz)
    if at <= local:
        at += datetime.timedelta(days=1)
    return at


def run_daily(now: datetime.datetime | None = None) -> dict[str, int] | None:
    """Today's reminders, unless today's run was done already (None then): two chains
    (the schedule started twice) do not both run, and only the winner goes on."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not claim("daily_reminders", 0, today):
        return None
    try:
        return run_reminders(today)
    finally:
        # Tomorrow's run is queued even if one of today's reminders failed.
        schedule(next_daily_run(now))


def schedule(at: datetime.datetime | None = None) -> bool:
    """Enqueue the daily run for ``at`` (by default the next morning's moment); False where
    the backend cannot defer (tests)."""
    if not default_task_backend.supports_defer:
        return False
    daily_reminders.using(run_after=at or next_daily_run()).enqueue()
    return True


@task
def daily_reminders() -> None:
    run_daily()
