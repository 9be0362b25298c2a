"""“Is this person, phone or address already known in the region?” while registering.

Answers with the organisations to turn to and whom to contact there, never with
what they hold. Exact answers come from pseudonyms; fuzzy candidates from a
trigram search on names (PostgreSQL; a surname-key search on SQLite), ranked by
the linkage model's match weights."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction
from zicht.intake.identifiers import name_key
from zicht.intake.models import InvolvedPerson
from zicht.linkage.registry import Counterpart, contact_role, counterparts
from zicht.linkage.scoring import score_candidates
from zicht.organisations.models import Membership, Organisation

FUZZY_PROBABILITY = 0.9
FUZZY_CANDIDATES = 20
TRIGRAM_THRESHOLD = 0.5


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


def _swapped(day: datetime.date) -> datetime.date | None:
    try:
        return day.replace(month=day.day, day=day.month)
    except ValueError:
        return None


def _fuzzy_candidates(values: dict, region_id: int, exclude_organisation_id: int) -> list:
    """Candidates for the model to score: the same date of birth (or day and month
    swapped), and names that look alike (a trigram index on PostgreSQL)."""
    first, last = values.get("first_name") or "", values.get("last_name") or ""
    if not first or not last:
        return []
    people = (
        InvolvedPerson.objects.filter(report__case__region_id=region_id)
        .exclude(report__reporting_organisation_id=exclude_organisation_id)
        .select_related("report")
    )
    found: dict[int, InvolvedPerson] = {}
    birth = values.get("birth_date")
    if isinstance(birth, datetime.date):
        dates = [d for d in (birth, _swapped(birth)) if d is not None]
        for person in people.filter(birth_date__in=dates)[:FUZZY_CANDIDATES]:
            found[person.pk] = person
    wanted = name_key(first, last)
    if connection.vendor == "postgresql" and wanted:
        from django.contrib.postgres.search import TrigramSimilarity

        # `name_key % wanted` is what the GIN trigram index answers, at a threshold
        # strict enough that common names do not flood the candidates.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [TRIGRAM_THRESHOLD])
            similar = list(
                people.filter(name_key__trigram_similar=wanted)
                .annotate(similarity=TrigramSimilarity("name_key", wanted))
                .order_by(F("similarity").desc())[:FUZZY_CANDIDATES]
            )
        for person in similar:
            found.setdefault(person.pk, person)
    elif wanted:  # SQLite (the demo): the same surname key
        surname = wanted.split("|", 1)[1]
        for person in people.filter(name_key__endswith=f"|{surname}")[:FUZZY_CANDIDATES]:
            found.setdefault(person.pk, person)
    return list(found.values())


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
    candidates = [
        candidate
        for candidate in _fuzzy_candidates(values, region_id, organisation.pk)
        if candidate.report.reporting_organisation_id not in (None, *known_ids)
    ]
    scores = score_candidates(record, [_record(candidate) for candidate in candidates])
    for candidate, score in zip(candidates, scores, strict=True):
        other_id = candidate.report.reporting_organisation_id
        if score.match_probability >= FUZZY_PROBABILITY:
            best[other_id] = max(best.get(other_id, 0.0), score.match_probability)
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
