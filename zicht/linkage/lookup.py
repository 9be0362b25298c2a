"""“Is this person, phone or address already known in the region?” while registering.

Answers with the organisations to turn to and whom to contact there, never with
what they hold. Exact answers come from pseudonyms; fuzzy candidates from a
trigram search on names (PostgreSQL; a surname-key search on SQLite), ranked by
the linkage model's match weights."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction
from zicht.intake.identifiers import name_key
from zicht.intake.models import InvolvedPerson
from zicht.linkage.registry import Counterpart, contact_role, counterparts
from zicht.linkage.scoring import score_pair
from zicht.organisations.models import Membership, Organisation

FUZZY_PROBABILITY = 0.9
FUZZY_CANDIDATES = 20
TRIGRAM_SIMILARITY = 0.4


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


def _record(person: InvolvedPerson) -> dict:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "phone": person.phone,
        "postcode": person.postcode,
        "house_number": person.house_number,
    }


def _fuzzy_candidates(values: dict, region_id: int, exclude_organisation_id: int):
    first, last = values.get("first_name") or "", values.get("last_name") or ""
    if not first or not last:
        return InvolvedPerson.objects.none()
    people = InvolvedPerson.objects.filter(report__case__region_id=region_id).exclude(
        report__reporting_organisation_id=exclude_organisation_id
    )
    birth = values.get("birth_date")
    if isinstance(birth, datetime.date):
        people = people.filter(Q(birth_date__year=birth.year) | Q(birth_date__isnull=True))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        return (
            people.annotate(similarity=TrigramSimilarity("name_key", name_key(first, last) or last))
            .filter(similarity__gte=TRIGRAM_SIMILARITY)
            .order_by(F("similarity").desc())[:FUZZY_CANDIDATES]
        )
    # SQLite (the demo) has no trigram index: take everyone with that exact date of
    # birth, or else the same surname key, and let the model's weights decide.
    if isinstance(birth, datetime.date):
        return people.filter(birth_date=birth)[:FUZZY_CANDIDATES]
    key = name_key(first, last)
    surname = key.split("|", 1)[1] if key else last.lower()
    return people.filter(name_key__endswith=f"|{surname}")[:FUZZY_CANDIDATES]


def lookup(values: dict, *, by: Membership) -> LookupResult:
    """Look up one person's identifiers as typed in a form (not yet saved)."""
    organisation = by.organisation
    region_id = organisation.region_id
    known = counterparts(values, region_id=region_id, exclude_organisation_id=organisation.pk)
    known_ids = {hit.organisation.pk for hit in known}
    record = {
        key: (value.isoformat() if isinstance(value, datetime.date) else value or "")
        for key, value in values.items()
    }
    best: dict[int, float] = {}
    for candidate in _fuzzy_candidates(values, region_id, organisation.pk).select_related(
        "report__reporting_organisation"
    ):
        other = candidate.report.reporting_organisation
        if other is None or other.pk in known_ids:
            continue
        probability = score_pair(record, _record(candidate)).match_probability
        if probability >= FUZZY_PROBABILITY:
            best[other.pk] = max(best.get(other.pk, 0.0), probability)
    organisations = Organisation.objects.in_bulk(list(best))
    possible = [Possible(organisations[pk], p) for pk, p in sorted(best.items())]
    record_change(
        membership=by,
        action=AccessAction.LOOKUP,
        obj=organisation,
        purpose="already known check while registering",
        detail={
            "known_at": sorted(known_ids),
            "possibly_at": sorted(best),
        },
    )
    return LookupResult(known=known, possible=possible)
