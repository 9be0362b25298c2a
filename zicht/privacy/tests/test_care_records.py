"""Care records under retention and the AVG: a victim's trajectory with its goals, providers,
contacts and reflection period is anonymised when its period has passed (Wmo-like for adults,
the Jeugdwet's twenty years for minors), shown in the answer to an access request, and erased on
request unless the care is still going on (time-machine)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from zicht.audit.log import verify_chain
from zicht.audit.models import AccessAction, AccessLogEntry
from zicht.care import reflection, shelter, support, trajectories
from zicht.care.models import CareTrajectory, ContactMoment, ProviderInvolvement, SupportGoal
from zicht.care.shelter import UnitSpec
from zicht.intake.models import InvolvedPerson
from zicht.organisations.models import Organisation, OrganisationType
from zicht.privacy import subject_requests as ops
from zicht.privacy.dossier import build_dossier, render_dossier_pdf
from zicht.privacy.models import (
    AnonymisedCase,
    RecordType,
    RefusalGround,
    RequestKind,
    RetentionRule,
    add_months,
)
from zicht.privacy.retention import apply_retention, preview
from zicht.privacy.tests.test_subject_requests import ANNA, open_for_anna, pdf_text

pytestmark = pytest.mark.django_db

GOAL = "Eigen woonruimte in Hengelo vinden"
CONTACT = "Gesprek over de aangifte bij de politie"
PURPOSE = "Opvang en begeleiding naar werk"


@pytest.fixture
def hub(member):
    return member("hub.twente")


@pytest.fixture
def care_for(hub, django_capture_on_commit_callbacks):
    """A trajectory for the presumed victim of a report, with a goal, a provider, a contact and
    a reflection period, through care's own operations."""

    def make(report) -> CareTrajectory:
        victim = report.persons.get(role="presumed_victim")
        today = timezone.localdate()
        with django_capture_on_commit_callbacks(execute=True):
            trajectory = trajectories.open_trajectory(
                case_id=report.case_id, person_id=victim.pk, by=hub
            )
            trajectories.start_plan(trajectory_id=trajectory.pk, by=hub)
            support.add_goal(
                trajectory_id=trajectory.pk,
                by=hub,
                domain="housing",
                description=GOAL,
                owner=hub.organisation,
                due_on=today + datetime.timedelta(days=30),
            )
            support.involve_provider(
                trajectory_id=trajectory.pk,
                by=hub,
                provider=hub.organisation,
                purpose=PURPOSE,
                legal_basis="public_task",
            )
            support.record_contact(
                trajectory_id=trajectory.pk, by=hub, on=today, kind="in_person", summary=CONTACT
            )
            reflection.start_reflection_period(trajectory_id=trajectory.pk, by=hub, starts_on=today)
        return CareTrajectory.objects.get(pk=trajectory.pk)

    return make


@pytest.fixture
def close_care(hub, django_capture_on_commit_callbacks):
    def close(trajectory: CareTrajectory) -> CareTrajectory:
        with django_capture_on_commit_callbacks(execute=True):
            return trajectories.close_trajectory(
                trajectory_id=trajectory.pk, by=hub, outcome="goals_reached", note="Anna woont"
            )

    return close


def after(moment: datetime.datetime, months: int, days: int) -> datetime.datetime:
    local = timezone.localtime(moment)
    day = add_months(local.date(), months)
    return local.replace(year=day.year, month=day.month, day=day.day) + datetime.timedelta(
        days=days
    )


def care_text(trajectory: CareTrajectory) -> list[str]:
    return [
        *SupportGoal.objects.filter(trajectory=trajectory).values_list("description", flat=True),
        *ContactMoment.objects.filter(trajectory=trajectory).values_list("summary", flat=True),
        *ProviderInvolvement.objects.filter(trajectory=trajectory).values_list(
            "purpose", flat=True
        ),
    ]


def test_the_care_rules_are_data_with_their_legal_source():
    rules = {rule.record_type: rule for rule in RetentionRule.objects.all()}
    assert rules[RecordType.CARE_TRAJECTORY].months == 60
    assert rules[RecordType.CARE_TRAJECTORY_YOUTH].months == 240
    assert "Jeugdwet art. 7.3.8" in rules[RecordType.CARE_TRAJECTORY_YOUTH].legal_source
    assert "Wmo 2015" in rules[RecordType.CARE_TRAJECTORY].legal_source


def test_an_adults_closed_trajectory_loses_its_text_five_years_after_closing(
    hub_report, care_for, close_care
):
    trajectory = close_care(care_for(hub_report()))
    with time_machine.travel(after(trajectory.closed_at, 60, days=-1)):
        assert apply_retention().removed[RecordType.CARE_TRAJECTORY] == 0
    assert care_text(trajectory) == [GOAL, CONTACT, PURPOSE]
    with time_machine.travel(after(trajectory.closed_at, 60, days=1)):
        expiring = {line.rule.record_type: line.count for line in preview(timezone.now())}
        assert expiring[RecordType.CARE_TRAJECTORY] == 1
        assert expiring[RecordType.CARE_TRAJECTORY_YOUTH] == 0
        assert apply_retention().removed[RecordType.CARE_TRAJECTORY] == 1
    assert care_text(trajectory) == ["", "", ""]
    assert not trajectory.steps.exclude(note="").exists()
    # the rows the figures count stay
    assert SupportGoal.objects.get(trajectory=trajectory).domain == "housing"
    assert CareTrajectory.objects.get(pk=trajectory.pk).outcome == "goals_reached"
    entry = AccessLogEntry.objects.get(
        action=AccessAction.ANONYMISE, object_type="care.caretrajectory"
    )
    assert entry.person_ids == [trajectory.person_id]
    assert verify_chain() is None


