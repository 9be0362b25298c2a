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
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from zicht.casework.models import ActionKind, ActionStatus, Case, Feedback, FollowUpAction
from zicht.casework.workflow import ClosureReason
from zicht.intake.models import InvolvedPerson, Report
from zicht.intake.vocabulary import ExploitationForm, PersonRole, ReportSource, Sector, Sex
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.organisations.models import Municipality, Region

if TYPE_CHECKING:  # pandas is imported when first needed: it is slow to import
    import pandas as pd

# EU member states (ISO 3166-1 alpha-2), the Netherlands excluded; Greece as GR (ISO),
# also accepting EL (the EU's own code).
EU_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "EL",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)

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
UNKNOWN = "unknown"


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


def cases(scope: Scope) -> QuerySet[Case]:
    qs = Case.objects.filter(
        region=scope.region, opened_at__gte=scope.start_at, opened_at__lt=scope.end_before
    )
    if scope.municipality is not None:
        qs = qs.filter(municipality=scope.municipality)
    return qs


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


def latest_run(region: Region) -> LinkageRun | None:
    return LinkageRun.objects.filter(region=region).order_by("-created_at", "-pk").first()


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


def _multi_valued(scope: Scope, column: str, key: str, title, choices) -> Figure:
    """Count reports per value of a JSON list column: the database groups by the distinct
    combinations, Python splits the (few) combinations."""
    counts: Counter[str] = Counter()
    total = 0
    grouped = reports(scope).values_list(column).annotate(n=Count("pk")).order_by()
    for combination, n in grouped.values_list(column, "n"):
        total += n
        values = combination or [UNKNOWN]
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


def by_exploitation_form(scope: Scope) -> Figure:
    return _multi_valued(
        scope, "exploitation_forms", "forms", _("Exploitation form"), ExploitationForm.choices
    )


def by_sector(scope: Scope) -> Figure:
    return _multi_valued(scope, "sectors", "sectors", _("Sector"), Sector.choices)


def _grouped(qs: QuerySet, column: str, key: str, title, choices, unit: str = "reports") -> Figure:
    grouped = qs.values_list(column).annotate(n=Count("pk")).order_by()
    counts = dict(grouped.values_list(column, "n"))
    labels = _labels(choices)
    rows = [(code, labels[code], counts.get(code, 0)) for code in labels if counts.get(code)]
    rows += [(str(c), str(c) or str(_("Unknown")), n) for c, n in counts.items() if c not in labels]
    return Figure(key, str(title), rows, sum(counts.values()), unit=unit)


def by_source(scope: Scope) -> Figure:
    return _grouped(reports(scope), "source", "source", _("Report source"), ReportSource.choices)


