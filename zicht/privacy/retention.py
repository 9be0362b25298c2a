"""Applying the retention rules: what has expired, what would go tonight, and the nightly run.

Each record type has a *keeper* that knows which of its records have expired at a moment and
how to remove them. The keepers of the record types this app can reach are below; the portal
registers its own (receipts, messages, attachments) in its ``AppConfig.ready``. A case under an
active legal hold is skipped by every keeper. What a run did goes to the access log: per case
for what belonged to a case (with the persons), once per run for the rest.

The same two functions serve the page, the command and the task: :func:`preview` counts and
:func:`apply_retention` removes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from zicht.audit.checkpoints import expired_entries, prune
from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.casework.models import Case
from zicht.casework.workflow import ClosureReason, Status
from zicht.linkage.models import LinkageRun
from zicht.notifications.models import Notification
from zicht.privacy.anonymising import anonymise_case
from zicht.privacy.care_records import anonymiser, expired_trajectories, kept_trajectories
from zicht.privacy.models import (
    AnonymisedCase,
    LegalHold,
    RecordType,
    RetentionAction,
    RetentionRule,
    RetentionRun,
)

# Closure reasons of a report that led to nothing: no trafficking, too little to go on, or
# the same as another case.
WITHOUT_FOLLOW_UP = (
    ClosureReason.NO_INDICATION,
    ClosureReason.INSUFFICIENT_INFORMATION,
    ClosureReason.DUPLICATE,
)

NIGHTLY_AT = datetime.time(2, 30)  # Europe/Amsterdam, when nobody is working


@dataclass(frozen=True)
class Keeper:
    """How the records of one type are found expired and removed. ``expired`` gets the cutoff
    (records whose period started before it have expired) and returns a queryset; ``remove``
    removes them and returns how many."""

    record_type: RecordType
    expired: Callable[[datetime.datetime], QuerySet]
    remove: Callable[[QuerySet], int]


_keepers: dict[str, Keeper] = {}


def register_keeper(keeper: Keeper) -> None:
    _keepers[keeper.record_type] = keeper


def held_case_ids() -> QuerySet:
    return LegalHold.objects.active().values("case_id")


def closed_cases_before(cutoff: datetime.datetime) -> QuerySet[Case]:
    """Cases closed before ``cutoff`` and not under a legal hold (for the portal's keepers)."""
    return Case.objects.filter(status=Status.CLOSED, closed_at__lt=cutoff).exclude(
        pk__in=held_case_ids()
    )


def _cases_to_anonymise(cutoff: datetime.datetime, *, without_follow_up: bool) -> QuerySet[Case]:
    reasons = Q(closure_reason__in=WITHOUT_FOLLOW_UP)
    cases = closed_cases_before(cutoff).filter(reasons if without_follow_up else ~reasons)
    # Not while a victim's care records are kept: they name the person (care_records).
    cases = cases.exclude(pk__in=kept_trajectories().values("case_id"))
    # Not again, unless the case was reopened and closed after it was anonymised.
    done = AnonymisedCase.objects.filter(at__gte=F("case__closed_at")).values("case_id")
    return cases.exclude(pk__in=done).order_by("pk")


def _anonymise(record_type: RecordType) -> Callable[[QuerySet], int]:
    def remove(cases: QuerySet) -> int:
        count = 0
        for case in cases:
            anonymise_case(case, record_type=record_type)
            count += 1
        return count

    return remove


def _superseded_runs(cutoff: datetime.datetime) -> QuerySet[LinkageRun]:
    """Linkage runs that a newer run of their region replaced before ``cutoff``."""
    newer = LinkageRun.objects.filter(
        region=OuterRef("region"), created_at__gt=OuterRef("created_at"), created_at__lt=cutoff
    )
    return LinkageRun.objects.filter(Exists(newer)).order_by("pk")


def _delete_runs(runs: QuerySet) -> int:
    count = 0
    for run in runs:
        detail = {"retention": RecordType.LINKAGE_RUN, "records": run.record_count}
        record_change(
            membership=None,
            action=AccessAction.DELETE,
            obj=run,
            purpose=Purpose.RETENTION,
            detail=detail,
        )
        run.delete()
        count += 1
    return count


def _sent_notifications(cutoff: datetime.datetime) -> QuerySet[Notification]:
    return Notification.objects.filter(sent_at__isnull=False, created_at__lt=cutoff)


def _delete_all(records: QuerySet) -> int:
    # Notifications are deleted in bulk and logged once per run (no personal data: a case
    # reference and a link; see notifications.models).
    deleted, _ = records.delete()
    return deleted


for _keeper in (
    Keeper(
        RecordType.REPORT_WITHOUT_FOLLOW_UP,
        lambda cutoff: _cases_to_anonymise(cutoff, without_follow_up=True),
        _anonymise(RecordType.REPORT_WITHOUT_FOLLOW_UP),
    ),
    Keeper(
        RecordType.CLOSED_CASE,
        lambda cutoff: _cases_to_anonymise(cutoff, without_follow_up=False),
        _anonymise(RecordType.CLOSED_CASE),
    ),
    Keeper(RecordType.LINKAGE_RUN, _superseded_runs, _delete_runs),
    Keeper(RecordType.NOTIFICATION, _sent_notifications, _delete_all),
    Keeper(
        RecordType.CARE_TRAJECTORY,
        lambda cutoff: expired_trajectories(cutoff, minors=False),
        anonymiser(RecordType.CARE_TRAJECTORY),
    ),
    Keeper(
        RecordType.CARE_TRAJECTORY_YOUTH,
        lambda cutoff: expired_trajectories(cutoff, minors=True),
        anonymiser(RecordType.CARE_TRAJECTORY_YOUTH),
    ),
    # The access log's oldest part goes up to a checkpoint older than the cutoff, so that the
    # rest still verifies (zicht.audit.checkpoints); entries after it wait for a later one.
    Keeper(RecordType.ACCESS_LOG, expired_entries, prune),
):
    register_keeper(_keeper)


@dataclass(frozen=True)
class Expiry:
    """One rule and what of it has expired at a moment."""

    rule: RetentionRule
    count: int
    applied: bool  # False: the rule's records are kept (or no keeper knows the type yet)


def next_nightly_run(after: datetime.datetime | None = None) -> datetime.datetime:
    """The next nightly moment (02:30 in the Netherlands) after ``after`` (now)."""
    tz = ZoneInfo(settings.TIME_ZONE)
    local = timezone.localtime(after or timezone.now(), tz)
    at = datetime.datetime.combine(local.date(), NIGHTLY_AT, tzinfo=tz)
    if at <= local:
        at = datetime.datetime.combine(
            local.date() + datetime.timedelta(days=1), NIGHTLY_AT, tzinfo=tz
        )
    return at


def preview(at: datetime.datetime | None = None) -> list[Expiry]:
    """What has expired at ``at`` (by default: at tonight's run), per rule."""
    at = at or next_nightly_run()
    lines = []
    for rule in RetentionRule.objects.all():
        keeper = _keepers.get(rule.record_type)
        if keeper is None:
            lines.append(Expiry(rule, 0, applied=False))
            continue
        count = keeper.expired(rule.cutoff(at)).count()
        lines.append(Expiry(rule, count, applied=rule.action != RetentionAction.KEEP))
    return lines


def apply_retention(
    at: datetime.datetime | None = None, *, run: RetentionRun | None = None
) -> RetentionRun:
    """Remove or anonymise everything expired at ``at`` (now), rule by rule, and record the run
    (``run``, or a new one) with its counts in the access log. Each case is anonymised in a
    transaction of its own, so a long night holds no long transaction and an interrupted run
    leaves every case either done or untouched (the next run does the rest)."""
    at = at or timezone.now()
    run = run or RetentionRun.objects.create(started_at=at)
    removed: dict[str, int] = {}
    for rule in RetentionRule.objects.all():
        keeper = _keepers.get(rule.record_type)
        if keeper is None or rule.action == RetentionAction.KEEP:
            continue
        removed[rule.record_type] = keeper.remove(keeper.expired(rule.cutoff(at)))
    run.removed = removed
    run.finished_at = timezone.now()
    run.save(update_fields=["removed", "finished_at"])
    record_change(
        membership=None,
        action=AccessAction.DELETE,
        obj=run,
        purpose=Purpose.RETENTION,
        detail={"removed": removed},
    )
    return run
