"""Receiving a report: one transaction opens its case (routed by the meldroute's rules,
`zicht.casework.opening`), writes the report and its persons, registers the persons'
pseudonyms and queues the notifications. A repeated submission with the same key returns the
report written the first time."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.casework.models import Case
from zicht.casework.opening import open_case
from zicht.intake.models import InvolvedPerson, Report
from zicht.intake.vocabulary import PersonRole
from zicht.lib.ages import is_minor_on
from zicht.organisations import recipients
from zicht.organisations.models import Membership, Municipality
from zicht.register.registration import register_persons


@dataclass
class PersonData:
    role: str
    first_name: str = ""
    last_name: str = ""
    birth_date: datetime.date | None = None
    sex: str = "unknown"
    nationality: str = ""
    phone: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    description: str = ""


@dataclass
class ReportData:
    source: str
    municipality: Municipality
    description: str
    is_acute: bool = False
    exploitation_forms: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    location: str = ""
    observed_on: datetime.date | None = None
    language: str = "nl"
    persons: list[PersonData] = field(default_factory=list)
    # The reporter says a presumed victim is a minor (the portal asks it; no birth date needed).
    involves_minor: bool = False

    def about_a_minor(self, today: datetime.date) -> bool:
        """Whether a presumed victim is a minor: said by the reporter or by a birth date."""
        return self.involves_minor or any(
            person.role == PersonRole.PRESUMED_VICTIM and is_minor_on(person.birth_date, today)
            for person in self.persons
        )


def submit_report(
    *,
    submission_key: uuid.UUID,
    data: ReportData,
    by: Membership | None,
    route_to: str | None = None,
) -> tuple[Report, bool]:
    """Write the report and open its case; returns (report, created). `route_to` is the
    reporter's choice of first stop (`zicht.casework.opening.Route`), None for the default.

    Safe to call twice with the same key (double click, retry after a time-out,
    back button): the second call returns the first report and changes nothing.
    """
    existing = Report.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            report = _write_report(submission_key, data, by, route_to)
    except IntegrityError:
        existing = Report.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False
    return report, True


def _write_report(
    submission_key: uuid.UUID, data: ReportData, by: Membership | None, route_to: str | None
) -> Report:
    case = open_case(
        municipality=data.municipality,
        by=by,
        is_acute=data.is_acute,
        route=route_to,
        involves_minor=data.about_a_minor(timezone.localdate()),
    )
    return store_report(case, submission_key=submission_key, data=data, by=by)


def store_report(
    case: Case,
    *,
    submission_key: uuid.UUID,
    data: ReportData,
    by: Membership | None,
    is_supplement: bool = False,
    purpose: Purpose | None = None,
) -> Report:
    """Write a report of `case` with its persons, register the persons' pseudonyms and log
    it: the part of receiving a report that a supplement to a case (enriching) shares."""
    municipality = data.municipality
    report = Report.objects.create(
        submission_key=submission_key,
        case=case,
        source=data.source,
        reported_by=by.user if by else None,
        reporting_organisation=by.organisation if by else None,
        is_acute=data.is_acute,
        exploitation_forms=data.exploitation_forms,
        sectors=data.sectors,
        indicators=data.indicators,
        description=data.description,
        municipality=municipality,
        location=data.location,
        observed_on=data.observed_on,
        language=data.language,
        is_supplement=is_supplement,
    )
    persons = [
        InvolvedPerson.objects.create(report=report, **vars(person)) for person in data.persons
    ]
    registering = (
        by.organisation
        if by
        else municipality.own_organisation
        or recipients.hub_organisations(municipality.region).first()
    )
    if persons and registering is not None:
        register_persons(persons, organisation=registering, region_id=municipality.region_id)
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=report,
        person_ids=[person.pk for person in persons],
        purpose=purpose,
        detail={"case": case.pk, "supplement": True} if is_supplement else {"case": case.pk},
    )
    return report
