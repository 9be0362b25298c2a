"""A small, fully known year of Twente registrations for tests and the browser journey.

Every number the monitor should show for Twente in 2025 follows from the plan below and
is returned by :func:`create_known_year`, so a test can compare the page with it. Needs
the demo set-up (``create_demo(history=False)``) first.
"""

from __future__ import annotations

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from zicht.casework.models import ActionKind, ActionStatus, Case, Feedback, FollowUpAction
from zicht.casework.workflow import ClosureReason, Status
from zicht.intake.models import InvolvedPerson, Report
from zicht.intake.vocabulary import ExploitationForm, PersonRole, ReportSource, Sex
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.monitor.models import BasisKind, DisclosureBasis
from zicht.organisations.models import Membership, Municipality, Organisation, OrganisationType

LISTS = (
    (OrganisationType.POLICE, ReportSource.POLICE),
    (OrganisationType.REGIONAL_HUB, ReportSource.REGIONAL_HUB),
    (OrganisationType.VEILIG_THUIS, ReportSource.VEILIG_THUIS),
    (OrganisationType.CARE, ReportSource.CARE),
)


def _person_plan(i: int, year: int) -> dict:
    """Unique person i (0..19) of the known year."""
    if i < 2:
        age = 16
    elif i == 3:
        age = 15
    else:
        age = 20 + i
    if i < 8:
        nationality = "NL"
    elif i < 16:
        nationality = "PL" if i % 2 else "RO"
    elif i < 19:
        nationality = "NG"
    else:
        nationality = ""
    return {
        "first_name": f"Persoon{i}",
        "last_name": "Bekend",
        "sex": Sex.FEMALE if i < 16 else Sex.MALE,
        "nationality": nationality,
        "birth_date": datetime.date(year - age - 1, 12, 1),
    }


def _form(i: int) -> str:
    if i < 14:
        return ExploitationForm.SEXUAL
    return ExploitationForm.LABOUR if i < 19 else ExploitationForm.CRIMINAL


@transaction.atomic
def create_known_year(year: int = 2025) -> dict:
    """Twente, ``year``: 23 reports (Hengelo 8, Enschede 12, Almelo 3) about 20 unique
    presumed victims (three of them reported twice, by two organisations), plus two reports
    in Hengelo in December of the year before (outside the year)."""
    tz = ZoneInfo(settings.TIME_ZONE)
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    enschede = Municipality.objects.get(cbs_code="GM0153")
    almelo = Municipality.objects.get(cbs_code="GM0141")
    region = hengelo.region
    orgs = {
        kind: Organisation.objects.filter(region=region, type=kind).earliest("pk")
        for kind, _source in LISTS
    }
    hub_user = (
        Membership.objects.filter(organisation=orgs[OrganisationType.REGIONAL_HUB])
        .earliest("pk")
        .user
    )
    records = [(i, i % 4) for i in range(20)] + [(i, (i % 4 + 1) % 4) for i in range(3)]
    run = LinkageRun.objects.create(region=region, threshold=0.9)
    person_ids: dict[int, list[int]] = {}
    for r, (person, list_index) in enumerate(records):
        municipality = hengelo if r < 8 else (enschede if r < 20 else almelo)
        received = datetime.datetime(year, r % 12 + 1, 10 + r % 5, 10, 0, tzinfo=tz)
        kind, source = LISTS[list_index]
        case = Case.objects.create(
            region=region,
            municipality=municipality,
            status=Status.REPORTED_TO_HUB,
            opened_at=received,
            reported_to_hub_at=received + datetime.timedelta(days=2),
        )
        report = Report.objects.create(
            submission_key=uuid.uuid4(),
            case=case,
            received_at=received,
            source=source,
            reporting_organisation=orgs[kind],
            exploitation_forms=[_form(person)],
            sectors=["window"] if _form(person) == ExploitationForm.SEXUAL else ["agriculture"],
            indicators=["no_id_papers", "debt_bondage"],
            description="Bekende testmelding.",
            municipality=municipality,
        )
        involved = InvolvedPerson.objects.create(
            report=report, role=PersonRole.PRESUMED_VICTIM, **_person_plan(person, year)
        )
        person_ids.setdefault(person, []).append(involved.pk)
        PersonCluster.objects.create(run=run, person=involved, cluster_id=f"u{person}")
        if r < 10:
            done = r < 6
            FollowUpAction.objects.create(
                case=case,
                kind=ActionKind.POLICE_REPORT if r < 6 else ActionKind.SHELTER,
                owner=orgs[OrganisationType.POLICE],
                due_on=received.date() + datetime.timedelta(days=21),
                status=ActionStatus.DONE if done else ActionStatus.OPEN,
                created_by=hub_user,
                created_at=received + datetime.timedelta(days=5),
                completed_at=received + datetime.timedelta(days=20) if done else None,
            )
            case.status = Status.FOLLOW_UP
        if r < 6:
            case.status = Status.CLOSED
            case.closure_reason = (
                ClosureReason.REFERRED_POLICE if r < 4 else ClosureReason.VICTIM_IN_CARE
            )
            case.closed_at = received + datetime.timedelta(days=30)
        case.save()
        if r < 5:
            Feedback.objects.create(
                case=case,
                to_organisation=municipality.organisation,
                due_on=received.date() + datetime.timedelta(days=14),
                requested_at=received,
                given_at=received + datetime.timedelta(days=10) if r < 3 else None,
            )
    run.record_count = len(records)
    run.cluster_count = 20
    run.save()
    # Disclosure bases: the police's own records on a legal basis, two written consents,
    # one "consent of the person" for a 15-year-old (not valid: left out of the export).
    for person in range(20):
        first = person_ids[person][0]
        if person % 4 == 0:
            DisclosureBasis.objects.create(person_id=first, basis=BasisKind.LEGAL_POLICE)
        elif person in (5, 6, 3):
            DisclosureBasis.objects.create(person_id=first, basis=BasisKind.CONSENT_PERSON)
    for k in range(2):  # the year before: outside the filter
        received = datetime.datetime(year - 1, 12, 5 + k, 9, 0, tzinfo=tz)
        case = Case.objects.create(
            region=region, municipality=hengelo, status=Status.RECEIVED, opened_at=received
        )
        report = Report.objects.create(
            submission_key=uuid.uuid4(),
            case=case,
            received_at=received,
            source=ReportSource.MUNICIPAL,
            exploitation_forms=[ExploitationForm.LABOUR],
            description="Vorig jaar.",
            municipality=hengelo,
        )
        InvolvedPerson.objects.create(
            report=report, role=PersonRole.PRESUMED_VICTIM, first_name=f"Vorig{k}"
        )
    return {
        "reports": 23,
        "cases": 23,
        "person_records": 23,
        "unique_persons": 20,
        "municipalities": {"GM0153": 12, "GM0164": 8, "GM0141": 3},
        "forms_reports": {"sexual": 17, "labour": 5, "criminal": 1},
        "sex": {"female": 16, "male": 4},
        "minor": {"minor": 3, "adult": 17},
        "nationality": {"dutch": 8, "eu": 8, "non_eu": 3, "unknown": 1},
        "actions": {"police_report": 6, "shelter": 4},
        "closure": {"referred_police": 4, "victim_in_care": 2},
        "to_hub_days": 2.0,
        "to_first_action_days": 5.0,
        "feedback_overdue": 2,
        # CoMensha: persons 0, 4, 8, 12, 16 (police) and 5, 6 (consent) = 7 exported;
        # person 3 (15, own consent) and 12 without any basis are left out.
        "comensha_rows": 7,
        "comensha_left_out": 13,
    }
