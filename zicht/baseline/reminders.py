"""Yearly reminders of the training register: a department of a municipality that has not
been trained in the last 12 months is brought to the attention of the municipality's focal
officers, once per calendar year per department.

The department row is claimed with a conditional UPDATE of `reminded_for_year` (so two
workers never both send it). The notification names the department and the municipality
and links the municipality's baseline page; nobody's name is in it."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zicht.baseline.models import Department
from zicht.baseline.proof import ProofRecords
from zicht.notifications.delivery import Text, notify_users
from zicht.organisations.models import Role
from zicht.organisations.recipients import staff_in_role


def remind_untrained_departments(today: datetime.date | None = None) -> int:
    """Tell the focal officers of every department not trained in the last 12 months, once
    this year; returns how many reminders were sent."""
    today = today or timezone.localdate()
    due = list(
        Department.objects.exclude(reminded_for_year=today.year).select_related(
            "municipality", "municipality__organisation"
        )
    )
    records = ProofRecords({d.municipality_id for d in due})
    untrained = {
        d.pk for m in {d.municipality_id for d in due} for d in records.untrained(m, today)
    }
    sent = 0
    for department in due:
        if department.pk not in untrained:
            continue
        with transaction.atomic():
            claimed = (
                Department.objects.filter(pk=department.pk)
                .exclude(reminded_for_year=today.year)
                .update(reminded_for_year=today.year)
            )
            if not claimed:
                continue
            municipality = department.municipality
            notify_users(
                staff_in_role(municipality.own_organisation, Role.FOCAL_OFFICER),
                subject=Text(
                    gettext_lazy("Training: %(department)s of %(municipality)s is due"),
                    {"department": department.name, "municipality": municipality.name},
                ),
                body=Text(
                    gettext_lazy(
                        "Nobody of the department %(department)s has followed a training on "
                        "human trafficking in the last 12 months. The baseline asks for yearly "
                        "attention: plan a training and record it in the training register."
                    ),
                    {"department": department.name},
                ),
                link=reverse("baseline:municipality", args=[municipality.cbs_code]),
            )
            sent += 1
    return sent


@task
def send_training_reminders() -> int:
    return remind_untrained_departments()
