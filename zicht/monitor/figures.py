"""The monitor's figures: one plain function per figure, over QuerySets, aggregated in
the database. Every function takes a :class:`Scope` (a region or one municipality and a
period) and returns a :class:`Figure` (category -> count) or a number; nothing here
knows who is looking (disclosure control is applied afterwards, in disclosure.py).

Person figures count **unique persons** (presumed victims): involved persons that the
region's latest linkage run put in one cluster count once; a person absent from that run
counts as their own unique person. Attributes of a unique person (sex, birth date,
nationality) are the first known value over their records, the age is taken at their
first report in the period.
"""

from __future__ import annotations

import datetime
import json
import statistics
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import (
    CharField,
    Count,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from zicht.casework.models import ActionKind, ActionStatus, Case, Feedback, FollowUpAction
from zicht.casework.workflow import ClosureReason
from zicht.intake.models import InvolvedPerson, Report
from zicht.intake.vocabulary import ExploitationForm, PersonRole, ReportSource, Sector, Sex
from zicht.linkage.models import PersonCluster
from zicht.monitor.codes import EU_COUNTRIES, FORM_BITS, NATIONALITY_CODES, SEX_CODES, UNKNOWN
from zicht.monitor.models import VictimRecordCoverage
from zicht.monitor.report_months import PERIOD_COLUMNS, month_rows, period_sql
from zicht.monitor.victim_records import latest_run, period_records_sql
from zicht.organisations.models import Municipality, Region

if TYPE_CHECKING:  # pandas is imported when first needed: it is slow to import
    import pandas as pd

# CTDC's age bands (lower bound, upper bound inclusive; None = open).
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0-8", 0, 8),
    ("9-17", 9, 17),
    ("18-20", 18, 20),
    ("21-23", 21, 23),
    ("24-26", 24, 26),
    ("27-29", 27, 29),
    ("30-38", 30, 38),
    ("39-47", 39, 47),
    ("48+", 48, None),
)


@dataclass(frozen=True)
class Scope:
    """A region, or one municipality of it, over the days ``start`` to ``end`` (inclusive)."""

    region: Region
    start: datetime.date
    end: datetime.date
    municipality: Municipality | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(settings.TIME_ZONE)

    @property
    def start_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.start, datetime.time.min, tzinfo=self.tz)

    @property
    def end_before(self) -> datetime.datetime:
        """The first moment after the period."""
        day = self.end + datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=self.tz)

    @classmethod
    def year(cls, region: Region, year: int, municipality: Municipality | None = None) -> Scope:
        return cls(region, datetime.date(year, 1, 1), datetime.date(year, 12, 31), municipality)

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))


@dataclass
class Figure:
    """Counts per category, in display order, with the total of what was counted.

    ``total`` is the number of units (reports, persons); for multi-valued attributes
    (exploitation forms, sectors) the cells can add up to more than the total."""

    key: str
    title: str
    rows: list[tuple[str, str, int]]  # (code, label, count)
    total: int
    unit: str = "reports"
    additive: bool = True  # the cells add up to the total
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {code: n for code, _label, n in self.rows}


# -------------------------------------------------------------------------------------------
# base querysets


def reports(scope: Scope) -> QuerySet[Report]:
    qs = Report.objects.filter(
        received_at__gte=scope.start_at,
        received_at__lt=scope.end_before,
        municipality__region=scope.region,
    )
    if scope.municipality is not None:
        qs = qs.filter(municipality=scope.municipality)
    return qs


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
    return Case.objects.filter(_of_cases(scope))


def presumed_victims(scope: Scope) -> QuerySet[InvolvedPerson]:
    """Presumed victims of the period's reports (a join, not a subquery: PostgreSQL plans
    it as one pass over the reports' index)."""
    qs = InvolvedPerson.objects.filter(
        role=PersonRole.PRESUMED_VICTIM,
        report__received_at__gte=scope.start_at,
        report__received_at__lt=scope.end_before,
        report__municipality__region=scope.region,
    )
    if scope.municipality is not None:
        qs = qs.filter(report__municipality=scope.municipality)
    return qs


