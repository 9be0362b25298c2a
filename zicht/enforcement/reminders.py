"""Reminders of measure deadlines: the term for views ending and the decision falling due.

Each reminder is sent once per date: the measure row is claimed with a conditional UPDATE (so
two workers never both send it), and a moved date earns a new reminder. The notification
goes to the municipality's enforcement staff and safety officer and carries the measure's
reference, the date and a link, never a person (zicht.notifications)."""

from __future__ import annotations

import datetime
from functools import partial

from django.db.models import F, Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zicht.enforcement.models import MUNICIPAL_ROLES, Measure, MeasureStatus
from zicht.notifications.delivery import Text
from zicht.notifications.reminders import remind_once
from zicht.organisations.models import Membership

REMIND_DAYS_BEFORE = 3


def _staff(measure: Measure) -> list:
    return [
        m.user
        for m in Membership.objects.active()
        .filter(organisation__municipality_id=measure.municipality_id, role__in=MUNICIPAL_ROLES)
        .select_related("user")
    ]


def _window(today: datetime.date, field: str) -> Q:
    return Q(
        **{
            f"{field}__gte": today,
            f"{field}__lte": today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        }
    )


def _claim(measure: Measure, deadline: str, reminded: str, date: datetime.date) -> bool:
    """Claim the measure's reminder of `deadline` for its present date (a conditional
    UPDATE): a second worker, or a second run, finds it claimed."""
    return bool(
        Measure.objects.filter(pk=measure.pk, **{deadline: date})
        .exclude(**{reminded: date})
        .update(**{reminded: date})
    )


def remind_measure_deadlines(today: datetime.date | None = None) -> int:
    """Tell the staff of every measure whose term for views ends, or whose decision is due,
    within three days, once per date; returns how many reminders were sent."""
    today = today or timezone.localdate()
    sent = 0
    kinds = (
        ("hearing_ends_on", "reminded_hearing_for", [MeasureStatus.INTENDED],
         gettext_lazy("The term for views ends on %(date)s: measure %(ref)s")),
        ("decision_due_on", "reminded_decision_for", [MeasureStatus.INTENDED, MeasureStatus.HEARD],
         gettext_lazy("A decision is due on %(date)s: measure %(ref)s")),
    )  # fmt: skip
    for deadline, reminded, statuses, subject in kinds:
        due = (
            Measure.objects.filter(_window(today, deadline), status__in=statuses)
            .exclude(**{reminded: F(deadline)})
            .order_by("pk")
        )
        for measure in due:
            date = getattr(measure, deadline)
            if remind_once(
                claimed=partial(_claim, measure, deadline, reminded, date),
                users=_staff(measure),
                subject=Text(subject, {"date": date, "ref": measure.reference}),
                body=gettext_lazy("Check the measure's next step before the date."),
                link=reverse("enforcement:measure_detail", args=[measure.pk]),
            ):
                sent += 1
    return sent


@task
def send_enforcement_reminders() -> int:
    return remind_measure_deadlines()
