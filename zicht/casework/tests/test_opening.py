"""Opening a case routes it by the meldroute's rules, whoever received the report."""

from __future__ import annotations

import pytest
from django.core import mail

from zicht.casework.models import Case
from zicht.casework.opening import Route, default_route, open_case
from zicht.casework.workflow import Status
from zicht.organisations.models import Municipality


def _told(django_capture_on_commit_callbacks, **kwargs) -> tuple[Case, set[str]]:
    with django_capture_on_commit_callbacks(execute=True):
        case = open_case(**kwargs)
    return case, {message.to[0].split("@")[0] for message in mail.outbox}


def test_acute_danger_bypasses_the_route_and_tells_hub_and_police(
    member, hengelo, django_capture_on_commit_callbacks
):
    case, told = _told(
        django_capture_on_commit_callbacks,
        municipality=hengelo,
        by=member("wijkcoach.hengelo"),
        is_acute=True,
        route=Route.FOCAL_OFFICER,
    )
    assert case.status == Status.ACUTE
    assert [step.transition for step in case.steps.order_by("pk")] == ["receive", "escalate_acute"]
    assert {"hub.twente", "politie.twente"} <= told
    assert "afm.hengelo" not in told


def test_a_case_the_hub_opens_stays_with_the_hub_and_the_focal_officer_is_informed(
    member, hengelo, django_capture_on_commit_callbacks
):
    case, told = _told(
        django_capture_on_commit_callbacks,
        municipality=hengelo,
        by=member("hub.twente"),
        is_acute=False,
        route=Route.FOCAL_OFFICER,  # the hub holds its own case whatever the form says
    )
    assert case.opened_by_hub
    assert case.status == Status.REPORTED_TO_HUB
    assert "afm.hengelo" in told
    subjects = [m.subject for m in mail.outbox if m.to[0].startswith("afm.hengelo")]
    assert len(subjects) == 1


def test_an_acute_case_the_hub_opens_still_informs_the_focal_officer(
    member, hengelo, django_capture_on_commit_callbacks
):
    case, told = _told(
        django_capture_on_commit_callbacks,
        municipality=hengelo,
        by=member("hub.twente"),
        is_acute=True,
    )
    assert case.status == Status.ACUTE
    assert case.opened_by_hub
    assert "afm.hengelo" in told


def test_municipal_staff_reach_their_own_focal_officer_by_default(
    member, hengelo, django_capture_on_commit_callbacks
):
    case, told = _told(
        django_capture_on_commit_callbacks,
        municipality=hengelo,
        by=member("wijkcoach.hengelo"),
        is_acute=False,
    )
    assert case.status == Status.RECEIVED
    assert not case.opened_by_hub
    assert told == {"afm.hengelo"}


def test_a_reporter_may_choose_the_hub(member, hengelo, django_capture_on_commit_callbacks):
    case, told = _told(
        django_capture_on_commit_callbacks,
        municipality=hengelo,
        by=member("wijkcoach.hengelo"),
        is_acute=False,
        route=Route.HUB,
    )
    assert case.status == Status.REPORTED_TO_HUB
    assert case.feedback.get().to_organisation == hengelo.own_organisation
    assert "hub.twente" in told
    assert "afm.hengelo" not in told


def test_partners_and_municipalities_without_an_organisation_go_to_the_hub(member, hengelo):
    assert default_route(member("vt.twente"), hengelo) == Route.HUB
    assert default_route(member("afm.hengelo"), hengelo) == Route.FOCAL_OFFICER
    without = Municipality.objects.filter(organisation__isnull=True).first()
    assert without is not None
    assert default_route(member("afm.hengelo"), without) == Route.HUB


@pytest.mark.parametrize(
    ("routes_to_hub", "expected"), [(True, Route.HUB), (False, Route.FOCAL_OFFICER)]
)
def test_a_residents_report_follows_the_regions_setting(hengelo, routes_to_hub, expected):
    hengelo.region.portal_routes_to_hub = routes_to_hub
    hengelo.region.save(update_fields=["portal_routes_to_hub"])
    assert default_route(None, Municipality.objects.get(pk=hengelo.pk)) == expected
