"""A case closes only once a follow-up action is done and the follow-up is secured."""

import datetime
import re

import pytest
from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import ActionKind, ActionStatus, HandoverStatus
from zicht.casework.tests.refusals import route_state
from zicht.casework.workflow import Status
from zicht.organisations.models import Organisation, OrganisationType


@pytest.fixture
def case_in_follow_up(make_report, member):
    case = make_report(route_to="hub").case
    hub = member("hub.twente")
    veilig_thuis = Organisation.objects.get(type=OrganisationType.VEILIG_THUIS, region=case.region)
    action = actions.add_action(
        case_id=case.pk,
        by=hub,
        kind=ActionKind.VEILIG_THUIS,
        owner=veilig_thuis,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    case.refresh_from_db()
    return case, action


def test_adding_an_action_starts_follow_up_and_hands_it_over(case_in_follow_up):
    case, action = case_in_follow_up
    assert case.status == Status.FOLLOW_UP
    assert action.status == ActionStatus.AWAITING_ACCEPTANCE
    assert action.handover.status == HandoverStatus.PENDING


def test_closing_is_refused_while_no_action_is_done(case_in_follow_up, member):
    case, _ = case_in_follow_up
    with pytest.raises(
        routing.RouteRefused, match=re.escape(str(routing.CLOSURE_NEEDS_DONE_ACTION))
    ):
        routing.close_case(
            case_id=case.pk,
            by=member("hub.twente"),
            reason="referred_veilig_thuis",
            follow_up_secured=True,
        )
    case.refresh_from_db()
    assert case.status == Status.FOLLOW_UP


def test_closing_is_refused_without_confirming_the_follow_up_is_secured(case_in_follow_up, member):
    case, action = case_in_follow_up
    vt = member("vt.twente")
    actions.decide_handover(handover_id=action.handover.pk, by=vt, accept=True)
    actions.complete_action(action_id=action.pk, by=vt, outcome="Melding opgepakt.")
    with pytest.raises(routing.RouteRefused, match=re.escape(str(routing.CLOSURE_NEEDS_SECURED))):
        routing.close_case(
            case_id=case.pk,
            by=member("hub.twente"),
            reason="referred_veilig_thuis",
            follow_up_secured=False,
        )


def test_closing_succeeds_once_an_action_is_done_and_follow_up_secured(case_in_follow_up, member):
    case, action = case_in_follow_up
    vt = member("vt.twente")
    actions.decide_handover(handover_id=action.handover.pk, by=vt, accept=True)
    actions.complete_action(action_id=action.pk, by=vt, outcome="Melding opgepakt.")
    routing.close_case(
        case_id=case.pk,
        by=member("hub.twente"),
        reason="referred_veilig_thuis",
        follow_up_secured=True,
    )
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.closure_reason == "referred_veilig_thuis"
    assert case.follow_up_secured_by == member("hub.twente").user


def test_a_declined_handover_does_not_count_and_ends_the_partners_access(case_in_follow_up, member):
    """Declining without a reason is refused: test_handovers.py."""
    _, action = case_in_follow_up
    vt = member("vt.twente")
    actions.decide_handover(
        handover_id=action.handover.pk, by=vt, accept=False, reason="Geen minderjarigen"
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.DECLINED
    with pytest.raises(routing.NotFound):  # declining ends the partner's access
        actions.complete_action(action_id=action.pk, by=vt, outcome="x")


@pytest.mark.usefixtures("english")
def test_only_the_owning_organisation_completes_an_action(case_in_follow_up, member):
    case, action = case_in_follow_up
    actions.decide_handover(handover_id=action.handover.pk, by=member("vt.twente"), accept=True)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="Only the owning organisation"):
        actions.complete_action(action_id=action.pk, by=member("hub.twente"), outcome="x")
    assert route_state(case) == before


@pytest.mark.usefixtures("english")
def test_closing_needs_a_reason(case_in, hub):
    case = case_in(Status.FOLLOW_UP)
    action = actions.add_action(
        case_id=case.pk,
        by=hub,
        kind=ActionKind.ADVICE,
        owner=hub.organisation,
        due_on=timezone.localdate(),
    )
    actions.complete_action(action_id=action.pk, by=hub, outcome="Advies gegeven.")
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="Choose a reason"):
        routing.close_case(case_id=case.pk, by=hub, reason="", follow_up_secured=True)
    assert route_state(case) == before
