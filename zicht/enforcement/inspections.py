"""Inspections of establishments by a team of organisations (the regional control team):
planning, recording the checklist and finding, registering the persons met (with the
register's "already known?" answer), and turning a finding with indicators into a report on
the meldroute in one step, through the intake's own operation."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.enforcement.models import (
    Establishment,
    Inspection,
    InspectionStatus,
    PersonMet,
    is_municipal_staff,
)
from zicht.enforcement.refusals import EnforcementRefused, NotFound
from zicht.enforcement.vocabulary import REPORT_SECTOR, SECTOR_FORMS, checklist
from zicht.intake.models import Report
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.intake.vocabulary import PersonRole, ReportSource, Sex
from zicht.organisations.models import Membership, Organisation
from zicht.register.counterparts import known_at

# The key of the report an inspection's finding becomes: the same inspection always gives
# the same key, so a second click returns the first report (submit_report is idempotent).
_REPORT_KEYS = uuid.UUID("6f1b2a52-8a0e-4d67-9a55-0e4c1f7a3b10")


@dataclass(frozen=True)
class PersonMetData:
    role: str = PersonRole.OTHER
    first_name: str = ""
    last_name: str = ""
    birth_date: datetime.date | None = None
    sex: str = Sex.UNKNOWN
    nationality: str = ""
    phone: str = ""
    postcode: str = ""
    house_number: str = ""
    description: str = ""


def _visible(inspection_id: int, by: Membership, *, lock: bool = False) -> Inspection:
    found = Inspection.objects.visible_to(by).filter(pk=inspection_id)
    if lock:
        found = found.select_for_update(of=("self",))
    inspection = found.select_related("establishment__municipality").first()
    if inspection is None:
        raise NotFound
    return inspection


def plan_inspection(
    *,
    establishment_id: int,
    by: Membership,
    planned_on: datetime.date,
    team: Iterable[Organisation],
) -> Inspection:
    """Plan an inspection of an establishment of the official's municipality; the team is
    the municipality itself and the region's organisations chosen."""
    if not is_municipal_staff(by):
        raise EnforcementRefused(
            _("Only the municipality's enforcement staff and safety officer may do this.")
        )
    establishment = Establishment.objects.visible_to(by).filter(pk=establishment_id).first()
    if establishment is None:
        raise NotFound
    members = {by.organisation, *team}
    if any(o.region_id != by.organisation.region_id or not o.is_active for o in members):
        raise EnforcementRefused(_("The team consists of active organisations of the region."))
    with transaction.atomic():
        inspection = Inspection.objects.create(
            establishment=establishment, planned_on=planned_on, created_by=by.user
        )
        inspection.team.set(members)
        record_change(
            membership=by,
            action=AccessAction.CREATE,
            obj=inspection,
            detail={"team": sorted(o.pk for o in members)},
        )
    return inspection


def record_inspection(
    *,
    inspection_id: int,
    by: Membership,
    done_on: datetime.date,
    indicators: list[str],
    findings: str,
) -> Inspection:
    """Record that the inspection was done: the indicators of the sector's checklist that
    were found, and the finding in words."""
    if done_on > timezone.localdate():
        raise EnforcementRefused(_("An inspection cannot be done in the future."))
    with transaction.atomic():
        inspection = _visible(inspection_id, by, lock=True)
        allowed = {i.code for i in checklist(inspection.establishment.sector)}
        if not set(indicators) <= allowed:
            raise EnforcementRefused(_("Choose indicators from the checklist of this sector."))
        if inspection.status == InspectionStatus.CANCELLED:
            raise EnforcementRefused(_("This inspection was cancelled."))
        if done_on < inspection.planned_on - datetime.timedelta(days=365):
            raise EnforcementRefused(_("The date the inspection was done is not plausible."))
        inspection.status = InspectionStatus.DONE
        inspection.done_on = done_on
        inspection.indicators = sorted(set(indicators))
        inspection.findings = findings.strip()
        inspection.save(update_fields=["status", "done_on", "indicators", "findings"])
        record_change(membership=by, action=AccessAction.UPDATE, obj=inspection)
    return inspection


def register_person_met(*, inspection_id: int, by: Membership, data: PersonMetData) -> PersonMet:
    """Register a person met during the inspection and ask the pseudonym register whether
    another organisation of the region knows them (kept with the person: who, on what kind
    of identifier; never what they hold)."""
    if data.role not in PersonRole.values or data.sex not in Sex.values:
        raise EnforcementRefused(_("Choose the role and sex from the lists."))
    if data.birth_date is not None and data.birth_date > timezone.localdate():
        raise EnforcementRefused(_("A date of birth cannot be in the future."))
    with transaction.atomic():
        inspection = _visible(inspection_id, by, lock=True)
        person = PersonMet(inspection=inspection, **vars(data))
        region_id = inspection.establishment.municipality.region_id
        hits = known_at(person, region_id=region_id, exclude_organisation_id=by.organisation_id)
        person.known_at = [{"organisation": pk, "kind": kind} for pk, kind in sorted(hits.items())]
        person.save()
        record_change(
            membership=by,
            action=AccessAction.CREATE,
            obj=person,
            purpose=Purpose.ALREADY_KNOWN_CHECK_REGISTERING,
            detail={"inspection": inspection.pk, "known_at": sorted(hits)},
        )
    return person


def report_finding(*, inspection_id: int, by: Membership, is_acute: bool = False) -> Report:
    """Turn the finding of a done inspection with indicators into a report on the meldroute
    (source "inspection"), with the persons met, through the intake's `submit_report`.
    Asked twice, it returns the first report."""
    with transaction.atomic():
        inspection = _visible(inspection_id, by, lock=True)
        if inspection.report_id is not None:
            return Report.objects.get(pk=inspection.report_id)
        if inspection.status != InspectionStatus.DONE or not inspection.indicators:
            raise EnforcementRefused(
                _("Only the finding of a done inspection with indicators becomes a report.")
            )
        establishment = inspection.establishment
        persons = [
            PersonData(
                role=p.role,
                first_name=p.first_name,
                last_name=p.last_name,
                birth_date=p.birth_date,
                sex=p.sex,
                nationality=p.nationality,
                phone=p.phone,
                postcode=p.postcode,
                house_number=p.house_number,
                description=p.description,
            )
            for p in inspection.persons.all()
        ]
        report, _created = submit_report(
            submission_key=uuid.uuid5(_REPORT_KEYS, str(inspection.pk)),
            data=ReportData(
                source=ReportSource.INSPECTION,
                municipality=establishment.municipality,
                description=inspection.findings
                or _("Indicators found during an inspection of %(name)s.")
                % {"name": establishment.name},
                is_acute=is_acute,
                exploitation_forms=[str(f) for f in SECTOR_FORMS.get(establishment.sector, ())],
                sectors=[REPORT_SECTOR[establishment.sector]],
                indicators=list(inspection.indicators),
                location=establishment.address,
                observed_on=inspection.done_on,
                persons=persons,
            ),
            by=by,
        )
        inspection.report = report
        inspection.save(update_fields=["report"])
    return report
