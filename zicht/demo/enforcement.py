"""The administrative approach in the demo: in two municipalities of every region, an
enforcement officer, a handful of establishments with their permits, a year of inspections by
the control team (a few findings become reports) and the measures that followed, each made
through the operations of `zicht.enforcement` at its own moment in the past."""

from __future__ import annotations

import datetime
import random

import time_machine
from django.utils import timezone

from zicht.demo.organisations import REGIONS, _member
from zicht.demo.persons import synthetic_person
from zicht.enforcement import establishments, inspections, measures
from zicht.enforcement.framework import FRAMEWORK, Situation
from zicht.enforcement.models import Establishment
from zicht.enforcement.vocabulary import DEFAULT_LEGAL_BASIS, EstablishmentSector, checklist
from zicht.intake.vocabulary import PersonRole
from zicht.notifications.delivery import as_history
from zicht.organisations.models import Membership, Municipality, Organisation, Role

# The municipalities that take part, per region (Twente: the two of the demo users).
MUNICIPALITIES = {"VR05": ("GM0153", "GM0164")}
ESTABLISHMENTS = (
    ("Club Venus", EstablishmentSector.SEX_BUSINESS, "Industrieweg"),
    ("Nagelstudio Lotus", EstablishmentSector.MASSAGE_NAIL_SALON, "Marktstraat"),
    ("Carwash Centrum", EstablishmentSector.CAR_WASH, "Havenweg"),
    ("Pension De Linde", EstablishmentSector.MIGRANT_HOUSING, "Lindelaan"),
    ("Kwekerij Het Veld", EstablishmentSector.FARM, "Veldweg"),
)
INSPECTIONS_PER_MUNICIPALITY = 8
MEASURES = (
    (Situation.SERIOUS_DISTURBANCE, "closure_174a", 0),
    (Situation.OVERCROWDING, "overcrowding_order", 3),
    (Situation.FIRST_VIOLATION, "warning", 2),
    (Situation.INTEGRITY_DOUBT, "bibob_advice", 0),
    # one deviation from the framework, with its reason, for the page to flag
    (Situation.LICENCE_CONDITIONS, "warning", 1),
)


def _officers(plan_code: str, slug: str) -> list[Membership]:
    """Twente's officers are demo users (DEMO_USERS); elsewhere one is made for each of the
    first two municipalities of the region that take part in zicht."""
    if plan_code in MUNICIPALITIES:
        return list(
            Membership.objects.filter(
                role=Role.ENFORCEMENT_OFFICER,
                organisation__municipality__cbs_code__in=MUNICIPALITIES[plan_code],
            )
            .select_related("organisation__municipality", "user")
            .order_by("organisation__name")
        )
    found = Municipality.objects.filter(region__code=plan_code, organisation__isnull=False)
    return [
        _member(
            f"handhaving.{slug}.{m.cbs_code.lower()}",
            "Handhaver",
            m.name,
            organisation=m.organisation,
            role=Role.ENFORCEMENT_OFFICER,
        )
        for m in found.order_by("name")[:2]
    ]


def create_enforcement_demo(*, history: bool, seed: int = 2026) -> list[tuple[str, str, str]]:
    """The officers (returned to print, outside Twente whose are demo users) and, with the
    history, their establishments, inspections and measures."""
    users = []
    rng = random.Random(seed)
    for plan in REGIONS:
        for officer in _officers(plan.code, plan.slug):
            if plan.code not in MUNICIPALITIES:
                users.append(
                    (
                        officer.user.username,
                        officer.organisation.name,
                        str(Role(officer.role).label),
                    )
                )
            done = Establishment.objects.filter(
                municipality=officer.organisation.municipality
            ).exists()
            if history and not done:
                with as_history():
                    _municipality_year(officer, rng)
    return users


def _at(day: datetime.date) -> time_machine.travel:
    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
    return time_machine.travel(moment, tick=False)


