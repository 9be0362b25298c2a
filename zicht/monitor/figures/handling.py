"""The case figures: the follow-up actions and closures of the cases opened in the period,
and the handling times along the meldroute (medians in days, feedback terms overdue).
Read from the registrations for every period: cases, actions and feedback change after
they are written, so a derived tally of them would go stale."""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, F, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.casework.models import ActionKind, ActionStatus, Case, Feedback, FollowUpAction
from zicht.casework.workflow import ClosureReason
from zicht.monitor.figures.scope import Figure, Scope, figure_of_counts
from zicht.monitor.sql import as_timedelta, fetch_all, zero_duration


def _of_cases(scope: Scope, prefix: str = "") -> Q:
    """The cases opened in the period (``prefix`` "case__" for rows of a case: a join, which
    PostgreSQL reads through the case's index instead of scanning every row)."""
    condition = Q(
        **{
            f"{prefix}region": scope.region,
            f"{prefix}opened_at__gte": scope.start_at,
            f"{prefix}opened_at__lt": scope.end_before,
        }
    )
    if scope.municipality is not None:
        condition &= Q(**{f"{prefix}municipality": scope.municipality})
    return condition


def cases(scope: Scope) -> QuerySet[Case]:
    """The cases opened in the scope's period and place."""
    return Case.objects.filter(_of_cases(scope))


def case_count(scope: Scope) -> int:
    return cases(scope).count()


def action_tally(scope: Scope) -> dict[tuple[str, str], int]:
    """Follow-up actions of the period's cases per (kind, status), in one query."""
    grouped = (
        FollowUpAction.objects.filter(_of_cases(scope, "case__"))
        .values_list("kind", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(kind, status): n for kind, status, n in grouped}


def _sum_by(tally: dict[tuple[str, str], int], position: int) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for key, n in tally.items():
        counts[key[position]] += n
    return dict(counts)


def actions_by_kind(scope: Scope, tally: dict[tuple[str, str], int] | None = None) -> Figure:
    counts = _sum_by(action_tally(scope) if tally is None else tally, 0)
    return figure_of_counts(
        counts, "actions", _("Follow-up actions"), ActionKind.choices, "actions"
    )


def actions_by_status(scope: Scope, tally: dict[tuple[str, str], int] | None = None) -> Figure:
    counts = _sum_by(action_tally(scope) if tally is None else tally, 1)
    return figure_of_counts(
        counts, "action_status", _("State of follow-up actions"), ActionStatus.choices, "actions"
    )


def closure_reasons(scope: Scope) -> Figure:
    qs = cases(scope).filter(closed_at__isnull=False, closed_at__lt=scope.end_before)
    grouped = qs.values_list("closure_reason").annotate(n=Count("pk")).order_by()
    counts = dict(grouped.values_list("closure_reason", "n"))
    return figure_of_counts(counts, "closure", _("Closure reasons"), ClosureReason.choices, "cases")


def median_days(values: list[datetime.timedelta]) -> float | None:
    """The median in days (one decimal) of the durations that are not negative."""
    days = [v.total_seconds() / 86400 for v in values if v is not None and v.total_seconds() >= 0]
    return round(statistics.median(days), 1) if days else None


@dataclass
class HandlingTimes:
    to_hub_days: float | None
    to_hub_n: int
    to_first_action_days: float | None
    to_first_action_n: int
    feedback_due: int
    feedback_overdue: int
    feedback_late: int


def handling_times(scope: Scope) -> HandlingTimes:
    """Medians in days along the meldroute for the cases opened in the period; feedback
    overdue as at the end of the period (or today, if that is earlier)."""
    qs = cases(scope)
    # one row per case: the time to the hub (if reported before the end) and to the first
    # action (if one was created before the end)
    before_end = Q(actions__created_at__lt=scope.end_before)
    per_case = (
        qs.annotate(first=Min("actions__created_at", filter=before_end))
        .annotate(
            to_hub=models.Case(
                models.When(
                    reported_to_hub_at__lt=scope.end_before,
                    then=F("reported_to_hub_at") - F("opened_at"),
                ),
                output_field=models.DurationField(),
            ),
            to_first=F("first") - F("opened_at"),
        )
        .values_list("to_hub", "to_first")
        .order_by()
    )
    # Django's query, wrapped so that the database returns only the counts and the one or
    # two middle values of each median (ten years are some 34,000 cases, which took longer
    # to hand over to Python than to compute).
    inner, params = per_case.query.sql_with_params()
    to_hub_n = to_first_n = 0
    middle: dict[str, list[datetime.timedelta]] = {"hub": [], "first": []}
    for kind, value, n in fetch_all(_middle_values_sql(inner), params):
        if kind == "hub_n":
            to_hub_n = n
        elif kind == "first_n":
            to_first_n = n
        else:
            middle[kind].append(as_timedelta(value))
    as_of = min(scope.end, timezone.localdate())
    feedback = Feedback.objects.filter(_of_cases(scope, "case__"), due_on__lte=as_of)
    counts = feedback.aggregate(
        due=Count("pk"),
        overdue=Count("pk", filter=Q(given_at__isnull=True) | Q(given_at__gte=scope.end_before)),
        late=Count("pk", filter=Q(given_at__isnull=False, given_at__date__gt=F("due_on"))),
    )
    return HandlingTimes(
        to_hub_days=median_days(middle["hub"]),
        to_hub_n=to_hub_n,
        to_first_action_days=median_days(middle["first"]),
        to_first_action_n=to_first_n,
        feedback_due=counts["due"],
        feedback_overdue=counts["overdue"],
        feedback_late=counts["late"],
    )


def _middle_values_sql(per_case: str) -> str:
    """SQL over a query of (to_hub, to_first) per case: rows ("hub_n" / "first_n", NULL, n)
    with the number of cases that have a time, and ("hub" / "first", time, NULL) with the
    middle one or two of the times that are not negative (the median is their mean, as
    statistics.median takes it)."""
    zero = zero_duration()
    middle = "rn IN ((n + 1) / 2, (n + 2) / 2)"  # 1-based: one for odd n, two for even
    ranked = """
        SELECT {0} AS v, ROW_NUMBER() OVER (ORDER BY {0}) AS rn, COUNT(*) OVER () AS n
        FROM per_case WHERE {0} >= {1}
    """
    return f"""
        WITH per_case (to_hub, to_first) AS ({per_case}),
        hub AS ({ranked.format("to_hub", zero)}),
        first_action AS ({ranked.format("to_first", zero)})
        SELECT 'hub', v, CAST(NULL AS BIGINT) FROM hub WHERE {middle}
        UNION ALL SELECT 'first', v, CAST(NULL AS BIGINT) FROM first_action WHERE {middle}
        UNION ALL SELECT 'hub_n', NULL, COUNT(to_hub) FROM per_case
        UNION ALL SELECT 'first_n', NULL, COUNT(to_first) FROM per_case
    """  # noqa: S608 - the inner query is Django's, with its parameters
