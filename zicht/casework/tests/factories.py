"""A case in a given status, reached the way a real case gets there: a focal
officer's report (`ReportFactory`), then the operations of `routing.py`."""

from __future__ import annotations

import factory
from django.test import TestCase
from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import ActionKind, Case
from zicht.casework.workflow import ClosureReason, Status
from zicht.intake.tests.factories import ReportFactory
from zicht.organisations.models import Membership
from zicht.organisations.tests.factories import (
    FocalOfficerFactory,
    HubCaseManagerFactory,
    municipality,
)


def _walk(case: Case, status: str, *, focal_officer: Membership, hub: Membership) -> None:
    """Take the route's steps from `received` to `status`."""
    if status == Status.RECEIVED:
        return
    if status == Status.ENRICHING:
        routing.start_enriching(case_id=case.pk, by=focal_officer)
        return
    if status == Status.ACUTE:
        routing.escalate_acute(case_id=case.pk, by=focal_officer)
        return
    routing.report_to_hub(case_id=case.pk, by=focal_officer)
    if status == Status.REPORTED_TO_HUB:
        return
    routing.start_follow_up(case_id=case.pk, by=hub)
    if status == Status.FOLLOW_UP:
        return
    action = actions.add_action(
        case_id=case.pk,
        by=hub,
        kind=ActionKind.ADVICE,
        owner=hub.organisation,
        due_on=timezone.localdate(),
    )
    actions.complete_action(action_id=action.pk, by=hub, outcome="Advies gegeven.")
    routing.close_case(
        case_id=case.pk,
        by=hub,
        reason=ClosureReason.NO_INDICATION,
        follow_up_secured=True,
    )


class CaseFactory(factory.Factory):
    """`CaseFactory(status=Status.FOLLOW_UP)`: a case of Hengelo (or `municipality`)
    reported by its focal officer and moved on by a case manager of the region's hub.

    Pass `focal_officer` and `hub` (memberships) to act as known people; otherwise
    new ones are made. A closed case has one follow-up action of the hub, done."""

    class Meta:
        model = Case

    status = Status.RECEIVED
    municipality = factory.LazyFunction(municipality)
    focal_officer = factory.SubFactory(
        FocalOfficerFactory,
        organisation__municipality=factory.SelfAttribute("...municipality"),
    )
    hub = factory.SubFactory(
        HubCaseManagerFactory,
        organisation__region=factory.SelfAttribute("...municipality.region"),
    )

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise TypeError("A case exists only once reported: use CaseFactory(), not .build().")

    @classmethod
    def _create(cls, model_class, *, status, municipality, focal_officer, hub, **report_fields):
        report = ReportFactory(by=focal_officer, municipality=municipality, **report_fields)
        case = report.case
        # The route's notifications are delivered after commit, as in production.
        with TestCase.captureOnCommitCallbacks(execute=True):
            _walk(case, status, focal_officer=focal_officer, hub=hub)
        case.refresh_from_db()
        return case
