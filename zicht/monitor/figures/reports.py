"""The report figures: the period's reports counted per exploitation form, sector, source,
municipality and month, from one tally (:func:`report_tally`) that reads the period once.
For a period of whole months the tally takes what it can from the report months
(report_months.py). Reports are counted by ``received_at``."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from zicht.intake.models import Report
from zicht.intake.vocabulary import ExploitationForm, ReportSource, Sector
from zicht.monitor.codes import UNKNOWN
from zicht.monitor.figures.scope import Figure, Scope, choice_labels, figure_of_counts
from zicht.monitor.models import VictimRecordCoverage
from zicht.monitor.report_months import PERIOD_COLUMNS, month_rows, period_sql
from zicht.monitor.sql import fetch_all, per_vendor
from zicht.organisations.models import Municipality


def period_reports(scope: Scope) -> QuerySet[Report]:
    """The reports received in the scope's period and place."""
    qs = Report.objects.filter(
        received_at__gte=scope.start_at,
        received_at__lt=scope.end_before,
        municipality__region=scope.region,
    )
    if scope.municipality is not None:
        qs = qs.filter(municipality=scope.municipality)
    return qs


def report_count(scope: Scope) -> int:
    return period_reports(scope).count()


@dataclass
class ReportTally:
    """The period's reports counted per value of each reported attribute: from one query
    that reads the period once (grouping sets on PostgreSQL, a union of groupings over one
    common table expression on SQLite)."""

    forms: dict[str, int]  # JSON text of a distinct list -> reports
    sectors: dict[str, int]
    source: dict[str, int]
    municipality: dict[int, int]  # municipality id -> reports
    months: dict[tuple[int, int], int]  # (year, month) in the scope's time zone -> reports

    @property
    def total(self) -> int:
        return sum(self.source.values())


def report_tally(scope: Scope) -> ReportTally:
    """The period's report tally. For a period of whole months, from the region's report
    months (report_months.py) as far as they reach, plus every later report read from the
    registrations; otherwise, or without report months, from the registrations."""
    span = _whole_months(scope)
    mark = (
        VictimRecordCoverage.objects.filter(region=scope.region)
        .values_list("through_report", flat=True)
        .first()
    )
    if span is None or not mark:
        return tally_of(scope, period_reports(scope))
    tally = tally_of(scope, period_reports(scope).filter(pk__gt=mark))
    _add_rows(tally, month_rows(scope.region, scope.municipality, *span))
    return tally


def _whole_months(scope: Scope) -> tuple[int, int] | None:
    """The first and last month (YYYYMM) of a period of whole calendar months, else None."""
    if scope.start.day != 1 or (scope.end + datetime.timedelta(days=1)).day != 1:
        return None
    return scope.start.year * 100 + scope.start.month, scope.end.year * 100 + scope.end.month


def tally_of(scope: Scope, qs: QuerySet[Report]) -> ReportTally:
    """The tally of the reports ``qs`` read from the registrations, in one query that reads
    them once."""
    inner, params = period_sql(qs, scope.tz)
    sql = per_vendor(postgresql=_tally_by_grouping_sets(inner), sqlite=_tally_by_union(inner))
    tally = ReportTally({}, {}, {}, {}, {})
    _add_rows(tally, fetch_all(sql, params))
    return tally


def _add_rows(tally: ReportTally, rows) -> None:
    """Add counted rows (kind, value, reports) to the tally."""
    for kind, value, n in rows:
        counts = getattr(tally, "months" if kind == "month" else kind)
        if kind == "municipality":
            value = int(value)
        elif kind == "month":
            value = divmod(int(value), 100)
        counts[value] = counts.get(value, 0) + n


# The month of a row of period_sql as the text YYYYMM.
_MONTH = "CAST(CAST(year AS INTEGER) * 100 + CAST(month AS INTEGER) AS TEXT)"


def _tally_by_grouping_sets(inner: str) -> str:
    """PostgreSQL: grouping sets, one pass; GROUPING(...) tells which set a row belongs to."""
    which = "GROUPING(source, forms, sectors, municipality_id, year)"
    return f"""
        SELECT CASE {which} WHEN 15 THEN 'source' WHEN 23 THEN 'forms'
                   WHEN 27 THEN 'sectors' WHEN 29 THEN 'municipality' ELSE 'month' END,
               CASE {which} WHEN 15 THEN source WHEN 23 THEN CAST(forms AS TEXT)
                   WHEN 27 THEN CAST(sectors AS TEXT)
                   WHEN 29 THEN CAST(municipality_id AS TEXT) ELSE {_MONTH} END,
               COUNT(*)
        FROM ({inner}) AS period ({PERIOD_COLUMNS})
        GROUP BY GROUPING SETS ((source), (forms), (sectors), (municipality_id), (year, month))
    """  # noqa: S608 - the inner query is Django's, with its parameters