def by_municipality(scope: Scope) -> Figure:
    """Hotspots: reports per municipality, most first."""
    qs = (
        reports(scope)
        .values_list("municipality__cbs_code", "municipality__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "municipality__name")
    )
    rows = [(code, name, n) for code, name, n in qs]
    return Figure("municipality", str(_("Municipality")), rows, sum(r[2] for r in rows))


def trend(scope: Scope, *, by: str = "month") -> Figure:
    """Reports per month (or quarter), every period of the scope present (zeros included)."""
    trunc = TruncQuarter if by == "quarter" else TruncMonth
    qs = (
        reports(scope)
        .annotate(period=trunc("received_at", tzinfo=scope.tz))
        .values("period")
        .annotate(n=Count("pk"))
        .order_by("period")
    )
    counts = {}
    for row in qs:
        period = row["period"]
        day = period.date() if isinstance(period, datetime.datetime) else period
        counts[(day.year, day.month)] = row["n"]
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


def unique_persons(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per unique person: first known sex, birth date and nationality, first report."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(
            columns=["cluster", "sex", "birth_date", "nationality", "received_at", "forms"]
        )
    work = frame.sort_values("received_at").copy()
    work["sex"] = work["sex"].where(work["sex"] != Sex.UNKNOWN)
    work["nationality"] = work["nationality"].where(work["nationality"] != "")
    grouped = work.groupby("cluster", sort=False)
    persons = grouped.agg(
        sex=("sex", "first"),
        birth_date=("birth_date", "first"),
        nationality=("nationality", "first"),
        received_at=("received_at", "first"),
    )
    # every form of every record of the person (a dict: pandas would call Python per group)
    forms: dict[str, set[str]] = {}
    for cluster, record_forms in zip(work["cluster"], work["forms"], strict=True):
        forms.setdefault(cluster, set()).update(record_forms or [UNKNOWN])
    persons["forms"] = [sorted(forms[cluster]) for cluster in persons.index]
    persons["sex"] = persons["sex"].fillna(Sex.UNKNOWN)
    return persons.reset_index()


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
    if _missing(birth_date) or _missing(on):
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
    group = nationality_group(code)
    if group == UNKNOWN:
        return UNKNOWN
    return "domestic" if group == "dutch" else "cross_border"


def _person_attributes(persons: pd.DataFrame) -> pd.DataFrame:
    persons = persons.copy()
    ages = [
        age_at(birth, received.date() if received is not None else None)
        for birth, received in zip(persons["birth_date"], persons["received_at"], strict=True)
    ]
    persons["age"] = ages
    persons["age_band"] = [age_band(a) for a in ages]
    persons["minor"] = [UNKNOWN if a is None else ("minor" if a < 18 else "adult") for a in ages]
    persons["nationality_group"] = [nationality_group(c) for c in persons["nationality"]]
    persons["border"] = [domestic_or_cross_border(c) for c in persons["nationality"]]
    return persons


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


def _person_figure(persons: pd.DataFrame, column: str, key: str, title, choices) -> Figure:
    counts = persons[column].value_counts().to_dict() if len(persons) else {}
    rows = [(code, str(label), int(counts.get(code, 0))) for code, label in choices]
    rows = [row for row in rows if row[2]]
    return Figure(key, str(title), rows, len(persons), unit="persons")


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


def person_figures(scope: Scope, frame: pd.DataFrame | None = None) -> PersonFigures:
    frame = person_frame(scope) if frame is None else frame
    persons = _person_attributes(unique_persons(frame))
    form_counts: Counter[str] = Counter(f for forms in persons["forms"] for f in forms)
    labels = _labels(ExploitationForm.choices)
    form_rows = [(c, labels[c], form_counts[c]) for c in labels if form_counts[c]]
    return PersonFigures(
        unique=len(persons),
        records=len(frame),
        sex=_person_figure(persons, "sex", "sex", _("Sex"), Sex.choices),
        age_band=_person_figure(persons, "age_band", "age_band", _("Age band"), AGE_CHOICES),
        minor=_person_figure(persons, "minor", "minor", _("Minor or adult"), MINOR_CHOICES),
        nationality=_person_figure(
            persons, "nationality_group", "nationality", _("Nationality"), NATIONALITY_GROUPS
        ),
        border=_person_figure(
            persons, "border", "border", _("Domestic or cross-border"), BORDER_CHOICES
        ),
        forms=Figure(
            "person_forms",
            str(_("Unique persons by exploitation form")),
            form_rows,
            len(persons),
            unit="persons",
            additive=False,
        ),
    )


# -------------------------------------------------------------------------------------------
# follow-up and handling times


def actions_by_kind(scope: Scope) -> Figure:
    qs = FollowUpAction.objects.filter(case__in=cases(scope).values("pk"))
    return _grouped(qs, "kind", "actions", _("Follow-up actions"), ActionKind.choices, "actions")


def actions_by_status(scope: Scope) -> Figure:
    qs = FollowUpAction.objects.filter(case__in=cases(scope).values("pk"))
    return _grouped(
        qs,
        "status",
        "action_status",
        _("State of follow-up actions"),
        ActionStatus.choices,
        "actions",
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
    to_hub = list(
        qs.filter(reported_to_hub_at__isnull=False, reported_to_hub_at__lt=scope.end_before)
        .annotate(d=F("reported_to_hub_at") - F("opened_at"))
        .values_list("d", flat=True)
    )
    before_end = Q(actions__created_at__lt=scope.end_before)
    first_action = list(
        qs.annotate(first=Min("actions__created_at", filter=before_end))
        .filter(first__isnull=False)
        .annotate(d=F("first") - F("opened_at"))
        .values_list("d", flat=True)
    )
    as_of = min(scope.end, timezone.localdate())
    feedback = Feedback.objects.filter(case__in=qs.values("pk"), due_on__lte=as_of)
    counts = feedback.aggregate(
        due=Count("pk"),
        overdue=Count("pk", filter=Q(given_at__isnull=True) | Q(given_at__gte=scope.end_before)),
        late=Count("pk", filter=Q(given_at__isnull=False, given_at__date__gt=F("due_on"))),
    )
    to_hub_days = [_as_delta(v) for v in to_hub]
    first_days = [_as_delta(v) for v in first_action]
    return HandlingTimes(
        to_hub_days=_median_days(to_hub_days),
        to_hub_n=len(to_hub_days),
        to_first_action_days=_median_days(first_days),
        to_first_action_n=len(first_days),
        feedback_due=counts["due"],
        feedback_overdue=counts["overdue"],
        feedback_late=counts["late"],
    )


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
    frame: pd.DataFrame | None


def overview(scope: Scope, *, trend_by: str = "month") -> Overview:
    frame = person_frame(scope)
    persons = person_figures(scope, frame)
    figures = [
        by_exploitation_form(scope),
        by_sector(scope),
        by_source(scope),
        persons.sex,
        persons.age_band,
        persons.minor,
        persons.nationality,
        persons.border,
        persons.forms,
        actions_by_kind(scope),
        actions_by_status(scope),
        closure_reasons(scope),
    ]
    if scope.municipality is None:
        figures.insert(3, by_municipality(scope))
    return Overview(
        scope=scope,
        reports=report_count(scope),
        cases=case_count(scope),
        persons=persons,
        figures=figures,
        trend=trend(scope, by=trend_by),
        handling=handling_times(scope),
        frame=frame,
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
    data.frame = None  # the records stay out of the cache
    cache.set(key, data, seconds)
    return data
