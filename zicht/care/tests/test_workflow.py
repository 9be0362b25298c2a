"""The trajectory's table: each stage reached through its operation, every refused step
leaves everything as it was, and the history is only ever appended."""

import datetime

import pytest
from django.utils import timezone

from zicht.care import support, trajectories
from zicht.care.models import AppendOnlyError, GoalDomain
from zicht.care.tests.conftest import care_state
from zicht.care.workflow import TRANSITIONS, Outcome, ReopenReason, TrajectoryStatus
from zicht.organisations.models import Organisation, OrganisationType, Role

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _goal(trajectory, by):
    return support.add_goal(
        trajectory_id=trajectory.pk,
        by=by,
        domain=GoalDomain.HOUSING,
        description="Veilige woonplek",
        owner=by.organisation,
        due_on=TOMORROW,
    )


def test_every_edge_says_why_and_only_care_roles_take_it():
    for transition in TRANSITIONS.values():
        assert transition.why
        assert transition.roles <= {Role.HUB_CASE_MANAGER, Role.CARE_COORDINATOR}


def test_a_trajectory_walks_from_intake_to_closed_and_back(
    trajectory, coordinator, hub, make_report
):
    assert trajectory.status == TrajectoryStatus.INTAKE
    trajectories.start_plan(trajectory_id=trajectory.pk, by=coordinator)
    _goal(trajectory, coordinator)
    trajectories.start_care(trajectory_id=trajectory.pk, by=coordinator)
    trajectories.start_aftercare(trajectory_id=trajectory.pk, by=coordinator, follow_up_on=TOMORROW)
    trajectories.close_trajectory(
        trajectory_id=trajectory.pk, by=coordinator, outcome=Outcome.GOALS_REACHED
    )
    trajectory.refresh_from_db()
    assert trajectory.status == TrajectoryStatus.CLOSED
    assert trajectory.outcome == Outcome.GOALS_REACHED
    assert trajectory.care_started_at is not None

    new_case = make_report().case
    trajectories.reopen_trajectory(
        trajectory_id=trajectory.pk,
        by=hub,
        reason=ReopenReason.RELAPSE,
        note="Opnieuw gemeld.",
        new_case_id=new_case.pk,
    )
    trajectory.refresh_from_db()
    assert trajectory.status == TrajectoryStatus.INTAKE
    assert trajectory.relapse_case == new_case
    assert trajectory.outcome == ""
    assert [s.to_status for s in trajectory.steps.all()] == [
        "intake",
        "plan",
        "in_care",
        "aftercare",
        "closed",
        "intake",
    ]
    assert trajectory.steps.last().linked_case == new_case


@pytest.mark.parametrize(
    ("operation", "kwargs", "message"),
    [
        (trajectories.start_care, {}, "is not possible now"),  # intake → in care: no edge
        (trajectories.start_aftercare, {"follow_up_on": TOMORROW}, "is not possible now"),
        (trajectories.close_trajectory, {"outcome": ""}, "Record the outcome"),
        (trajectories.close_trajectory, {"outcome": "other"}, "Record the outcome"),
        (
            trajectories.reopen_trajectory,
            {"reason": ReopenReason.NEW_NEED, "note": "x"},
            "is not possible now",
        ),
    ],
)
def test_a_step_that_is_not_allowed_changes_nothing(
    trajectory, coordinator, english, operation, kwargs, message
):
    before = care_state(trajectory)
    with pytest.raises(trajectories.CareRefused, match=message):
        operation(trajectory_id=trajectory.pk, by=coordinator, **kwargs)
    assert care_state(trajectory) == before


def test_care_starts_only_under_a_plan_with_a_goal(trajectory, coordinator, english):
    trajectories.start_plan(trajectory_id=trajectory.pk, by=coordinator)
    before = care_state(trajectory)
    with pytest.raises(trajectories.CareRefused, match="at least one goal"):
        trajectories.start_care(trajectory_id=trajectory.pk, by=coordinator)
    assert care_state(trajectory) == before


def test_aftercare_needs_a_follow_up_date_that_is_not_past(trajectory, coordinator, english):
    trajectories.start_plan(trajectory_id=trajectory.pk, by=coordinator)
    _goal(trajectory, coordinator)
    trajectories.start_care(trajectory_id=trajectory.pk, by=coordinator)
    before = care_state(trajectory)
    with pytest.raises(trajectories.CareRefused, match="cannot be in the past"):
        trajectories.start_aftercare(
            trajectory_id=trajectory.pk,
            by=coordinator,
            follow_up_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert care_state(trajectory) == before


def test_falling_back_needs_the_new_case_and_another_one(trajectory, coordinator, english):
    trajectories.close_trajectory(trajectory_id=trajectory.pk, by=coordinator, outcome="declined")
    before = care_state(trajectory)
    for new_case_id in (None, trajectory.case_id, 999_999):
        with pytest.raises(trajectories.CareRefused, match="Name the new case"):
            trajectories.reopen_trajectory(
                trajectory_id=trajectory.pk,
                by=coordinator,
                reason=ReopenReason.RELAPSE,
                note="Terugval",
                new_case_id=new_case_id,
            )
    with pytest.raises(trajectories.CareRefused, match="Say why"):
        trajectories.reopen_trajectory(
            trajectory_id=trajectory.pk, by=coordinator, reason=ReopenReason.NEW_NEED, note=" "
        )
    assert care_state(trajectory) == before


def test_opening_is_for_a_presumed_victim_once(case, victim, hub, english):
    suspect = case.reports.get().persons.get(role="suspect")
    with pytest.raises(trajectories.CareRefused, match="only for a presumed victim"):
        trajectories.open_trajectory(case_id=case.pk, person_id=suspect.pk, by=hub)
    trajectories.open_trajectory(case_id=case.pk, person_id=victim.pk, by=hub)
    with pytest.raises(trajectories.CareRefused, match="already has a care trajectory"):
        trajectories.open_trajectory(case_id=case.pk, person_id=victim.pk, by=hub)
    assert victim.care_trajectory.steps.count() == 1


def test_only_the_hub_or_a_coordinator_opens_and_only_for_a_case_they_see(
    case, victim, member, coordinator, english
):
    # the focal officer sees the case, but does not coordinate care
    with pytest.raises(trajectories.CareRefused, match="Only the regional hub or a care"):
        trajectories.open_trajectory(case_id=case.pk, person_id=victim.pk, by=member("afm.hengelo"))
    with pytest.raises(trajectories.NotFound):  # the coordinator does not see the case yet
        trajectories.open_trajectory(case_id=case.pk, person_id=victim.pk, by=coordinator)


def test_the_hub_may_name_a_care_organisation_of_the_region_only(case, victim, hub, english):
    police = Organisation.objects.get(region=case.region, type=OrganisationType.POLICE)
    with pytest.raises(trajectories.CareRefused, match="coordinated by the hub or a care"):
        trajectories.open_trajectory(
            case_id=case.pk, person_id=victim.pk, by=hub, coordinating_organisation=police
        )
    care = Organisation.objects.get(region=case.region, type=OrganisationType.CARE)
    made = trajectories.open_trajectory(
        case_id=case.pk, person_id=victim.pk, by=hub, coordinating_organisation=care
    )
    assert made.coordinating_organisation == care


def test_the_history_is_append_only(trajectory):
    step = trajectory.steps.get()
    with pytest.raises(AppendOnlyError):
        step.save()
    with pytest.raises(AppendOnlyError):
        step.delete()