def test_a_minors_trajectory_is_kept_for_the_jeugdwets_twenty_years(
    hub_report, person, care_for, close_care
):
    born = timezone.localdate() - datetime.timedelta(days=16 * 365)
    report = hub_report(persons=[person(first_name="Lina", last_name="Bakker", birth_date=born)])
    trajectory = close_care(care_for(report))
    with time_machine.travel(after(trajectory.closed_at, 61, days=0)):
        removed = apply_retention().removed
        assert removed[RecordType.CARE_TRAJECTORY] == 0
        assert removed[RecordType.CARE_TRAJECTORY_YOUTH] == 0
    with time_machine.travel(after(trajectory.closed_at, 240, days=1)):
        assert apply_retention().removed[RecordType.CARE_TRAJECTORY_YOUTH] == 1
    assert care_text(trajectory) == ["", "", ""]


def test_a_case_is_not_anonymised_while_its_victims_care_records_are_kept(
    hub_report, care_for, close, close_care
):
    report = hub_report()
    trajectory = care_for(report)
    case = close(report.case, "no_indication")
    victim = InvolvedPerson.objects.get(pk=trajectory.person_id)
    with time_machine.travel(after(case.closed_at, 13, days=0)):
        assert apply_retention().removed[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 0
    victim.refresh_from_db()
    assert victim.first_name == "Anna"  # the care is still going on
    trajectory = close_care(trajectory)
    with time_machine.travel(after(trajectory.closed_at, 61, days=0)):
        assert apply_retention().removed[RecordType.CARE_TRAJECTORY] == 1
    # the rules run shortest period first: the case goes the night after its care records
    with time_machine.travel(after(trajectory.closed_at, 61, days=1)):
        assert apply_retention().removed[RecordType.REPORT_WITHOUT_FOLLOW_UP] == 1
    assert AnonymisedCase.objects.filter(case=case).exists()


def test_the_answer_to_an_access_request_holds_the_care_records(
    hub_report, care_for, privacy_officer
):
    care_for(hub_report())
    request = open_for_anna(privacy_officer)
    ops.search_persons(request_id=request.pk, by=privacy_officer)
    request.refresh_from_db()
    dossier = build_dossier(request, by=privacy_officer)
    titles = [section.title for section in dossier.records[0].sections]
    assert titles[:5] == [
        "Zorgtraject",
        "Ondersteuningsplan",
        "Aanbieders aan wie uw gegevens zijn verstrekt",
        "Contactmomenten",
        "Bedenktijd (B8/3)",
    ]
    text = pdf_text(render_dossier_pdf(dossier))
    for fact in (GOAL, CONTACT, PURPOSE, "publieke taak"):
        assert fact.lower() in text


def test_erasure_is_refused_while_the_care_goes_on_and_takes_the_care_text_after(
    hub_report, care_for, close, close_care, privacy_officer
):
    report = hub_report(persons=None)
    trajectory = care_for(report)
    close(report.case, "referred_care")
    request = open_for_anna(privacy_officer, kind=RequestKind.ERASURE)
    ops.search_persons(request_id=request.pk, by=privacy_officer)
    assert ops.erase_persons(request_id=request.pk, by=privacy_officer) == (
        [],
        [RefusalGround.CARE_ONGOING],
    )
    assert care_text(trajectory) == [GOAL, CONTACT, PURPOSE]

    close_care(trajectory)
    again = open_for_anna(privacy_officer, kind=RequestKind.ERASURE, **ANNA)
    ops.search_persons(request_id=again.pk, by=privacy_officer)
    erased, grounds = ops.erase_persons(request_id=again.pk, by=privacy_officer)
    assert (erased, grounds) == ([trajectory.person_id], [])
    assert care_text(trajectory) == ["", "", ""]
    assert AccessLogEntry.objects.filter(
        action=AccessAction.ANONYMISE,
        object_type="care.caretrajectory",
        purpose="erasure request",
    ).exists()


def test_the_answer_names_shelter_placements_but_not_a_secret_address(
    hub, hub_report, privacy_officer
):
    report = hub_report()
    anna = report.persons.get(role="presumed_victim")
    provider = Organisation.objects.get(region__code="VR05", type=OrganisationType.SHELTER)
    secret = UnitSpec("Blijf-van-mijn-lijfhuis", "womens_shelter", 1, secret_address=True)
    shelter.register_unit(by=hub, provider=provider, spec=secret)
    placement = shelter.request_placement(
        case_id=report.case_id, person_id=anna.pk, by=hub, secret_address=True
    )
    request = open_for_anna(privacy_officer)
    ops.search_persons(request_id=request.pk, by=privacy_officer)
    request.refresh_from_db()
    dossier = build_dossier(request, by=privacy_officer)
    sections = {section.title: section for section in dossier.records[0].sections}
    text = pdf_text(render_dossier_pdf(dossier))
    assert "Opvangplaatsingen" in sections
    assert placement.reference.lower() in text
    assert "geheim adres" in text
    assert provider.name.lower() not in text
    assert "blijf-van-mijn-lijfhuis" not in text