# -------------------------------------------------------------------------------------------
# headline counts


def report_count(scope: Scope) -> int:
    return reports(scope).count()


def case_count(scope: Scope) -> int:
    return cases(scope).count()


def person_record_count(scope: Scope) -> int:
    """Presumed victims as mentioned in reports (one person in two reports counts twice)."""
    return presumed_victims(scope).count()


def unique_person_count(scope: Scope) -> int:
    """Unique presumed victims: clusters of the latest linkage run, plus every person the
    run did not include (each their own unique person). Two database counts."""
    victims = presumed_victims(scope)
    run = latest_run(scope.region)
    if run is None:
        return victims.count()
    clustered = PersonCluster.objects.filter(run=run, person__in=victims.values("pk"))
    in_run = clustered.values("cluster_id").distinct().count()
    outside = victims.exclude(
        pk__in=PersonCluster.objects.filter(run=run).values("person_id")
    ).count()
    return in_run + outside


# -------------------------------------------------------------------------------------------
# report figures (database aggregation; multi-valued lists split per distinct combination)


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


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
        return _tally_of(scope, reports(scope))
    tally = _tally_of(scope, reports(scope).filter(pk__gt=mark))
    _add_rows(tally, month_rows(scope.region, scope.municipality, *span))
    return tally


def _whole_months(scope: Scope) -> tuple[int, int] | None:
    """The first and last month (YYYYMM) of a period of whole calendar months, else None."""
    if scope.start.day != 1 or (scope.end + datetime.timedelta(days=1)).day != 1:
        return None
    return scope.start.year * 100 + scope.start.month, scope.end.year * 100 + scope.end.month


def _tally_of(scope: Scope, qs: QuerySet[Report]) -> ReportTally:
    """The tally of the reports ``qs``, from one query that reads them once."""
    inner, params = period_sql(qs, scope.tz)
    columns = PERIOD_COLUMNS
    month = "CAST(CAST(year AS INTEGER) * 100 + CAST(month AS INTEGER) AS TEXT)"
    if connection.vendor == "postgresql":
        # grouping sets: one pass; GROUPING(...) tells which set a row belongs to
        which = "GROUPING(source, forms, sectors, municipality_id, year)"
        sql = f"""
            SELECT CASE {which} WHEN 15 THEN 'source' WHEN 23 THEN 'forms'
                       WHEN 27 THEN 'sectors' WHEN 29 THEN 'municipality' ELSE 'month' END,
                   CASE {which} WHEN 15 THEN source WHEN 23 THEN CAST(forms AS TEXT)
                       WHEN 27 THEN CAST(sectors AS TEXT)
                       WHEN 29 THEN CAST(municipality_id AS TEXT) ELSE {month} END,
                   COUNT(*)
            FROM ({inner}) AS period ({columns})
            GROUP BY GROUPING SETS ((source), (forms), (sectors), (municipality_id), (year, month))
        """  # noqa: S608 - the inner query is Django's, with its parameters
    else:
        sql = _tally_by_union(inner, columns, month)
    tally = ReportTally({}, {}, {}, {}, {})
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        _add_rows(tally, cursor.fetchall())
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


