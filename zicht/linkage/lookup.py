"""“Is this person, phone or address already known in the region?” while registering.

Answers with the organisations to turn to and whom to contact there, never with
what they hold. Exact answers come from pseudonyms; fuzzy candidates from the date of birth
(the same, swapped, or one digit off with a similar name: trigram similarity on
PostgreSQL, the same surname key on SQLite), ranked by the linkage model's match
weights.

A look-up costs one query for the pseudonyms, one for the candidates, one for the
organisations when there is a hit, and the access-log entry."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, Q

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction
from zicht.casework.models import Case
from zicht.intake.identifiers import name_key
from zicht.intake.models import InvolvedPerson, Report
from zicht.linkage.models import LinkageRun
from zicht.linkage.registry import Counterpart, contact_role, known_at
from zicht.matching.normalise import normalise_birth_date
from zicht.matching.scoring import score_candidates
from zicht.organisations.models import Membership, Organisation

FUZZY_PROBABILITY = 0.9
FUZZY_CANDIDATES = 20  # from each source: the same date of birth, a date one digit off
TRIGRAM_THRESHOLD = 0.5

# What the model scores a candidate on, and the organisation that registered it.
_FIELDS = ("first_name", "last_name", "birth_date", "phone", "postcode", "house_number")


@dataclass(frozen=True)
class Possible:
    organisation: Organisation
    probability: float

    @property
    def contact(self) -> str:
        return str(contact_role(self.organisation).label)


@dataclass(frozen=True)
class LookupResult:
    known: list[Counterpart]
    possible: list[Possible]


def _swapped(day: datetime.date) -> datetime.date | None:
    try:
        return day.replace(month=day.day, day=day.month)
    except ValueError:
        return None


def _one_digit_off(day: datetime.date) -> list[datetime.date]:
    """Dates whose ISO form differs from this one's in one digit (the model's "one digit
    differs" level) and that the normaliser accepts."""
    iso = day.isoformat()
    found = []
    for i, digit in enumerate(iso):
        if not digit.isdigit():
            continue
        for other in "0123456789".replace(digit, ""):
            try:
                near = datetime.date.fromisoformat(f"{iso[:i]}{other}{iso[i + 1 :]}")
            except ValueError:
                continue
            if normalise_birth_date(near) is not None:
                found.append(near)
    return found


@functools.cache
def _candidates_sql() -> str:
    person, report, case = (m._meta.db_table for m in (InvolvedPerson, Report, Case))
    columns = ", ".join(f"p.{field}" for field in ("id", *_FIELDS))
    select = (
        f"SELECT {columns}, r.reporting_organisation_id FROM {person} p "  # noqa: S608
        f"JOIN {report} r ON r.id = p.report_id JOIN {case} c ON c.id = r.case_id "
        "WHERE c.region_id = %(region)s AND r.reporting_organisation_id IS NOT NULL "
        "AND NOT (r.reporting_organisation_id = ANY(%(skip)s)) AND "
    )
    ranked = "ORDER BY similarity(p.name_key, %(key)s) DESC, p.id LIMIT %(limit)s"
    # Names born on the dates one digit off are compared in the index on (birth_date)
    # INCLUDE (name_key, id) alone (migration 0003); only the close ones are read.
    near = (
        f"p.id IN (SELECT q.id FROM {person} q WHERE q.birth_date = ANY(%(near)s) "  # noqa: S608
        "AND similarity(q.name_key, %(key)s) >= %(threshold)s)"
    )
    return f"({select} p.birth_date = ANY(%(dates)s) {ranked}) UNION ({select} {near} {ranked})"


