"""A handover is decided once, by the organisation it was handed to; a refusal
gives a reason."""

import datetime

import pytest
from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import ActionKind, ActionStatus, HandoverStatus
from zicht.casework.tests.refusals import route_state
from zicht.casework.workflow import Status
from zicht.organisations.models import OrganisationType
from zicht.organisations.tests.factories import PartnerFactory, PartnerMemberFactory

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def handover(case_in, hub):
    """A pending handover of a Veilig Thuis action, and a member of Veilig Thuis."""
    case = case_in(Status.FOLLOW_UP)
    veilig_thuis = PartnerFactory(region=hub.organisation.region)
    action = actions.add_action(
        case_id=case.pk,
        by=hub,
        kind=ActionKind.VEILIG_THUIS,
        owner=veilig_thuis,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return action.handover, PartnerMemberFactory(organisation=veilig_thuis)


@pytest.mark.parametrize("who", ["other_partner", "hub"])
def test_another_organisation_does_not_find_the_handover(handover, hub, who):
    handover, _ = handover
    by = (
        hub
        if who == "hub"
        else PartnerMemberFactory(
            organisation__type=OrganisationType.SHELTER,
            organisation__region=hub.organisation.region,
        )
    )
    before = route_state(handover.case)
    with pytest.raises(routing.NotFound):
        actions.decide_handover(handover_id=handover.pk, by=by, accept=True)
    assert route_state(handover.case) == before


def test_a_handover_is_decided_only_once(handover):
    handover, partner = handover
    actions.decide_handover(handover_id=handover.pk, by=partner, accept=True)
    before = route_state(handover.case)
    with pytest.raises(routing.RouteRefused, match="already been decided"):
        actions.decide_handover(
            handover_id=handover.pk, by=partner, accept=False, reason="Toch niet"
        )
    assert route_state(handover.case) == before
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED


def test_declining_a_handover_needs_a_reason(handover):
    handover, partner = handover
    before = route_state(handover.case)
    with pytest.raises(routing.RouteRefused, match="Say why your organisation declines"):
        actions.decide_handover(handover_id=handover.pk, by=partner, accept=False, reason=" ")
    assert route_state(handover.case) == before
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING
    assert handover.action.status == ActionStatus.AWAITING_ACCEPTANCE
