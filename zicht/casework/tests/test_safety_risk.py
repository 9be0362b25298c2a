"""Only the focal officer or the hub flags a safety risk to the municipality."""

import datetime

import pytest
from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import ActionKind
from zicht.casework.tests.refusals import route_state
from zicht.casework.workflow import Status
from zicht.organisations.tests.factories import PartnerFactory, PartnerMemberFactory

pytestmark = pytest.mark.usefixtures("english")


def test_a_partner_who_sees_the_case_cannot_flag_a_safety_risk(case_in, hub):
    case = case_in(Status.FOLLOW_UP)
    veilig_thuis = PartnerFactory(region=hub.organisation.region)
    actions.add_action(
        case_id=case.pk,
        by=hub,
        kind=ActionKind.VEILIG_THUIS,
        owner=veilig_thuis,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    partner = PartnerMemberFactory(organisation=veilig_thuis)  # sees it: a pending handover
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="Only the focal officer or the regional hub"):
        routing.flag_safety_risk(case_id=case.pk, by=partner, note="Dreiging")
    assert route_state(case) == before
    case.refresh_from_db()
    assert not case.has_safety_risk