def _tally_by_union(inner: str) -> str:
    """The same as PostgreSQL's grouping sets, for SQLite: one grouping per attribute over a
    common table expression."""
    return f"""
        WITH period ({PERIOD_COLUMNS}) AS ({inner})
        SELECT 'source', source, COUNT(*) FROM period GROUP BY source
        UNION ALL SELECT 'forms', CAST(forms AS TEXT), COUNT(*) FROM period
            GROUP BY CAST(forms AS TEXT)
        UNION ALL SELECT 'sectors', CAST(sectors AS TEXT), COUNT(*) FROM period
            GROUP BY CAST(sectors AS TEXT)
        UNION ALL SELECT 'municipality', CAST(municipality_id AS TEXT), COUNT(*) FROM period
            GROUP BY municipality_id
        UNION ALL SELECT 'month', {_MONTH}, COUNT(*) FROM period GROUP BY year, month
    """  # noqa: S608 - the inner query is Django's, with its parameters


def _multi_valued(counted: dict[str, int], key: str, title, choices) -> Figure:
    """Reports per value of a JSON list column, from the counts per distinct list: a report
    naming two values counts under both, one naming none under unknown."""
    counts: Counter[str] = Counter()
    total = 0
    for text, n in counted.items():
        total += n
        values = (json.loads(text) if text else None) or [UNKNOWN]
        for value in set(values):
            counts[value] += n
    labels = choice_labels(choices)
    order = [value for value, _label in choices]
    rows = [(code, labels.get(code, code), counts[code]) for code in order if counts[code]]
    rows += [(code, code, n) for code, n in sorted(counts.items()) if code not in labels]
    return Figure(
        key,
        str(title),
        rows,
        total,
        additive=False,
        notes=[
            str(_("A report can name more than one; the rows can add up to more than the total."))
        ],
    )


def by_exploitation_form(scope: Scope, tally: ReportTally | None = None) -> Figure:
    tally = report_tally(scope) if tally is None else tally
    return _multi_valued(tally.forms, "forms", _("Exploitation form"), ExploitationForm.choices)


def by_sector(scope: Scope, tally: ReportTally | None = None) -> Figure:
    tally = report_tally(scope) if tally is None else tally
    return _multi_valued(tally.sectors, "sectors", _("Sector"), Sector.choices)


def by_source(scope: Scope, tally: ReportTally | None = None) -> Figure:
    tally = report_tally(scope) if tally is None else tally
    return figure_of_counts(tally.source, "source", _("Report source"), ReportSource.choices)


def by_municipality(scope: Scope, tally: ReportTally | None = None) -> Figure:
    """Hotspots: reports per municipality, most first."""
    tally = report_tally(scope) if tally is None else tally
    names = Municipality.objects.filter(pk__in=tally.municipality).values_list(
        "pk", "cbs_code", "name"
    )
    rows = sorted(
        ((code, name, tally.municipality[pk]) for pk, code, name in names),
        key=lambda row: (-row[2], row[1]),
    )
    return Figure("municipality", str(_("Municipality")), rows, sum(r[2] for r in rows))


def trend(scope: Scope, *, by: str = "month", tally: ReportTally | None = None) -> Figure:
    """Reports per month (or quarter), every period of the scope present (zeros included)."""
    tally = report_tally(scope) if tally is None else tally
    counts: Counter[tuple[int, int]] = Counter()
    for (year, month), n in tally.months.items():
        if by == "quarter":
            month = 3 * ((month - 1) // 3) + 1
        counts[(year, month)] += n
    rows = []
    year, month = scope.start.year, scope.start.month
    if by == "quarter":
        month = 3 * ((month - 1) // 3) + 1
    step = 3 if by == "quarter" else 1
    while (year, month) <= (scope.end.year, scope.end.month):
        quarter = (month - 1) // 3 + 1
        if by == "quarter":
            code = f"{year}-Q{quarter}"
            label = _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}
        else:
            code = f"{year}-{month:02d}"
            label = date_format(datetime.date(year, month, 1), "b Y")  # jan 2025
        rows.append((code, str(label), counts.get((year, month), 0)))
        month += step
        if month > 12:
            year, month = year + 1, month - 12
    title = _("Reports per quarter") if by == "quarter" else _("Reports per month")
    return Figure("trend", str(title), rows, sum(r[2] for r in rows))
