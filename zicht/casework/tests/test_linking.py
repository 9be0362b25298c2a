"""The hub links two cases it can see, both ways and once; nobody else links."""

import pytest

from zicht.audit.models import AccessLogEntry
from zicht.casework import routing
from zicht.casework.models import CaseLink
from zicht.casework.tests.factories import CaseFactory
from zicht.casework.tests.refusals import ONLY_HUB, route_state
from zicht.casework.workflow import Status
from zicht.organisations.tests.factories import VLISSINGEN, municipality

pytestmark = pytest.mark.usefixtures("english")


def test_linking_connects_both_cases_once_and_is_logged(case_in, hub):
    case, other = case_in(Status.RECEIVED), case_in(Status.RECEIVED)
    for _ in range(2):
        routing.link_cases(case_id=case.pk, other_case_id=other.pk, by=hub, matched_on="phone")
    links = set(CaseLink.objects.values_list("case_id", "linked_case_id", "matched_on"))
    assert links == {(case.pk, other.pk, "phone"), (other.pk, case.pk, "phone")}
    logged = AccessLogEntry.objects.filter(object_id=str(case.pk), detail__linked_case=other.pk)
    assert logged.count() == 1
    assert logged.get().username == hub.user.username


def test_only_the_hub_links_cases(case_in, focal_officer):
    case, other = case_in(Status.RECEIVED), case_in(Status.RECEIVED)
    before = route_state(case), route_state(other)
    with pytest.raises(routing.RouteRefused, match=ONLY_HUB):
        routing.link_cases(
            case_id=case.pk, other_case_id=other.pk, by=focal_officer, matched_on="phone"
        )
    assert (route_state(case), route_state(other)) == before


def test_a_case_the_hub_cannot_see_is_not_found(case_in, hub):
    case = case_in(Status.RECEIVED)
    elsewhere = CaseFactory(municipality=municipality(VLISSINGEN))  # region Zeeland
    before = route_state(case), route_state(elsewhere)
    with pytest.raises(routing.NotFound):
        routing.link_cases(case_id=case.pk, other_case_id=elsewhere.pk, by=hub, matched_on="name")
    assert (route_state(case), route_state(elsewhere)) == before


def test_a_case_is_not_linked_to_itself(case_in, hub):
    case = case_in(Status.RECEIVED)
    before = route_state(case)
    with pytest.raises(routing.NotFound):
        routing.link_cases(case_id=case.pk, other_case_id=case.pk, by=hub, matched_on="name")
    assert route_state(case) == before
