"""Two users taking the same step at once: one wins, the other is refused, no corruption.

Needs PostgreSQL's row locks (SQLite serialises whole transactions instead)."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from zicht.casework import routing
from zicht.casework.models import ActionKind, CaseStep
from zicht.casework.workflow import Status
from zicht.demo.organisations import _user
from zicht.organisations.models import Membership, Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_hub_members_closing_at_once_close_once(make_report, member):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    hub = member("hub.twente")
    second_user = _user("hub2.twente", "Tweede", "Casemanager")
    hub2 = Membership.objects.create(
        user=second_user, organisation=hub.organisation, role=Role.HUB_CASE_MANAGER
    )
    case = make_report(route_to="hub").case
    action = routing.add_action(
        case_id=case.pk,
        by=hub,
        kind=ActionKind.ADVICE,
        owner=hub.organisation,
        due_on=timezone.localdate(),
    )
    routing.complete_action(action_id=action.pk, by=hub, outcome="Advies gegeven.")

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def close(by):
        barrier.wait()
        try:
            routing.close_case(
                case_id=case.pk, by=by, reason="no_indication", follow_up_secured=True
            )
            outcomes.append("closed")
        except routing.RouteRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=close, args=(m,)) for m in (hub, hub2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["closed", "refused"]
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert CaseStep.objects.filter(case=case, transition="close").count() == 1
