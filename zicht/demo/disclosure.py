"""Consent and legal bases for the demo's presumed victims, so that the CoMensha and HTCDS
exports of the demo hold persons, and leave out a believable part.

As in practice: a report of the police, KMar or the labour inspectorate comes with that
organisation's legal basis; for the rest the hub asks consent, which about two in three
give (a parent or guardian below 16), some weeks after the report. Written through the
monitor's own operation, like a real basis.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import PersonRole, ReportSource
from zicht.monitor.bases import CONSENT_AGE, record_disclosure_basis
from zicht.monitor.figures import age_at
from zicht.monitor.models import BasisKind
from zicht.organisations.models import Membership, Region, Role

LEGAL_BASIS: dict[str, BasisKind] = {
    ReportSource.POLICE: BasisKind.LEGAL_POLICE,
    ReportSource.KMAR: BasisKind.LEGAL_KMAR,
    ReportSource.LABOUR_INSPECTORATE: BasisKind.LEGAL_NLA,
}
CONSENT_GIVEN = 0.65  # share of the other presumed victims who consent


def record_demo_disclosure_bases(region: Region, rng: random.Random) -> int:
    """Record bases for part of the region's presumed victims that have none; returns how
    many were recorded."""
    recorder = (
        Membership.objects.filter(organisation__region=region, role=Role.HUB_CASE_MANAGER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    victims = (
        InvolvedPerson.objects.filter(
            role=PersonRole.PRESUMED_VICTIM,
            report__municipality__region=region,
            disclosure_basis__isnull=True,
        )
        .select_related("report")
        .order_by("pk")
    )
    recorded = 0
    for person in victims:
        received = person.report.received_at
        basis = LEGAL_BASIS.get(person.report.source)
        if basis is None:
            if rng.random() >= CONSENT_GIVEN:
                continue
            age = age_at(person.birth_date, timezone.localdate(received))
            young = age is not None and age < CONSENT_AGE
            basis = BasisKind.CONSENT_GUARDIAN if young else BasisKind.CONSENT_PERSON
        record_disclosure_basis(
            person_id=person.pk,
            basis=basis,
            by=recorder.user if recorder else None,
            at=received + datetime.timedelta(days=rng.randint(1, 30)),
        )
        recorded += 1
    return recorded
