"""Privacy fixtures: a report's case taken to its end the way a real one gets there, and the
demo's privacy officer of Twente."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import ActionKind, Case


@pytest.fixture(autouse=True)
def attachments_in_tmp(settings, tmp_path):
    settings.ZICHT_ATTACHMENT_DIR = tmp_path / "attachments"


@pytest.fixture
def close(member, django_capture_on_commit_callbacks):
    """Close a case reported to the hub: follow-up, one action of the hub done, closed."""

    def close_case(case: Case, reason: str = "no_indication") -> Case:
        hub = member("hub.twente")
        with django_capture_on_commit_callbacks(execute=True):
            action = actions.add_action(
                case_id=case.pk,
                by=hub,
                kind=ActionKind.ADVICE,
                owner=hub.organisation,
                due_on=timezone.localdate() + datetime.timedelta(days=7),
            )
            actions.complete_action(action_id=action.pk, by=hub, outcome="Advies aan Anna K.")
            routing.close_case(case_id=case.pk, by=hub, reason=reason, follow_up_secured=True)
        case.refresh_from_db()
        return case

    return close_case


@pytest.fixture
def hub_report(make_report):
    """A report of Hengelo's wijkcoach sent straight to the hub, with one presumed victim."""

    def make(**kwargs):
        return make_report(route_to="hub", **kwargs)

    return make


@pytest.fixture
def privacy_officer(member):
    return member("privacy.twente")
