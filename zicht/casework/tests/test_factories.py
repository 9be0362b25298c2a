"""The case factory gets a case to each status along the route, never by setting it."""

import pytest

from zicht.casework.tests.factories import CaseFactory
from zicht.casework.workflow import Status

STEPS_TO = {
    Status.RECEIVED: ["receive"],
    Status.ENRICHING: ["receive", "start_enriching"],
    Status.ACUTE: ["receive", "escalate_acute"],
    Status.REPORTED_TO_HUB: ["receive", "report_to_hub"],
    Status.FOLLOW_UP: ["receive", "report_to_hub", "start_follow_up"],
    Status.CLOSED: ["receive", "report_to_hub", "start_follow_up", "close"],
}


def test_every_status_has_a_route():
    assert set(STEPS_TO) == set(Status.values)


@pytest.mark.parametrize("status", sorted(STEPS_TO))
def test_a_case_reaches_its_status_through_the_route(db, status):
    case = CaseFactory(status=status)
    assert case.status == status
    assert (
        list(case.steps.order_by("at", "pk").values_list("transition", flat=True))
        == (STEPS_TO[status])
    )
    assert case.reports.get().persons.count() == 1
