"""The support plan, the providers with their legal basis and the contact moments: bad
input is refused with a reason and changes nothing."""

import datetime

import pytest
from django.utils import timezone

from zicht.audit.models import AccessLogEntry
from zicht.care import support, trajectories
from zicht.care.models import ConsentBy, GoalDomain, GoalStatus, LegalBasis
from zicht.care.tests.conftest import care_state
from zicht.organisations.models import Organisation, OrganisationType
from zicht.organisations.tests.factories import OrganisationFactory

TODAY = timezone.localdate()
NEXT_MONTH = TODAY + datetime.timedelta(days=30)


@pytest.fixture
def shelter(trajectory):
    return Organisation.objects.get(region=trajectory.case.region, type=OrganisationType.SHELTER)


def test_a_goal_has_a_domain_an_owner_and_a_date(trajectory, coordinator, shelter):
    goal = support.add_goal(
        trajectory_id=trajectory.pk,
        by=coordinator,
        domain=GoalDomain.HOUSING,
        description="Veilige woonplek",
        owner=shelter,
        due_on=NEXT_MONTH,
    )
    support.set_goal_status(goal_id=goal.pk, by=coordinator, status=GoalStatus.REACHED)
    goal.refresh_from_db()
    assert (goal.domain, goal.owner, goal.status) == ("housing", shelter, "reached")
    assert AccessLogEntry.objects.filter(
        object_type="care.caretrajectory", detail__goal=goal.pk
    ).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"due_on": TODAY - datetime.timedelta(days=1)}, "cannot be in the past"),
        ({"description": "  "}, "Describe the goal"),
        ({"domain": "money"}, "Choose the domain"),
        ({"owner": "elsewhere"}, "organisation of the case's region"),
    ],
)
def test_a_bad_goal_changes_nothing(trajectory, coordinator, shelter, english, change, message):
    fields = {
        "domain": GoalDomain.INCOME,
        "description": "Uitkering aanvragen",
        "owner": shelter,
        "due_on": NEXT_MONTH,
        **change,
    }
    if fields["owner"] == "elsewhere":
        fields["owner"] = OrganisationFactory(type=OrganisationType.CARE)
    before = care_state(trajectory)
    with pytest.raises(trajectories.CareRefused, match=message):
        support.add_goal(trajectory_id=trajectory.pk, by=coordinator, **fields)
    assert care_state(trajectory) == before


def test_a_provider_is_recorded_with_purpose_basis_and_consent(trajectory, coordinator, shelter):
    involvement = support.involve_provider(
        trajectory_id=trajectory.pk,
        by=coordinator,
        provider=shelter,
        purpose="Opvang",
        legal_basis=LegalBasis.CONSENT,
        consent_on=TODAY,
        consent_by=ConsentBy.VICTIM,
    )
    assert (involvement.legal_basis, involvement.consent_on) == ("consent", TODAY)
    entry = AccessLogEntry.objects.filter(detail__provider=shelter.pk).get()
    assert entry.detail["legal_basis"] == "consent"
    assert entry.detail["purpose"] == "Opvang"


def test_without_consent_as_basis_no_consent_is_stored(trajectory, coordinator, shelter):
    involvement = support.involve_provider(
        trajectory_id=trajectory.pk,
        by=coordinator,
        provider=shelter,
        purpose="Crisisopvang",
        legal_basis=LegalBasis.VITAL_INTEREST,
        consent_on=TODAY,
        consent_by=ConsentBy.VICTIM,
    )
    assert (involvement.consent_on, involvement.consent_by) == (None, "")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"purpose": ""}, "State the purpose"),
        ({"legal_basis": "because"}, "Choose the legal basis"),
        ({"consent_on": None}, "when and by whom"),
        ({"consent_by": ""}, "when and by whom"),
        ({"consent_on": TODAY + datetime.timedelta(days=1)}, "in the future"),
    ],
)
def test_a_provider_without_a_sound_basis_changes_nothing(
    trajectory, coordinator, shelter, english, change, message
):
    fields = {
        "provider": shelter,
        "purpose": "Opvang",
        "legal_basis": LegalBasis.CONSENT,
        "consent_on": TODAY,
        "consent_by": ConsentBy.VICTIM,
        **change,
    }
    before = care_state(trajectory)
    with pytest.raises(trajectories.CareRefused, match=message):
        support.involve_provider(trajectory_id=trajectory.pk, by=coordinator, **fields)
    assert care_state(trajectory) == before


def test_under_sixteen_a_parent_consents(make_report, person, hub, coordinator, english):
    case = make_report(
        persons=[person(first_name="Lisa", birth_date=TODAY.replace(year=TODAY.year - 14))]
    ).case
    minor = case.reports.get().persons.get()
    trajectory = trajectories.open_trajectory(case_id=case.pk, person_id=minor.pk, by=hub)
    shelter = Organisation.objects.get(region=case.region, type=OrganisationType.SHELTER)
    fields = {
        "trajectory_id": trajectory.pk,
        "by": coordinator,
        "provider": shelter,
        "purpose": "Jeugdopvang",
        "legal_basis": LegalBasis.CONSENT,
        "consent_on": TODAY,
    }
    with pytest.raises(trajectories.CareRefused, match="Under 16"):
        support.involve_provider(consent_by=ConsentBy.VICTIM, **fields)
    assert not trajectory.providers.exists()
    support.involve_provider(consent_by=ConsentBy.PARENT, **fields)
    with pytest.raises(trajectories.CareRefused, match="already involved"):
        support.involve_provider(consent_by=ConsentBy.PARENT, **fields)


def test_a_contact_moment_is_not_in_the_future_and_has_a_summary(trajectory, coordinator, english):
    support.record_contact(
        trajectory_id=trajectory.pk, by=coordinator, on=TODAY, kind="phone", summary="Gebeld."
    )
    before = care_state(trajectory)
    for on, summary, message in (
        (TODAY + datetime.timedelta(days=1), "Gebeld.", "cannot lie in the future"),
        (TODAY, " ", "Summarise"),
    ):
        with pytest.raises(trajectories.CareRefused, match=message):
            support.record_contact(
                trajectory_id=trajectory.pk, by=coordinator, on=on, kind="phone", summary=summary
            )
    assert care_state(trajectory) == before


def test_a_closed_trajectory_takes_no_changes(trajectory, coordinator, shelter, english):
    trajectories.close_trajectory(trajectory_id=trajectory.pk, by=coordinator, outcome="declined")
    before = care_state(trajectory)
    with pytest.raises(trajectories.CareRefused, match="reopen it first"):
        support.add_goal(
            trajectory_id=trajectory.pk,
            by=coordinator,
            domain=GoalDomain.SAFETY,
            description="Veiligheidsplan",
            owner=shelter,
            due_on=NEXT_MONTH,
        )
    assert care_state(trajectory) == before
