"""The care figures: what happened to the presumed victims after their referral to care
coordination (`zicht.care`), read from the trajectories' append-only history.

A trajectory belongs to the scope through its case (the case's region and municipality).
Every figure is read from the history (`TrajectoryStep`), not from the trajectory's current
status, so a past period gives the same answer later: a trajectory is *in care* from a step
into "in care" or "aftercare" until its next step.

- **In care** (`CareFigures.in_care`): trajectories in the stage "in care" or "aftercare" at
  any moment of the period; **care started** (`started`): trajectories whose care started in
  the period.
- **Days to care** (`days_to_care`, over `days_to_care_n` care starts): for every start of
  care in the period, the days from the referral to care coordination, that is the opening
  of the trajectory (or its reopening, for a victim who came back) before it, to the start
  of care; the median in days, as the case figures take it.
- **Closed by outcome** (`closed`): trajectories closed in the period, by their recorded
  outcome (a trajectory closed twice in the period counts twice).
- **Re-victimisation within 12 months** (`relapsed` of `relapse_cohort`): of the
  trajectories closed between 12 months before the period's first day and 12 months before
  its last (closed at least 12 months before the period's end, so their twelve months ended
  within it), those reopened because the victim fell back into exploitation within 12
  months of closing.

One query (`_CARE_SQL`) reads the scope's history once. The shelter placements are figures
of their own (`placements.py`), added to `CareFigures.figures` in :func:`care_figures`: the
dashboard and the annual report show every figure of that list, under the same disclosure
control.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from zicht.care.models import CareTrajectory, TrajectoryStep
from zicht.care.workflow import Outcome, ReopenReason, TrajectoryStatus
from zicht.casework.models import Case
from zicht.monitor.figures.placements import placement_figures
from zicht.monitor.figures.scope import Figure, Scope, figure_of_counts
from zicht.monitor.sql import fetch_all, moment, months_later, seconds

RELAPSE_MONTHS = 12


@dataclass
class CareFigures:
    in_care: int
    started: int
    days_to_care: float | None
    days_to_care_n: int
    relapse_cohort: int
    relapsed: int
    cohort_first: datetime.date
    cohort_last: datetime.date
    figures: list[Figure] = field(default_factory=list)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the 29th of February a year earlier
    is the 28th)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


def _midnight(day: datetime.date, tz: ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def _care_sql(scope: Scope) -> tuple[str, list[object]]:
    """Rows (kind, code, number) for every count of the care figures, and the one or two
    middle waits (in seconds) of the days to care, from one read of the scope's history."""
    steps = TrajectoryStep._meta.db_table
    trajectories = CareTrajectory._meta.db_table
    cases = Case._meta.db_table
    cohort_start = _midnight(months_before(scope.start, RELAPSE_MONTHS), scope.tz)
    cohort_end = _midnight(months_before(scope.end, RELAPSE_MONTHS), scope.tz) + datetime.timedelta(
        days=1
    )
    # A trajectory closed before the re-victimisation cohort starts (and not reopened since)
    # has no step in or near the period: it is left out before its history is read.
    where = (
        "c.region_id = %s AND s.at < %s"
        f" AND NOT (tr.status = '{TrajectoryStatus.CLOSED.value}' AND tr.closed_at < %s)"
    )
    params: list[object] = [scope.region.pk, moment(scope.end_before), moment(cohort_start)]
    if scope.municipality is not None:
        where += " AND c.municipality_id = %s"
        params.append(scope.municipality.pk)
    start_at = moment(scope.start_at)
    in_care = f"'{TrajectoryStatus.IN_CARE.value}', '{TrajectoryStatus.AFTERCARE.value}'"
    middle = "rn IN ((n + 1) / 2, (n + 2) / 2)"  # 1-based: one for odd n, two for even
    sql = f"""
        WITH history AS (
            SELECT s.trajectory_id AS t, s.id, s.transition, s.to_status, s.reason, s.at,
                LEAD(s.at) OVER w AS next_at,
                LEAD(s.transition) OVER w AS next_transition,
                LEAD(s.reason) OVER w AS next_reason,
                MAX(CASE WHEN s.transition IN ('open', 'reopen') THEN s.at END)
                    OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS referred_at
            FROM {steps} s
            JOIN {trajectories} tr ON tr.id = s.trajectory_id
            JOIN {cases} c ON c.id = tr.case_id
            WHERE {where}
            WINDOW w AS (PARTITION BY s.trajectory_id ORDER BY s.at, s.id)
        ),
        waits AS (
            SELECT {seconds("at")} - {seconds("referred_at")} AS wait
            FROM history
            WHERE transition = 'start_care' AND at >= %s AND referred_at IS NOT NULL
        ),
        ranked AS (
            SELECT wait, ROW_NUMBER() OVER (ORDER BY wait) AS rn, COUNT(*) OVER () AS n
            FROM waits WHERE wait >= 0
        )
        SELECT 'in_care', '', COUNT(DISTINCT CASE
            WHEN to_status IN ({in_care}) AND (next_at IS NULL OR next_at >= %s) THEN t END)
            FROM history
        UNION ALL SELECT 'started', '', COUNT(DISTINCT CASE
            WHEN transition = 'start_care' AND at >= %s THEN t END) FROM history
        UNION ALL SELECT 'closed', reason, COUNT(*) FROM history
            WHERE transition = 'close' AND at >= %s GROUP BY reason
        UNION ALL SELECT 'cohort', '', COUNT(*) FROM history
            WHERE transition = 'close' AND at >= %s AND at < %s
        UNION ALL SELECT 'relapsed', '', COUNT(*) FROM history
            WHERE transition = 'close' AND at >= %s AND at < %s
            AND next_transition = 'reopen' AND next_reason = %s
            AND next_at < {months_later("at", RELAPSE_MONTHS)}
        UNION ALL SELECT 'wait_n', '', COUNT(*) FROM ranked
        UNION ALL SELECT 'wait', '', wait FROM ranked WHERE {middle}
    """  # noqa: S608 - table names from the models, values as parameters
    cohort = [moment(cohort_start), moment(cohort_end)]
    params += [start_at, start_at, start_at, start_at, *cohort, *cohort, ReopenReason.RELAPSE]
    return sql, params


def care_figures(scope: Scope) -> CareFigures:
    """Every care figure of the scope (see the module's description)."""
    sql, params = _care_sql(scope)
    counts: dict[str, int] = {}
    closed: dict[str, int] = {}
    waits: list[float] = []
    for kind, code, value in fetch_all(sql, params):
        if kind == "closed":
            closed[code] = int(value)
        elif kind == "wait":
            waits.append(int(value) / 86400)
        else:
            counts[kind] = int(value)
    return CareFigures(
        in_care=counts.get("in_care", 0),
        started=counts.get("started", 0),
        days_to_care=round(statistics.median(waits), 1) if waits else None,
        days_to_care_n=counts.get("wait_n", 0),
        relapse_cohort=counts.get("cohort", 0),
        relapsed=counts.get("relapsed", 0),
        cohort_first=months_before(scope.start, RELAPSE_MONTHS),
        cohort_last=months_before(scope.end, RELAPSE_MONTHS),
        figures=[closed_by_outcome(closed), *placement_figures(scope)],
    )


def closed_by_outcome(counts: dict[str, int]) -> Figure:
    return figure_of_counts(
        counts,
        "care_outcome",
        _("Care trajectories closed, by outcome"),
        Outcome.choices,
        "trajectories",
    )