def _municipality_year(officer: Membership, rng: random.Random) -> None:
    today = timezone.localdate()
    start = today - datetime.timedelta(days=365)
    municipality = officer.organisation.municipality
    assert municipality is not None
    team = list(
        Organisation.objects.filter(
            region_id=officer.organisation.region_id,
            type__in=["police", "labour_inspectorate"],
        )
    )
    places = []
    with _at(start):
        for index, (name, sector, street) in enumerate(ESTABLISHMENTS):
            place = establishments.register_establishment(
                data=establishments.EstablishmentData(
                    name=f"{name} {municipality.name}",
                    sector=sector,
                    street=street,
                    house_number=str(rng.randint(1, 120)),
                    postcode=f"{rng.randint(7000, 7999)}{rng.choice('ABCDEFGH')}K",
                    city=municipality.name,
                    kvk_number=f"{rng.randint(10000000, 99999999)}" if index % 2 == 0 else "",
                ),
                by=officer,
            )
            if sector == EstablishmentSector.SEX_BUSINESS:
                establishments.add_permit(
                    establishment_id=place.pk,
                    by=officer,
                    type="sex_business",
                    number=f"APV-{municipality.cbs_code}-{index + 1:03d}",
                    valid_from=start - datetime.timedelta(days=400),
                    valid_to=start + datetime.timedelta(days=700),
                    conditions="Geen prostituees jonger dan 21 jaar; dagelijks bedrijfsregister.",
                )
            places.append(place)
    done = []
    for n in range(INSPECTIONS_PER_MUNICIPALITY):
        place = places[n % len(places)]
        day = start + datetime.timedelta(days=20 + n * 40 + rng.randint(0, 10))
        with _at(day - datetime.timedelta(days=14)):
            inspection = inspections.plan_inspection(
                establishment_id=place.pk,
                by=officer,
                planned_on=day,
                team=rng.sample(team, k=min(len(team), rng.randint(1, 2))),
            )
        if day > today:
            continue
        codes = [i.code for i in checklist(place.sector)]
        found = rng.sample(codes, k=rng.choice([0, 0, 1, 2, 3]))
        with _at(day):
            inspections.record_inspection(
                inspection_id=inspection.pk,
                by=officer,
                done_on=day,
                indicators=found,
                findings="Controle zonder bijzonderheden."
                if not found
                else "Signalen aangetroffen; zie de checklist.",
            )
            if found:
                for _ in range(rng.randint(1, 2)):
                    inspections.register_person_met(
                        inspection_id=inspection.pk,
                        by=officer,
                        data=inspections.PersonMetData(
                            **synthetic_person(rng, PersonRole.PRESUMED_VICTIM, day.year)
                        ),
                    )
                if len(found) >= 2:
                    inspections.report_finding(inspection_id=inspection.pk, by=officer)
        done.append((inspection, place, found, day))
    for situation, type_, after in MEASURES:
        with_findings = [d for d in done if d[2]] or done
        inspection, place, found, day = with_findings[rng.randrange(len(with_findings))]
        deviates = FRAMEWORK[situation].advised != type_
        intention = day + datetime.timedelta(days=7 + after)
        if intention > today:
            continue
        with _at(intention):
            measure = measures.draft_measure(
                data=measures.MeasureData(
                    type=type_,
                    situation=situation,
                    establishment_id=place.pk,
                    inspection_id=inspection.pk,
                    legal_basis=DEFAULT_LEGAL_BASIS[type_],
                    intention_on=None if type_ in measures.NO_INTENTION_NEEDED else intention,
                    deviation_note="De exploitant werkt mee; eerst een waarschuwing."
                    if deviates
                    else "",
                ),
                by=officer,
            )
        heard = intention + datetime.timedelta(days=10)
        if measure.intention_on and heard <= today:
            with _at(heard):
                measures.record_views(
                    measure_id=measure.pk, by=officer, heard_on=heard, summary="Geen nieuwe feiten."
                )
        decided = intention + datetime.timedelta(days=21)
        if decided <= today:
            with _at(decided):
                measures.take_decision(
                    measure_id=measure.pk,
                    by=officer,
                    decided_on=decided,
                    decision_text="Besloten conform het voornemen.",
                    bibob_outcome="minor_risk" if type_ == "bibob_advice" else "",
                )
