"""A closed case is reopened by the hub, with a reason, and back in follow-up."""

import pytest

from zicht.audit.models import AccessLogEntry
from zicht.casework import routing
from zicht.casework.tests.refusals import NOT_NOW, ROLE, route_state
from zicht.casework.workflow import Status

pytestmark = pytest.mark.usefixtures("english")


def test_the_hub_reopens_a_closed_case_with_a_note(case_in, hub):
    case = case_in(Status.CLOSED)
    routing.reopen_case(case_id=case.pk, by=hub, note="Nieuwe informatie van de politie.")
    case.refresh_from_db()
    assert case.status == Status.FOLLOW_UP
    assert case.closure_reason == ""
    assert case.closed_at is None
    step = case.steps.order_by("at", "pk").last()
    assert (step.transition, step.from_status, step.to_status) == (
        "reopen",
        Status.CLOSED,
        Status.FOLLOW_UP,
    )
    assert step.note == "Nieuwe informatie van de politie."
    assert step.actor == hub.user
    assert AccessLogEntry.objects.filter(
        object_id=str(case.pk), detail__transition="reopen", username=hub.user.username
    ).exists()


def test_reopening_needs_a_reason(case_in, hub):
    case = case_in(Status.CLOSED)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="Say why"):
        routing.reopen_case(case_id=case.pk, by=hub, note="  ")
    assert route_state(case) == before


def test_only_the_hub_reopens_a_case(case_in, focal_officer):
    case = case_in(Status.CLOSED)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match=ROLE):
        routing.reopen_case(case_id=case.pk, by=focal_officer, note="Nieuwe informatie.")
    assert route_state(case) == before


def test_a_case_that_is_not_closed_cannot_be_reopened(case_in, hub):
    case = case_in(Status.FOLLOW_UP)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match=NOT_NOW):
        routing.reopen_case(case_id=case.pk, by=hub, note="Nieuwe informatie.")
    assert route_state(case) == before