def _tally_by_union(inner: str, columns: str, month: str) -> str:
    """The same as PostgreSQL's grouping sets, for SQLite: one grouping per attribute over a
    common table expression."""
    return f"""
        WITH period ({columns}) AS ({inner})
        SELECT 'source', source, COUNT(*) FROM period GROUP BY source
        UNION ALL SELECT 'forms', CAST(forms AS TEXT), COUNT(*) FROM period
            GROUP BY CAST(forms AS TEXT)
        UNION ALL SELECT 'sectors', CAST(sectors AS TEXT), COUNT(*) FROM period
            GROUP BY CAST(sectors AS TEXT)
        UNION ALL SELECT 'municipality', CAST(municipality_id AS TEXT), COUNT(*) FROM period
            GROUP BY municipality_id
        UNION ALL SELECT 'month', {month}, COUNT(*) FROM period GROUP BY year, month
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
    labels = _labels(choices)
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


def _grouped(qs: QuerySet, column: str, key: str, title, choices, unit: str = "reports") -> Figure:
    grouped = qs.values_list(column).annotate(n=Count("pk")).order_by()
    return _figure(dict(grouped.values_list(column, "n")), key, title, choices, unit)


def _figure(counts: dict, key: str, title, choices, unit: str = "reports") -> Figure:
    labels = _labels(choices)
    rows = [(code, labels[code], counts.get(code, 0)) for code in labels if counts.get(code)]
    rows += [(str(c), str(c) or str(_("Unknown")), n) for c, n in counts.items() if c not in labels]
    return Figure(key, str(title), rows, sum(counts.values()), unit=unit)


def by_source(scope: Scope, tally: ReportTally | None = None) -> Figure:
    tally = report_tally(scope) if tally is None else tally
    return _figure(tally.source, "source", _("Report source"), ReportSource.choices)


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
        label = f"{year}-Q{(month - 1) // 3 + 1}" if by == "quarter" else f"{year}-{month:02d}"
        rows.append((label, label, counts.get((year, month), 0)))
        month += step
        if month > 12:
            year, month = year + 1, month - 12
    title = _("Reports per quarter") if by == "quarter" else _("Reports per month")
    return Figure("trend", str(title), rows, sum(r[2] for r in rows))


# -------------------------------------------------------------------------------------------
# person figures (unique persons)


def person_frame(scope: Scope) -> pd.DataFrame:
    """One row per presumed-victim record of the scope, with its unique-person key and the
    'list' (organisation, or report source without one) that registered it. Fetched with
    two narrow queries; grouping happens in pandas."""
    import pandas as pd

    victims = presumed_victims(scope)
    run = latest_run(scope.region)
    cluster: Subquery | Value
    if run is not None:
        # One index lookup per person on the (run, person) unique constraint.
        cluster = Subquery(
            PersonCluster.objects.filter(run=run, person_id=OuterRef("pk")).values("cluster_id")[:1]
        )
    else:
        cluster = Value(None, output_field=CharField())
    rows = list(
        victims.annotate(cluster=cluster).values_list(
            "pk",
            "sex",
            "birth_date",
            "nationality",
            "report__received_at",
            "report__source",
            "report__reporting_organisation__name",
            "report__exploitation_forms",
            "cluster",
        )
    )
    columns = [
        "person_id",
        "sex",
        "birth_date",
        "nationality",
        "received_at",
        "source",
        "organisation",
        "forms",
        "cluster",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["cluster"] = [
        cluster if cluster else f"p{pk}"
        for pk, cluster in zip(frame["person_id"], frame["cluster"], strict=True)
    ]
    source_labels = _labels(ReportSource.choices)
    frame["list"] = [
        org if org else source_labels.get(src, src)
        for org, src in zip(frame["organisation"], frame["source"], strict=True)
    ]
    return frame


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    for label, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return UNKNOWN


def _missing(value) -> bool:
    """None, NaN or NaT (the last two are not equal to themselves)."""
    return value is None or value != value


def age_at(birth_date: datetime.date | None, on: datetime.date) -> int | None:
    if birth_date is None or _missing(birth_date) or _missing(on):
        return None
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def nationality_group(code: str | None) -> str:
    """Dutch / other EU / non-EU / unknown, from an ISO alpha-2 nationality."""
    if _missing(code) or not code:
        return UNKNOWN
    code = code.upper()
    if code == "NL":
        return "dutch"
    return "eu" if code in EU_COUNTRIES else "non_eu"


def domestic_or_cross_border(code: str | None) -> str:
    """Domestic when the person is Dutch, cross-border otherwise, unknown without a
    nationality. A proxy: the registrations hold no place of recruitment (docs/monitor.md)."""
    return border_of(nationality_group(code))


def border_of(group: str) -> str:
    """Domestic or cross-border for a nationality group (see domestic_or_cross_border)."""
    if group == UNKNOWN:
        return UNKNOWN
    return "domestic" if group == "dutch" else "cross_border"


NATIONALITY_GROUPS = (
    ("dutch", _("Dutch")),
    ("eu", _("Other EU")),
    ("non_eu", _("Outside the EU")),
    (UNKNOWN, _("Unknown")),
)
MINOR_CHOICES = (("minor", _("Minor (under 18)")), ("adult", _("Adult")), (UNKNOWN, _("Unknown")))
BORDER_CHOICES = (
    ("domestic", _("Domestic (Dutch nationality)")),
    ("cross_border", _("Cross-border (other nationality)")),
    (UNKNOWN, _("Unknown")),
)
AGE_CHOICES = (*tuple((label, label) for label, _low, _high in AGE_BANDS), (UNKNOWN, _("Unknown")))


def _person_figure(counts: Counter[str], total: int, key: str, title, choices) -> Figure:
    rows = [(code, str(label), counts[code]) for code, label in choices if counts[code]]
    return Figure(key, str(title), rows, total, unit="persons")


@dataclass
class PersonFigures:
    unique: int
    records: int
    sex: Figure
    age_band: Figure
    minor: Figure
    nationality: Figure
    border: Figure
    forms: Figure


# The first known value of a unique person is found with MIN over "second of the report
# times a base, plus the value's code" (codes.py): a plain aggregate instead of windows over
# sorted records, several times faster over a long period. Reports in the same second go to
# the smaller code.
BIRTH_BASE = 2**27  # above any YYYYMMDD
DAY_BASE = 10**8


def _person_groups_query(scope: Scope) -> tuple[str, list]:
    """One query over the period's presumed-victim records (victim_records.py). Per unique
    person: the first known sex, nationality group and birth date (in order of the reports),
    the day of the first report, the number of records and every exploitation form of every
    record (only the records of persons with several are grouped: most have one); then the
    persons counted per combination of sex, nationality group, age at the first report
    (above 47 as 48, below 0 as -1) and forms: a few hundred rows, whatever the period."""
    records, params = period_records_sql(
        scope.region, scope.municipality, scope.start_at, scope.end_before
    )
    bits = [FORM_BITS[code] for code in FORM_CODES]
    flags = ", ".join(f"f{bit}" for bit in bits)
    first, birth = "first_day", "birth_day"
    sql = f"""
        WITH records AS ({records}),
        persons AS (
            SELECT COUNT(*) AS records,
                   MIN(received_second * 8 + sex) %% 8 AS sex,
                   MIN(received_second * 4 + nationality_group) %% 4 AS nationality,
                   MIN(received_second * {BIRTH_BASE} + birth_day) %% {BIRTH_BASE} AS birth_day,
                   MIN(received_second * {DAY_BASE} + received_day) %% {DAY_BASE} AS first_day,
                   {", ".join(f"MAX(forms & {bit}) AS f{bit}" for bit in bits)}
            FROM records WHERE NOT alone GROUP BY unique_person
            UNION ALL
            SELECT 1, sex, nationality_group, birth_day, received_day,
                   {", ".join(f"forms & {bit}" for bit in bits)}
            FROM records WHERE alone
        ),
        aged AS (
            SELECT sex, nationality, records, {flags},
                   CASE WHEN {birth} IS NULL THEN NULL
                        WHEN {first} < {birth} THEN -1
                        WHEN ({first} - {birth}) / 10000 > 48 THEN 48
                        ELSE ({first} - {birth}) / 10000 END AS age
            FROM persons
        )
        SELECT sex, nationality, age, COUNT(*), SUM(records), {flags}
        FROM aged GROUP BY sex, nationality, age, {flags}
    """  # noqa: S608 - values are parameters
    return sql, params


FORM_CODES = [code for code, _label in ExploitationForm.choices]


def person_figures(scope: Scope) -> PersonFigures:
    """The person figures of the scope, from one database query (see
    :func:`_person_groups_query`); the age is taken on the (UTC) day of the first report."""
    sql, params = _person_groups_query(scope)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        groups = cursor.fetchall()
    sex: Counter[str] = Counter()
    bands: Counter[str] = Counter()
    minor: Counter[str] = Counter()
    nationality: Counter[str] = Counter()
    border: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    unique = records = 0
    sexes = {code: value for value, code in SEX_CODES.items()}
    groups_by_code = {code: group for group, code in NATIONALITY_CODES.items()}
    for sex_code, nationality_code, age, n, n_records, *flags in groups:
        unique += n
        records += int(n_records)
        sex[Sex.UNKNOWN if sex_code is None else sexes.get(sex_code, "other-value")] += n
        age = None if age is None else int(age)
        bands[age_band(age)] += n
        minor[UNKNOWN if age is None else ("minor" if age < 18 else "adult")] += n
        group = groups_by_code.get(nationality_code, UNKNOWN)
        nationality[group] += n
        border[border_of(group)] += n
        for form, flag in zip(FORM_CODES, flags, strict=True):
            if flag:
                forms[form] += n
    labels = _labels(ExploitationForm.choices)
    return PersonFigures(
        unique=unique,
        records=records,
        sex=_person_figure(sex, unique, "sex", _("Sex"), Sex.choices),
        age_band=_person_figure(bands, unique, "age_band", _("Age band"), AGE_CHOICES),
        minor=_person_figure(minor, unique, "minor", _("Minor or adult"), MINOR_CHOICES),
        nationality=_person_figure(
            nationality, unique, "nationality", _("Nationality"), NATIONALITY_GROUPS
        ),
        border=_person_figure(
            border, unique, "border", _("Domestic or cross-border"), BORDER_CHOICES
        ),
        forms=Figure(
            "person_forms",
            str(_("Unique persons by exploitation form")),
            [(c, labels[c], forms[c]) for c in labels if forms[c]],
            unique,
            unit="persons",
            additive=False,
        ),
    )


# -------------------------------------------------------------------------------------------
# follow-up and handling times


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
    return _figure(counts, "actions", _("Follow-up actions"), ActionKind.choices, "actions")


def actions_by_status(scope: Scope, tally: dict[tuple[str, str], int] | None = None) -> Figure:
    counts = _sum_by(action_tally(scope) if tally is None else tally, 1)
    return _figure(
        counts, "action_status", _("State of follow-up actions"), ActionStatus.choices, "actions"
    )


def closure_reasons(scope: Scope) -> Figure:
    qs = cases(scope).filter(closed_at__isnull=False, closed_at__lt=scope.end_before)
    return _grouped(
        qs, "closure_reason", "closure", _("Closure reasons"), ClosureReason.choices, "cases"
    )


def _median_days(values: list[datetime.timedelta]) -> float | None:
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
    medians = _middle_values_sql(inner)
    to_hub_n = to_first_n = 0
    middle: dict[str, list[datetime.timedelta]] = {"hub": [], "first": []}
    with connection.cursor() as cursor:
        cursor.execute(medians, params)
        for kind, value, n in cursor.fetchall():
            if kind == "hub_n":
                to_hub_n = n
            elif kind == "first_n":
                to_first_n = n
            else:
                middle[kind].append(_as_delta(value))
    as_of = min(scope.end, timezone.localdate())
    feedback = Feedback.objects.filter(_of_cases(scope, "case__"), due_on__lte=as_of)
    counts = feedback.aggregate(
        due=Count("pk"),
        overdue=Count("pk", filter=Q(given_at__isnull=True) | Q(given_at__gte=scope.end_before)),
        late=Count("pk", filter=Q(given_at__isnull=False, given_at__date__gt=F("due_on"))),
    )
    return HandlingTimes(
        to_hub_days=_median_days(middle["hub"]),
        to_hub_n=to_hub_n,
        to_first_action_days=_median_days(middle["first"]),
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
    zero = "INTERVAL '0 seconds'" if connection.vendor == "postgresql" else "0"
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


def _as_delta(value) -> datetime.timedelta:
    """SQLite returns a duration as microseconds; PostgreSQL as a timedelta."""
    if isinstance(value, datetime.timedelta):
        return value
    return datetime.timedelta(microseconds=int(value))


# -------------------------------------------------------------------------------------------
# everything for one page


@dataclass
class Overview:
    scope: Scope
    reports: int
    cases: int
    persons: PersonFigures
    figures: list[Figure]
    trend: Figure
    handling: HandlingTimes


def overview(scope: Scope, *, trend_by: str = "month") -> Overview:
    with _planned_for_ranges():
        return _overview(scope, trend_by=trend_by)


@contextmanager
def _planned_for_ranges() -> Iterator[None]:
    """On PostgreSQL, plan the overview's queries for what they are: short index ranges and
    index lookups on a server that keeps its tables in memory (``random_page_cost`` 1.1
    instead of the default 4, which is meant for spinning disks and makes PostgreSQL scan
    every follow-up action and feedback term to find those of a year's cases), with room to
    sort and hash a long period's persons in memory. For this transaction only."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL random_page_cost = 1.1")
                cursor.execute("SET LOCAL work_mem = '64MB'")
        yield


def _overview(scope: Scope, *, trend_by: str) -> Overview:
    tally = report_tally(scope)
    actions = action_tally(scope)
    persons = person_figures(scope)
    figures = [
        by_exploitation_form(scope, tally),
        by_sector(scope, tally),
        by_source(scope, tally),
        persons.sex,
        persons.age_band,
        persons.minor,
        persons.nationality,
        persons.border,
        persons.forms,
        actions_by_kind(scope, actions),
        actions_by_status(scope, actions),
        closure_reasons(scope),
    ]
    if scope.municipality is None:
        figures.insert(3, by_municipality(scope, tally))
    return Overview(
        scope=scope,
        reports=tally.total,
        cases=case_count(scope),
        persons=persons,
        figures=figures,
        trend=trend(scope, by=trend_by, tally=tally),
        handling=handling_times(scope),
    )


def cache_seconds() -> int:
    return int(getattr(settings, "ZICHT_MONITOR_CACHE_SECONDS", 300))


def cached_overview(scope: Scope, *, trend_by: str = "month") -> Overview:
    """The overview, kept in Django's cache for ``ZICHT_MONITOR_CACHE_SECONDS`` (default
    300; 0 switches it off). The key holds the scope, the language, the region's latest
    linkage run and the newest report, so a new report or linkage run shows at once; other
    changes (a case closed, an action done) show within the cache time."""
    seconds = cache_seconds()
    if seconds <= 0:
        return overview(scope, trend_by=trend_by)
    run = latest_run(scope.region)
    newest = Report.objects.aggregate(newest=Max("pk"))["newest"]
    key = ":".join(
        str(part)
        for part in (
            "monitor-overview",
            scope.region.pk,
            scope.municipality.pk if scope.municipality else "-",
            scope.start,
            scope.end,
            trend_by,
            translation.get_language(),
            run.pk if run else "-",
            newest,
        )
    )
    found = cache.get(key)
    if found is not None:
        return found
    data = overview(scope, trend_by=trend_by)
    cache.set(key, data, seconds)
    return data
