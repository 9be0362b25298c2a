"""The hub's feedback to the focal officer: written by the hub, never empty."""

import pytest

from zicht.casework import routing
from zicht.casework.tests.refusals import ONLY_HUB, route_state
from zicht.casework.workflow import Status
from zicht.notifications.models import Notification

pytestmark = pytest.mark.usefixtures("english")


def test_the_hubs_feedback_fills_the_open_request_and_tells_the_focal_officer(
    case_in, hub, focal_officer
):
    case = case_in(Status.REPORTED_TO_HUB)
    request = case.feedback.get()
    routing.give_feedback(case_id=case.pk, by=hub, text="Casus opgepakt met Veilig Thuis.")
    request.refresh_from_db()
    assert request.text == "Casus opgepakt met Veilig Thuis."
    assert request.given_by == hub.user
    assert Notification.objects.filter(
        recipient=focal_officer.user, subject__contains=case.reference
    ).exists()


def test_feedback_must_say_something(case_in, hub):
    case = case_in(Status.REPORTED_TO_HUB)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match="Write the feedback"):
        routing.give_feedback(case_id=case.pk, by=hub, text="  ")
    assert route_state(case) == before


def test_only_the_hub_gives_feedback(case_in, focal_officer):
    case = case_in(Status.REPORTED_TO_HUB)
    before = route_state(case)
    with pytest.raises(routing.RouteRefused, match=ONLY_HUB):
        routing.give_feedback(case_id=case.pk, by=focal_officer, text="Zelf teruggekoppeld.")
    assert route_state(case) == before
