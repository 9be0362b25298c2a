"""Receiving a report: one transaction writes the report, its persons and its
case, routes the case and queues the notifications. A repeated submission with
the same key returns the report written the first time."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction
from zicht.casework.models import Case
from zicht.casework.routing import announce_acute, case_link, hand_to_hub, move, record_receipt
from zicht.casework.workflow import Status
from zicht.intake.models import InvolvedPerson, Report
from zicht.notifications.delivery import notify_users
from zicht.organisations import recipients
from zicht.organisations.models import Membership, Municipality, Role
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


class RouteTo:
    FOCAL_OFFICER = "focal_officer"
    HUB = "hub"


def default_route(membership: Membership | None, municipality: Municipality) -> str:
    """Municipal staff report to their own focal officer; everyone else, and any
    municipality without a focal organisation, reports straight to the hub."""
    organisation = getattr(municipality, "organisation", None)
    if organisation is None:
        return RouteTo.HUB
    if membership is not None and membership.organisation_id == organisation.pk:
        return RouteTo.FOCAL_OFFICER
    if membership is None and not municipality.region.portal_routes_to_hub:
        return RouteTo.FOCAL_OFFICER
    return RouteTo.HUB


def submit_report(
    *,
    submission_key: uuid.UUID,
    data: ReportData,
    by: Membership | None,
    route_to: str | None = None,
) -> tuple[Report, bool]:
    """Write the report and open its case; returns (report, created).

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
    municipality = data.municipality
    case = Case.objects.create(
        region=municipality.region, municipality=municipality, status=Status.RECEIVED
    )
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
    )
    persons = [
        InvolvedPerson.objects.create(report=report, **vars(person)) for person in data.persons
    ]
    registering = (
        by.organisation
        if by
        else getattr(municipality, "organisation", None)
        or recipients.hub_organisations(municipality.region).first()
    )
    if registering is not None:
        register_persons(persons, organisation=registering, region_id=municipality.region_id)
    record_receipt(case, by)
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=report,
        person_ids=[person.pk for person in persons],
        detail={"case": case.pk},
    )
    if data.is_acute:
        move(case, transition="escalate_acute", actor=by, note=_("Acute danger reported."))
        announce_acute(case)
    elif (route_to or default_route(by, municipality)) == RouteTo.HUB:
        hand_to_hub(case, by=by)
    else:
        notify_users(
            recipients.staff_in_role(
                getattr(municipality, "organisation", None), Role.FOCAL_OFFICER
            ),
            subject=_("New report for the focal officer: %(ref)s") % {"ref": case.reference},
            body=_("A new report was received for your municipality."),
            link=case_link(case),
        )
    return report


@transaction.atomic
def hub_opens_case(
    *, submission_key: uuid.UUID, data: ReportData, by: Membership
) -> tuple[Report, bool]:
    """The other direction of step 3: the hub registers a case itself and informs
    the municipality's focal officer, who must act on it."""
    report, created = submit_report(
        submission_key=submission_key, data=data, by=by, route_to=RouteTo.HUB
    )
    if created:
        case = report.case
        assert case is not None
        case.opened_by_hub = True
        case.save(update_fields=["opened_by_hub"])
        notify_users(
            recipients.staff_in_role(
                getattr(case.municipality, "organisation", None), Role.FOCAL_OFFICER
            ),
            subject=_("The regional hub informs you of case %(ref)s") % {"ref": case.reference},
            body=_("The regional hub holds a case your municipality must act on."),
            link=case_link(case),
        )
    return report, created
