"""The B8/3 reflection period (Vreemdelingencirculaire B8/3; seed 004, §7.1): three months,
by default, for a foreign victim to decide on reporting to the police, during which they
have a right to shelter and care. Starting, extending and recording the decision."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.audit.models import AccessAction
from zicht.care.models import (
    PoliceReport,
    ReflectionExtension,
    ReflectionPeriod,
    ResidenceStatus,
    three_months_after,
)
from zicht.care.trajectories import CareRefused, lock_open_trajectory, log_change
from zicht.organisations.models import Membership


@transaction.atomic
def start_reflection_period(
    *,
    trajectory_id: int,
    by: Membership,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    residence_status: str = ResidenceStatus.REFLECTION,
) -> ReflectionPeriod:
    """Start the period; it ends three months after the start unless another end is given."""
    trajectory = lock_open_trajectory(trajectory_id, by)
    if ReflectionPeriod.objects.filter(trajectory=trajectory).exists():
        raise CareRefused(_("The reflection period has started already; extend it instead."))
    ends_on = ends_on or three_months_after(starts_on)
    if ends_on < starts_on:
        raise CareRefused(_("The end of the reflection period cannot be before its start."))
    if residence_status not in ResidenceStatus.values:
        raise CareRefused(_("Choose the residence status."))
    period = ReflectionPeriod.objects.create(
        trajectory=trajectory,
        starts_on=starts_on,
        ends_on=ends_on,
        residence_status=residence_status,
        recorded_by=by.user,
    )
    log_change(
        by,
        trajectory,
        AccessAction.UPDATE,
        reflection_start=starts_on.isoformat(),
        reflection_end=ends_on.isoformat(),
    )
    return period


@transaction.atomic
def extend_reflection_period(
    *, trajectory_id: int, by: Membership, new_end: datetime.date, reason: str
) -> ReflectionPeriod:
    trajectory = lock_open_trajectory(trajectory_id, by)
    period = ReflectionPeriod.objects.filter(trajectory=trajectory).first()
    if period is None:
        raise CareRefused(_("Start the reflection period first."))
    if new_end <= period.ends_on:
        raise CareRefused(_("An extension must end after the current end of the period."))
    if not reason.strip():
        raise CareRefused(_("Give the reason for the extension."))
    ReflectionExtension.objects.create(
        period=period,
        previous_end=period.ends_on,
        new_end=new_end,
        reason=reason.strip(),
        by=by.user,
    )
    period.ends_on = new_end
    period.save(update_fields=["ends_on"])
    log_change(by, trajectory, AccessAction.UPDATE, reflection_end=new_end.isoformat())
    return period


@transaction.atomic
def record_reflection_decision(
    *,
    trajectory_id: int,
    by: Membership,
    police_report: str,
    police_report_on: datetime.date | None,
    residence_status: str,
) -> ReflectionPeriod:
    """Whether the victim reported to the police (and when), and their residence status."""
    trajectory = lock_open_trajectory(trajectory_id, by)
    period = ReflectionPeriod.objects.filter(trajectory=trajectory).first()
    if period is None:
        raise CareRefused(_("Start the reflection period first."))
    if police_report not in PoliceReport.values:
        raise CareRefused(_("Choose whether a report was made to the police."))
    if residence_status not in ResidenceStatus.values:
        raise CareRefused(_("Choose the residence status."))
    if police_report == PoliceReport.YES:
        if police_report_on is None:
            raise CareRefused(_("Enter the date of the report to the police."))
        if police_report_on > timezone.localdate():
            raise CareRefused(_("The date of the report cannot be in the future."))
    else:
        police_report_on = None
    period.police_report = police_report
    period.police_report_on = police_report_on
    period.residence_status = residence_status
    period.save(update_fields=["police_report", "police_report_on", "residence_status"])
    log_change(
        by, trajectory, AccessAction.UPDATE, police_report=police_report, residence=residence_status
    )
    return period
