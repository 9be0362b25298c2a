"""A step the table does not allow, or a rule of the step, is refused and changes nothing.

Roles outside an edge: test_workflow.py."""

import pytest

from zicht.casework import routing
from zicht.casework.tests.refusals import NOT_NOW, ROLE, route_state
from zicht.casework.workflow import Status
from zicht.organisations.tests.factories import SafetyOfficerFactory

pytestmark = pytest.mark.usefixtures("english")


def test_enriching_cannot_start_twice(case_in, focal_officer):
    case = case_in(Status.ENRICHING)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match=NOT_NOW):
        routing.start_enriching(case_id=case.pk, by=focal_officer)
    assert route_state(case) == before


def test_a_case_in_follow_up_cannot_be_escalated_as_acute(case_in, hub):
    case = case_in(Status.FOLLOW_UP)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match=NOT_NOW):
        routing.escalate_acute(case_id=case.pk, by=hub)
    assert route_state(case) == before  # and so no urgent message either


def test_a_safety_officer_cannot_escalate_a_case_as_acute(case_in, focal_officer):
    case = case_in(Status.RECEIVED)
    routing.flag_safety_risk(case_id=case.pk, by=focal_officer)  # now the officer sees the case
    safety_officer = SafetyOfficerFactory(organisation=focal_officer.organisation)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match=ROLE):
        routing.escalate_acute(case_id=case.pk, by=safety_officer)
    assert route_state(case) == before


@pytest.mark.parametrize("feedback_days", [0, 91])
def test_the_feedback_term_must_be_between_one_and_ninety_days(
    case_in, focal_officer, feedback_days
):
    case = case_in(Status.RECEIVED)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="between 1 and 90 days"):
        routing.report_to_hub(case_id=case.pk, by=focal_officer, feedback_days=feedback_days)
    assert route_state(case) == before


def test_follow_up_cannot_start_before_the_case_reaches_the_hub(case_in, hub):
    case = case_in(Status.RECEIVED)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match=NOT_NOW):
        routing.start_follow_up(case_id=case.pk, by=hub)
    assert route_state(case) == before
