"""The inbox of each role: what waits for that person, counted, overdue first, filtered,
and nothing of a case the person may not see (`inbox.inbox_for`)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.inbox import InboxFilter, inbox_for
from zicht.casework.models import ActionKind, Case
from zicht.casework.workflow import Status
from zicht.organisations.models import Municipality, Organisation, OrganisationType

DAY = datetime.timedelta(days=1)
# What waits is read in English, so that a test can say which words it expects.
pytestmark = pytest.mark.usefixtures("english")


def groups(membership, filters: InboxFilter | None = None, **kwargs) -> dict:
    return {group.key: group for group in inbox_for(membership, filters, **kwargs).groups}


def cases_in(group) -> list[Case]:
    return [item.case for item in group.items]


def veilig_thuis() -> Organisation:
    return Organisation.objects.get(region__code="VR05", type=OrganisationType.VEILIG_THUIS)


@pytest.fixture
def at_hub(make_report, member):
    """A Hengelo case reported to the hub by the focal officer, days_ago days ago, with a
    feedback term of feedback_days."""

    def make(*, days_ago: int = 0, feedback_days: int = 14) -> Case:
        with time_machine.travel(timezone.now() - days_ago * DAY, tick=False):
            case = make_report().case
            routing.report_to_hub(
                case_id=case.pk, by=member("afm.hengelo"), feedback_days=feedback_days
            )
        return case

    return make


def hand_over(case: Case, hub, *, due_in: int, to: Organisation | None = None):
    return actions.add_action(
        case_id=case.pk,
        by=hub,
        kind=ActionKind.VEILIG_THUIS,
        owner=to or veilig_thuis(),
        due_on=timezone.localdate() + due_in * DAY,
    )


def test_the_focal_officer_takes_up_a_new_report_of_the_municipality(make_report, member):
    case = make_report().case
    inbox = groups(member("afm.hengelo"))
    assert cases_in(inbox["take_up"]) == [case]
    assert inbox["take_up"].count == 1
    assert str(inbox["take_up"].items[0].what) == "Start enriching or Report to the regional hub"
    # The focal officer of Enschede, same region, has no need to know.
    assert all(group.count == 0 for group in groups(member("afm.enschede")).values())


def test_the_hub_sees_acute_cases_apart_and_reported_cases_to_take_up(make_report, at_hub, member):
    reported = at_hub()
    acute = make_report(acute=True).case
    with_the_focal_officer = make_report().case
    inbox = groups(member("hub.twente"))
    assert next(iter(inbox)) == "acute"
    assert cases_in(inbox["acute"]) == [acute]
    assert str(inbox["acute"].items[0].what) == "Start follow-up"
    # A new report is with the focal officer until it is reported to the hub.
    assert cases_in(inbox["take_up"]) == [reported]
    assert with_the_focal_officer not in cases_in(inbox["take_up"])
    assert str(inbox["take_up"].items[0].what) == "Start follow-up"


def test_feedback_to_give_counts_what_is_overdue_and_shows_it_first(at_hub, member):
    on_time = at_hub(days_ago=1, feedback_days=14)
    late = at_hub(days_ago=10, feedback_days=3)
    later = at_hub(days_ago=20, feedback_days=5)
    feedback = groups(member("hub.twente"))["feedback_to_give"]
    assert (feedback.count, feedback.overdue) == (3, 2)
    assert cases_in(feedback) == [later, late, on_time]
    assert [item.days_late for item in feedback.items] == [15, 7, 0]
    # The focal officer waits for the same feedback from the hub.
    awaited = groups(member("afm.hengelo"))["feedback_awaited"]
    assert (awaited.count, awaited.overdue) == (3, 2)


def test_a_partner_sees_its_handovers_then_its_actions_overdue_first(at_hub, member):
    hub = member("hub.twente")
    first, second = at_hub(), at_hub()
    routing.start_follow_up(case_id=first.pk, by=hub)
    routing.start_follow_up(case_id=second.pk, by=hub)
    soon = hand_over(first, hub, due_in=10)
    with time_machine.travel(timezone.now() - 30 * DAY, tick=False):
        overdue = hand_over(second, hub, due_in=20)
    vt = member("vt.twente")
    inbox = groups(vt)
    assert list(inbox) == ["handovers", "actions"]
    assert (inbox["handovers"].count, inbox["handovers"].overdue) == (2, 1)
    assert cases_in(inbox["handovers"]) == [second, first]
    assert inbox["actions"].count == 0

    for action in (soon, overdue):
        handover = action.handover
        actions.decide_handover(handover_id=handover.pk, by=vt, accept=True)
    inbox = groups(vt)
    assert inbox["handovers"].count == 0
    assert (inbox["actions"].count, inbox["actions"].overdue) == (2, 1)
    assert cases_in(inbox["actions"]) == [second, first]
    assert inbox["actions"].items[0].overdue
    assert not inbox["actions"].items[1].overdue
    # The police, another partner of the region, are not told of Veilig Thuis's work.
    assert all(group.count == 0 for group in groups(member("politie.twente")).values())


def test_the_hub_arranges_follow_up_or_closes_once_an_action_is_done(at_hub, member):
    hub = member("hub.twente")
    bare, done = at_hub(), at_hub()
    for case in (bare, done):
        routing.start_follow_up(case_id=case.pk, by=hub)
    action = actions.add_action(
        case_id=done.pk,
        by=hub,
        kind=ActionKind.ADVICE,
        owner=hub.organisation,
        due_on=timezone.localdate(),
    )
    inbox = groups(hub)
    assert cases_in(inbox["follow_up"]) == [bare]
    assert cases_in(inbox["actions"]) == [done]
    actions.complete_action(action_id=action.pk, by=hub, outcome="Advies gegeven.")
    follow_up = groups(hub)["follow_up"]
    assert {item.case: str(item.what) for item in follow_up.items} == {
        bare: "Add a follow-up action",
        done: "Action done: close the case or add one",
    }


def test_the_safety_officer_sees_the_cases_flagged_to_the_municipality(at_hub, member):
    flagged, other = at_hub(), at_hub()
    routing.flag_safety_risk(case_id=flagged.pk, by=member("hub.twente"), note="Wapen gezien.")
    inbox = groups(member("oov.hengelo"))
    assert list(inbox) == ["safety", "actions"]
    assert cases_in(inbox["safety"]) == [flagged]
    assert other not in cases_in(inbox["safety"])


def test_a_reporter_has_no_groups_of_cases(make_report, member):
    make_report()
    assert inbox_for(member("wijkcoach.hengelo")).groups == []


def test_the_filters_narrow_every_group(make_report, at_hub, member, hengelo):
    hub = member("hub.twente")
    enschede = Municipality.objects.get(cbs_code="GM0153")
    in_hengelo = at_hub(days_ago=10, feedback_days=3)
    # The hub registers this one itself: it is with the hub at once.
    in_enschede = make_report(by="hub.twente", municipality=enschede).case

    by_place = groups(hub, InboxFilter(municipality_id=enschede.pk))
    assert cases_in(by_place["take_up"]) == [in_enschede]
    assert cases_in(by_place["feedback_to_give"]) == [in_enschede]

    by_reference = groups(hub, InboxFilter(reference=in_hengelo.reference[-6:]))
    assert cases_in(by_reference["take_up"]) == [in_hengelo]
    assert groups(hub, InboxFilter(reference=in_hengelo.reference.lower()))["take_up"].count == 1

    by_status = groups(hub, InboxFilter(status=Status.FOLLOW_UP))
    assert by_status["take_up"].count == 0

    overdue = groups(hub, InboxFilter(overdue_only=True))
    assert cases_in(overdue["feedback_to_give"]) == [in_hengelo]
    assert overdue["take_up"].count == 0  # a case to take up has no term

    # "Cases I worked on": the hub registered the Enschede report itself.
    mine = groups(hub, InboxFilter(mine=True))
    assert cases_in(mine["take_up"]) == [in_enschede]


def test_the_count_is_of_everything_and_the_list_is_cut_at_the_limit(at_hub, member):
    for days_ago in range(4):
        at_hub(days_ago=days_ago)
    take_up = groups(member("hub.twente"), limit=3)["take_up"]
    assert (take_up.count, len(take_up.items), take_up.more) == (4, 3, 1)


def test_a_case_of_another_region_is_in_no_inbox_of_twente(make_report, member):
    vlissingen = Municipality.objects.get(cbs_code="GM0718")
    make_report(by="hub.twente", municipality=vlissingen)
    for username in ("hub.twente", "afm.hengelo", "vt.twente", "oov.hengelo"):
        inbox = inbox_for(member(username))
        assert inbox.total == 0, username
