"""The person figures: the period's presumed victims counted as **unique persons**.
Involved persons that the region's latest linkage run put in one cluster count once; a
person absent from that run counts as their own unique person. Attributes of a unique person
(sex, birth date, nationality) are the first known value over their records, the age is
taken at their first report in the period. The figures come from one query over the victim
records (victim_records.py); the dark number and the exports read the records into pandas
(:func:`person_frame`, :func:`presumed_victims`)."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import CharField, OuterRef, QuerySet, Subquery, Value
from django.utils.translation import gettext_lazy as _

from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import ExploitationForm, PersonRole, ReportSource, Sex
from zicht.linkage.models import PersonCluster
from zicht.monitor.codes import EU_COUNTRIES, FORM_BITS, NATIONALITY_CODES, SEX_CODES, UNKNOWN
from zicht.monitor.figures.scope import Figure, Scope, choice_labels
from zicht.monitor.sql import fetch_all
from zicht.monitor.victim_records import latest_run, period_records_sql

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
    source_labels = choice_labels(ReportSource.choices)
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
    groups = fetch_all(*_person_groups_query(scope))
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
    labels = choice_labels(ExploitationForm.choices)
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
