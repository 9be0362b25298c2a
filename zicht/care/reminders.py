"""Reminders of care deadlines: a reflection period about to end, an aftercare follow-up
that is due.

Each reminder is sent once (``zicht.notifications.reminders.remind_once``). A reflection
period is claimed per end date with a conditional UPDATE of its own row (so two workers
never both send it), and an extension, which moves the end, earns a new reminder when the
new end comes near; an aftercare follow-up is claimed per follow-up date. The notification
carries the trajectory's reference, the date and a link, never the person. Both run daily
in the task worker's reminder run (registered in ``CareConfig.ready``).
"""

from __future__ import annotations

import datetime
from functools import partial

from django.db.models import F, QuerySet
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zicht.care.models import CareTrajectory, ReflectionPeriod
from zicht.care.trajectories import coordinators, trajectory_link
from zicht.care.workflow import OPEN_STATUSES, TrajectoryStatus
from zicht.notifications.delivery import Text
from zicht.notifications.reminders import claim, remind_once

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


def _claim_period(period: ReflectionPeriod) -> bool:
    """Claim the period's reminder for its present end date (a conditional UPDATE)."""
    return bool(
        ReflectionPeriod.objects.filter(pk=period.pk, ends_on=period.ends_on)
        .exclude(reminded_for_end=period.ends_on)
        .update(reminded_for_end=period.ends_on)
    )


def remind_reflection_periods(today: datetime.date | None = None) -> int:
    """Tell the coordinators of every reflection period ending within two weeks, once;
    returns how many reminders were sent."""
    today = today or timezone.localdate()
    sent = 0
    due = reflection_periods_ending(today).exclude(reminded_for_end=F("ends_on"))
    for period in due.select_related("trajectory", "trajectory__case__region"):
        trajectory = period.trajectory
        if remind_once(
            claimed=partial(_claim_period, period),
            users=coordinators(trajectory),
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
        ):
            sent += 1
    return sent


def remind_aftercare(today: datetime.date | None = None) -> int:
    """Tell the coordinators of every trajectory in aftercare whose follow-up date has
    come, once per follow-up date; returns how many reminders were sent."""
    today = today or timezone.localdate()
    sent = 0
    due = CareTrajectory.objects.filter(
        status=TrajectoryStatus.AFTERCARE, aftercare_follow_up_on__lte=today
    ).select_related("case__region", "coordinating_organisation")
    for trajectory in due:
        follow_up_on = trajectory.aftercare_follow_up_on
        assert follow_up_on is not None
        if remind_once(
            claimed=partial(claim, "care_aftercare", trajectory.pk, follow_up_on),
            users=coordinators(trajectory),
            subject=Text(
                gettext_lazy("Aftercare follow-up due on %(date)s: care trajectory %(ref)s"),
                {"date": follow_up_on, "ref": trajectory.reference},
            ),
            body=gettext_lazy(
                "The aftercare of a victim in your care has reached its follow-up date. "
                "Check how the person is doing, to prevent re-victimisation."
            ),
            link=trajectory_link(trajectory),
        ):
            sent += 1
    return sent


@task
def send_care_reminders() -> int:
    return remind_reflection_periods() + remind_aftercare()