def _fuzzy_candidates(values: dict, region_id: int, skip: set[int]) -> list[dict[str, Any]]:
    """Candidates for the model to score, registered by organisations not in `skip`.

    Under the model's weights a candidate reaches FUZZY_PROBABILITY only with a date of birth
    that agrees exactly, day and month swapped, or in all but one digit (an agreeing phone or
    address is an exact hit already: test_only_an_agreeing_date_of_birth_makes_a_possible_match).
    So the candidates are the persons born on the date or its swap, closest names first, and
    those born on a date one digit off whose name looks alike (trigram similarity); without
    both names and a date of birth there are none."""
    first, last = values.get("first_name") or "", values.get("last_name") or ""
    birth = values.get("birth_date")
    if not first or not last or not isinstance(birth, datetime.date):
        return []
    dates = [d for d in (birth, _swapped(birth)) if d is not None]
    near = [d for d in _one_digit_off(birth) if d not in dates]
    wanted = name_key(first, last)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _candidates_sql(),
                {
                    "region": region_id,
                    "skip": sorted(skip),
                    "dates": dates,
                    "near": near,
                    "key": wanted,
                    "threshold": TRIGRAM_THRESHOLD,
                    "limit": FUZZY_CANDIDATES,
                },
            )
            rows = cursor.fetchall()
        found = {
            row[0]: dict(zip((*_FIELDS, "organisation_id"), row[1:], strict=True)) for row in rows
        }
        return list(found.values())
    # SQLite (the demo): no trigrams; a date one digit off needs the same surname key (or
    # the surname as first name: swapped)
    people = (
        InvolvedPerson.objects.filter(report__case__region_id=region_id)
        .exclude(report__reporting_organisation_id=None)
        .exclude(report__reporting_organisation_id__in=skip)
        .values("pk", *_FIELDS, organisation_id=F("report__reporting_organisation_id"))
    )
    by_pk: dict[int, dict[str, Any]] = {}
    for row in people.filter(birth_date__in=dates).order_by("pk")[:FUZZY_CANDIDATES]:
        by_pk[row.pop("pk")] = row
    if wanted:
        surname = wanted.split("|", 1)[1]
        similar = people.filter(
            Q(name_key__endswith=f"|{surname}") | Q(name_key__startswith=f"{surname}|"),
            birth_date__in=near,
        )
        for row in similar.order_by("pk")[:FUZZY_CANDIDATES]:
            by_pk.setdefault(row.pop("pk"), row)
    return list(by_pk.values())


def _record(values: dict) -> dict[str, Any]:
    """A person's fields as the scorer reads them (dates as ISO text)."""
    return {
        key: (value.isoformat() if isinstance(value, datetime.date) else value or "")
        for key, value in values.items()
        if key != "organisation_id"
    }


@functools.lru_cache(maxsize=32)
def _run_model(run_id: int, created_at: datetime.datetime) -> dict[str, Any] | None:
    model = LinkageRun.objects.values_list("model", flat=True).get(pk=run_id)
    return model or None


def region_model(region_id: int) -> dict[str, Any] | None:
    """The match weights trained on the region's own data by its latest linkage run, or None
    (the default weights) before the first run or when a run had too few records to train.
    A run's model never changes, so it is read from the database once per process."""
    latest = (
        LinkageRun.objects.filter(region_id=region_id)
        .order_by("-created_at", "-pk")
        .values_list("pk", "created_at")
        .first()
    )
    return None if latest is None else _run_model(*latest)


def lookup(values: dict, *, by: Membership) -> LookupResult:
    """Look up one person's identifiers as typed in a form (not yet saved)."""
    organisation = by.organisation
    region_id = organisation.region_id
    known_kinds = known_at(values, region_id=region_id, exclude_organisation_id=organisation.pk)
    candidates = _fuzzy_candidates(values, region_id, {organisation.pk, *known_kinds})
    scores = score_candidates(
        _record(values), [_record(candidate) for candidate in candidates], region_model(region_id)
    )
    best: dict[int, float] = {}
    for candidate, score in zip(candidates, scores, strict=True):
        other_id = candidate["organisation_id"]
        if score.match_probability >= FUZZY_PROBABILITY:
            best[other_id] = max(best.get(other_id, 0.0), score.match_probability)
    organisations = Organisation.objects.in_bulk([*known_kinds, *best])
    record_change(
        membership=by,
        action=AccessAction.LOOKUP,
        obj=organisation,
        purpose="already known check while registering",
        detail={
            "known_at": sorted(known_kinds),
            "possibly_at": sorted(best),
        },
    )
    return LookupResult(
        known=[Counterpart(organisations[pk], kind) for pk, kind in sorted(known_kinds.items())],
        possible=[Possible(organisations[pk], p) for pk, p in sorted(best.items())],
    )
