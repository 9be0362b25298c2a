"""Reminders of care deadlines: a reflection period about to end.

Each reminder is sent once per end date: the period row is claimed with a conditional
UPDATE (so two workers never both send it), and an extension, which moves the end, earns a
new reminder when the new end comes near. The notification carries the trajectory's
reference, the date and a link, never the person (zicht.notifications).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F, QuerySet
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zicht.care.models import ReflectionPeriod
from zicht.care.trajectories import coordinators, trajectory_link
from zicht.care.workflow import OPEN_STATUSES
from zicht.notifications.delivery import Text, notify_users

REMIND_DAYS_BEFORE_END = 14


def reflection_periods_ending(
    today: datetime.date, days: int = REMIND_DAYS_BEFORE_END
) -> QuerySet[ReflectionPeriod]:
    """Periods of open trajectories that end within `days` days from `today` (or have ended
    today)."""
    return ReflectionPeriod.objects.filter(
        trajectory__status__in=OPEN_STATUSES,
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=days),
    )


def remind_reflection_periods(today: datetime.date | None = None) -> int:
    """Tell the coordinators of every reflection period ending within two weeks, once;
    returns how many reminders were sent."""
    today = today or timezone.localdate()
    sent = 0
    due = reflection_periods_ending(today).exclude(reminded_for_end=F("ends_on"))
    for period in due.select_related("trajectory", "trajectory__case__region"):
        with transaction.atomic():
            claimed = (
                ReflectionPeriod.objects.filter(pk=period.pk, ends_on=period.ends_on)
                .exclude(reminded_for_end=period.ends_on)
                .update(reminded_for_end=period.ends_on)
            )
            if not claimed:
                continue
            trajectory = period.trajectory
            notify_users(
                coordinators(trajectory),
                subject=Text(
                    gettext_lazy("Reflection period ends on %(date)s: care trajectory %(ref)s"),
                    {"date": period.ends_on, "ref": trajectory.reference},
                ),
                body=gettext_lazy(
                    "The B8/3 reflection period of a victim in your care ends within two weeks. "
                    "Check whether a report to the police was made and what the residence "
                    "status will be."
                ),
                link=trajectory_link(trajectory),
                urgent=True,
            )
            sent += 1
    return sent


@task
def send_care_reminders() -> int:
    return remind_reflection_periods()
