"""Every edge of the meldroute table, allowed and refused, through the operations."""

import datetime

import pytest
from django.utils import timezone

from zicht.casework import routing
from zicht.casework.models import CaseStep
from zicht.casework.tests.refusals import route_state
from zicht.casework.workflow import TRANSITIONS, Status

ALL_STATUSES = list(Status.values)


@pytest.mark.parametrize("transition", sorted(TRANSITIONS))
@pytest.mark.parametrize("status", ALL_STATUSES)
def test_move_follows_the_table_exactly(make_report, transition, status):
    case = make_report().case
    case.status = status
    case.save(update_fields=["status"])
    edge = TRANSITIONS[transition]
    steps_before = CaseStep.objects.filter(case=case).count()
    if status in edge.sources:
        routing.move(case, transition=transition, actor=None)
        case.refresh_from_db()
        assert case.status == edge.target
        assert CaseStep.objects.filter(case=case).count() == steps_before + 1
    else:
        with pytest.raises(routing.RouteRefused):
            routing.move(case, transition=transition, actor=None)
        case.refresh_from_db()
        assert case.status == status
        assert CaseStep.objects.filter(case=case).count() == steps_before


def test_a_report_of_a_municipal_professional_reaches_the_focal_officer(make_report):
    case = make_report().case
    assert case.status == Status.RECEIVED
    assert [s.transition for s in case.steps.all()] == ["receive"]


def test_the_focal_officer_enriches_and_reports_to_the_hub_with_a_feedback_term(
    make_report, member
):
    case = make_report().case
    focal = member("afm.hengelo")
    routing.start_enriching(case_id=case.pk, by=focal)
    routing.report_to_hub(case_id=case.pk, by=focal, feedback_days=10)
    case.refresh_from_db()
    assert case.status == Status.REPORTED_TO_HUB
    assert case.reported_to_hub_at is not None
    feedback = case.feedback.get()
    assert feedback.to_organisation == focal.organisation
    assert feedback.due_on == timezone.localdate() + datetime.timedelta(days=10)


def test_reporting_to_the_hub_is_possible_without_enriching(make_report, member):
    case = make_report().case
    routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"))
    case.refresh_from_db()
    assert case.status == Status.REPORTED_TO_HUB


@pytest.mark.parametrize(
    ("username", "operation", "refusal"),
    [
        ("wijkcoach.hengelo", "start_enriching", routing.NotFound),  # a reporter sees no case
        ("hub.twente", "start_enriching", routing.RouteRefused),
        ("afm.hengelo", "start_follow_up", routing.RouteRefused),
        ("vt.twente", "report_to_hub", routing.NotFound),  # a partner without a handover
    ],
)
def test_a_role_outside_the_edge_is_refused(make_report, member, username, operation, refusal):
    case = make_report().case
    case.status = Status.REPORTED_TO_HUB if operation == "start_follow_up" else Status.RECEIVED
    case.save(update_fields=["status"])
    before = route_state(case)
    with pytest.raises(refusal):
        getattr(routing, operation)(case_id=case.pk, by=member(username))
    assert route_state(case) == before


def test_case_history_is_append_only(make_report):
    step = make_report().case.steps.first()
    step.note = "changed"
    with pytest.raises(Exception, match="append-only"):
        step.save()
    with pytest.raises(Exception, match="append-only"):
        step.delete()
