"""“Is this already known?”, asked of a case or of the identifiers typed in a form.

- Of a case (the hub, on the case page): the earlier cases of the region, among those the hub
  may see, that share a person's name and date of birth, phone or address (exact, on the
  stored keys of the involved persons, zicht/intake/identifiers.py).
- Of the identifiers typed in a report form, while registering: the other organisations of the
  region that registered the same identifier (the register's pseudonyms) or a likely match,
  and whom to contact there; never what they hold. Likely matches come from the date of birth
  (the same, swapped, or one digit off with a similar name: trigram similarity on PostgreSQL,
  the same surname key on SQLite) or, without a date of birth, from the same name, ranked by
  the linkage model's match weights; a likely match that rests on the name alone says so.

Every check is written to the access log. A look-up of typed identifiers costs one query for
the pseudonyms, one for the candidates, one for the organisations when there is a hit, and
the access-log entry."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F, Q

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.casework.models import Case
from zicht.intake.identifiers import name_key
from zicht.intake.models import InvolvedPerson, Report
from zicht.linkage.region_weights import region_model
from zicht.matching.normalise import normalise_birth_date
from zicht.matching.scoring import score_candidates
from zicht.organisations.models import Membership, Organisation
from zicht.register.counterparts import Counterpart, known_at
from zicht.register.models import IdentifierKind

FUZZY_PROBABILITY = 0.9
FUZZY_CANDIDATES = 20  # from each source: the same date of birth, a date one digit off
TRIGRAM_THRESHOLD = 0.5

# What the model scores a candidate on, and the organisation that registered it.
_FIELDS = ("first_name", "last_name", "birth_date", "phone", "postcode", "house_number")


# What a case is compared on, strongest first.
_CASE_KINDS = (IdentifierKind.NAME_BIRTH_DATE, IdentifierKind.PHONE, IdentifierKind.ADDRESS)


@dataclass(frozen=True)
class MatchingCase:
    """An earlier case of the region with a person who shares an identifier with the case
    asked about, and the kinds of identifier they share (strongest first)."""

    case: Case
    matched_on: tuple[str, ...]

    @property
    def labels(self) -> list[str]:
        return [str(IdentifierKind(kind).label) for kind in self.matched_on]


@dataclass(frozen=True)
class AlreadyKnown:
    """The answer: matching cases for a case; counterparts (exact) and possible counterparts
    (likely) for typed identifiers. What was not asked stays empty."""

    cases: list[MatchingCase] = field(default_factory=list)
    known: list[Counterpart] = field(default_factory=list)
    possible: list[Counterpart] = field(default_factory=list)


def already_known(asked: Case | Mapping[str, Any], *, by: Membership) -> AlreadyKnown:
    """Is this case, or the person typed in a form (its fields by name, not yet saved),
    already known in the acting membership's region?"""
    if isinstance(asked, Case):
        return AlreadyKnown(cases=_matching_cases(asked, by))
    return _known_elsewhere(dict(asked), by)


def _matching_cases(case: Case, by: Membership) -> list[MatchingCase]:
    persons = list(InvolvedPerson.objects.filter(report__case=case))
    found: dict[int, set[str]] = {}
    candidates = InvolvedPerson.objects.filter(
        report__case__in=Case.objects.visible_to(by).filter(region=case.region)
    ).exclude(report__case=case)
    for person in persons:
        rules = []
        if person.name_key and person.birth_date:
            rules.append(
                (
                    IdentifierKind.NAME_BIRTH_DATE.value,
                    Q(name_key=person.name_key, birth_date=person.birth_date),
                )
            )
        if person.phone_key:
            rules.append((IdentifierKind.PHONE.value, Q(phone_key=person.phone_key)))
        if person.address_key:
            rules.append((IdentifierKind.ADDRESS.value, Q(address_key=person.address_key)))
        for kind, rule in rules:
            for case_id in candidates.filter(rule).values_list("report__case_id", flat=True):
                found.setdefault(case_id, set()).add(kind)
    record_change(
        membership=by,
        action=AccessAction.LOOKUP,
        obj=case,
        person_ids=[person.pk for person in persons],
        purpose=Purpose.ALREADY_KNOWN_CHECK,
        detail={"matches": sorted(found)},
    )
    cases = Case.objects.in_bulk(list(found))
    order = [kind.value for kind in _CASE_KINDS]
    return [
        MatchingCase(case=cases[case_id], matched_on=tuple(sorted(kinds, key=order.index)))
        for case_id, kinds in sorted(found.items())
    ]


def _known_elsewhere(values: dict, by: Membership) -> AlreadyKnown:
    """The check of one person's identifiers as typed in a form."""
    organisation = by.organisation
    region_id = organisation.region_id
    known_kinds = known_at(values, region_id=region_id, exclude_organisation_id=organisation.pk)
    candidates = _fuzzy_candidates(values, region_id, {organisation.pk, *known_kinds})
    scores = score_candidates(
        _record(values), [_record(candidate) for candidate in candidates], region_model(region_id)
    )
    best: dict[int, tuple[float, bool]] = {}
    for candidate, score in zip(candidates, scores, strict=True):
        other_id = candidate["organisation_id"]
        found = (score.match_probability, not score.rests_on_name_alone)
        if score.match_probability >= FUZZY_PROBABILITY:
            # the most probable, and of equals one with more than the name to go on
            best[other_id] = max(best.get(other_id, found), found)
    organisations = Organisation.objects.in_bulk([*known_kinds, *best])
    record_change(
        membership=by,
        action=AccessAction.LOOKUP,
        obj=organisation,
        purpose=Purpose.ALREADY_KNOWN_CHECK_REGISTERING,
        detail={
            "known_at": sorted(known_kinds),
            "possibly_at": sorted(best),
            "on_name_only_at": sorted(pk for pk, (_, more) in best.items() if not more),
        },
    )
    return AlreadyKnown(
        known=[Counterpart(organisations[pk], kind) for pk, kind in sorted(known_kinds.items())],
        possible=[
            Counterpart(organisations[pk], probability=p, on_name_only=not more)
            for pk, (p, more) in sorted(best.items())
        ],
    )


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
    if not first or not last:
        return []
    if not isinstance(birth, datetime.date):
        return _namesakes(values, region_id, skip)
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


def _namesakes(values: dict, region_id: int, skip: set[int]) -> list[dict[str, Any]]:
    """Without a date of birth: the persons registered with the same name (the indexed name
    key), for the model to weigh with what else the form holds (phone, address, and how
    rare the name is in the region); one query on the index on name_key."""
    wanted = name_key(values.get("first_name") or "", values.get("last_name") or "")
    if not wanted:
        return []
    people = (
        InvolvedPerson.objects.filter(name_key=wanted, report__case__region_id=region_id)
        .exclude(report__reporting_organisation_id=None)
        .exclude(report__reporting_organisation_id__in=skip)
        .values(*_FIELDS, organisation_id=F("report__reporting_organisation_id"))
        .order_by("pk")
    )
    return list(people[:FUZZY_CANDIDATES])


def _record(values: dict) -> dict[str, Any]:
    """A person's fields as the scorer reads them (dates as ISO text)."""
    return {
        key: (value.isoformat() if isinstance(value, datetime.date) else value or "")
        for key, value in values.items()
        if key != "organisation_id"
    }
