"""Follow-up actions: only the hub adds them, on an open case, for an organisation
of the region; only the owner completes an open action, saying what came of it."""

import datetime

import pytest
from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import ActionKind, ActionStatus
from zicht.casework.tests.refusals import ONLY_HUB, route_state
from zicht.casework.workflow import Status
from zicht.organisations.tests.factories import PartnerFactory, PartnerMemberFactory

pytestmark = pytest.mark.usefixtures("english")

NEXT_WEEK = timezone.localdate() + datetime.timedelta(days=7)


@pytest.fixture
def veilig_thuis(hub):
    return PartnerFactory(region=hub.organisation.region)


@pytest.fixture
def handed_over(case_in, hub, veilig_thuis):
    """A case in follow-up with an action handed over to Veilig Thuis, not yet accepted."""
    case = case_in(Status.FOLLOW_UP)
    action = actions.add_action(
        case_id=case.pk, by=hub, kind=ActionKind.VEILIG_THUIS, owner=veilig_thuis, due_on=NEXT_WEEK
    )
    return case, action, PartnerMemberFactory(organisation=veilig_thuis)


def test_a_closed_case_takes_no_new_action(case_in, hub):
    case = case_in(Status.CLOSED)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="reopen it first"):
        actions.add_action(
            case_id=case.pk,
            by=hub,
            kind=ActionKind.ADVICE,
            owner=hub.organisation,
            due_on=NEXT_WEEK,
        )
    assert route_state(case) == before


def test_the_owner_of_an_action_must_belong_to_the_cases_region(case_in, hub):
    case = case_in(Status.REPORTED_TO_HUB)
    elsewhere = PartnerFactory()  # a partner in a region of its own
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="must belong to the case's region"):
        actions.add_action(
            case_id=case.pk, by=hub, kind=ActionKind.VEILIG_THUIS, owner=elsewhere, due_on=NEXT_WEEK
        )
    assert route_state(case) == before  # still reported to the hub: follow-up did not start


def test_only_the_hub_adds_an_action(case_in, focal_officer):
    case = case_in(Status.FOLLOW_UP)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match=ONLY_HUB):
        actions.add_action(
            case_id=case.pk,
            by=focal_officer,
            kind=ActionKind.CARE,
            owner=focal_officer.organisation,
            due_on=NEXT_WEEK,
        )
    assert route_state(case) == before


def test_an_action_waiting_for_acceptance_cannot_be_completed(handed_over):
    case, action, partner = handed_over
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="cannot be completed"):
        actions.complete_action(action_id=action.pk, by=partner, outcome="Opgepakt.")
    assert route_state(case) == before
    action.refresh_from_db()
    assert action.status == ActionStatus.AWAITING_ACCEPTANCE


def test_a_done_action_cannot_be_completed_again(handed_over):
    case, action, partner = handed_over
    actions.decide_handover(handover_id=action.handover.pk, by=partner, accept=True)
    actions.complete_action(action_id=action.pk, by=partner, outcome="Opgepakt.")
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="cannot be completed"):
        actions.complete_action(action_id=action.pk, by=partner, outcome="Nog eens.")
    assert route_state(case) == before


def test_completing_an_action_needs_its_outcome(handed_over):
    case, action, partner = handed_over
    actions.decide_handover(handover_id=action.handover.pk, by=partner, accept=True)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="Describe the outcome"):
        actions.complete_action(action_id=action.pk, by=partner, outcome=" ")
    assert route_state(case) == before
