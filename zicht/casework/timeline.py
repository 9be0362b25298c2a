"""The case's whole history in time order, built from the records themselves.

Nothing is written for the timeline: every entry is read from the record that already
holds the event (a route step, an action, a handover decision, feedback, a safety notice,
a report). Apps above casework add their own events by registering a source (the portal
adds its conversation in `zicht.portal.apps`), so casework need not import them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zicht.casework.models import ActionStatus, Case, HandoverStatus


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    kind: str  # "step", "action", "handover", "feedback", "safety", "report", "portal"
    title: str | Promise
    organisation: str = ""
    note: str = ""


TimelineSource = Callable[[Case], Iterable[TimelineEntry]]
_SOURCES: list[TimelineSource] = []


def register_source(source: TimelineSource) -> None:
    """Add a source of entries from an app that casework does not import."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def _org(organisation: object | None) -> str:
    return str(organisation) if organisation is not None else ""


def _steps(case: Case) -> Iterable[TimelineEntry]:
    for step in case.steps.select_related("actor_organisation"):
        yield TimelineEntry(
            at=step.at,
            kind="step",
            title=step.get_to_status_display(),
            organisation=_org(step.actor_organisation),
            note=step.note,
        )


def _actions(case: Case) -> Iterable[TimelineEntry]:
    for action in case.actions.select_related("owner"):
        yield TimelineEntry(
            at=action.created_at,
            kind="action",
            title=_("Follow-up action added: %(action)s") % {"action": action.get_kind_display()},
            organisation=_org(action.owner),
            note=action.instructions,
        )
        if action.status == ActionStatus.DONE and action.completed_at is not None:
            yield TimelineEntry(
                at=action.completed_at,
                kind="action",
                title=_("Follow-up action done: %(action)s")
                % {"action": action.get_kind_display()},
                organisation=_org(action.owner),
                note=action.outcome,
            )


def _handovers(case: Case) -> Iterable[TimelineEntry]:
    for handover in case.handovers.select_related("to_organisation").exclude(decided_at=None):
        assert handover.decided_at is not None
        accepted = handover.status == HandoverStatus.ACCEPTED
        yield TimelineEntry(
            at=handover.decided_at,
            kind="handover",
            title=_("Handover accepted") if accepted else _("Handover declined"),
            organisation=_org(handover.to_organisation),
            note="" if accepted else handover.decline_reason,
        )


def _feedback(case: Case) -> Iterable[TimelineEntry]:
    for feedback in case.feedback.select_related("to_organisation").exclude(given_at=None):
        assert feedback.given_at is not None
        yield TimelineEntry(
            at=feedback.given_at,
            kind="feedback",
            title=_("Feedback given to %(organisation)s")
            % {"organisation": _org(feedback.to_organisation)},
            note=feedback.text,
        )


def _safety_notices(case: Case) -> Iterable[TimelineEntry]:
    for notice in case.safety_notices.select_related("organisation"):
        yield TimelineEntry(
            at=notice.created_at,
            kind="safety",
            title=_("Safety risk flagged to %(organisation)s")
            % {"organisation": _org(notice.organisation)},
            note=notice.note,
        )


def _reports(case: Case) -> Iterable[TimelineEntry]:
    for report in case.reports.select_related("reporting_organisation"):
        yield TimelineEntry(
            at=report.received_at,
            kind="report",
            title=_("Information added: %(report)s") % {"report": report.reference}
            if report.is_supplement
            else _("Report received: %(report)s") % {"report": report.reference},
            organisation=_org(report.reporting_organisation),
        )


def build_timeline(case: Case) -> list[TimelineEntry]:
    """Every event of the case, oldest first; events at the same moment keep the order
    of the sources (the report before the step it caused)."""
    entries: list[TimelineEntry] = []
    for source in (_reports, _steps, _actions, _handovers, _feedback, _safety_notices, *_SOURCES):
        entries.extend(source(case))
    return sorted(entries, key=lambda entry: entry.at)
