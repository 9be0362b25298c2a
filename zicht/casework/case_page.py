"""What the case page shows and offers to one membership.

The view fetches the case through `Case.objects.visible_to`; this module decides, through
`disclosure_for`, how much of it is shown, and which forms the membership gets (the route
steps it may take, each with a prefix of its own and a heading that says what it does).
A form that came back with errors is passed in `bound` and shown instead of a blank one,
so nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zicht.casework.disclosure import Disclosure, disclosure_for
from zicht.casework.enriching import enriching_refusal
from zicht.casework.forms import (
    ActionForm,
    FeedbackForm,
    HandoverDecisionForm,
    OutcomeForm,
    SafetyForm,
    StepForm,
    step_form,
)
from zicht.casework.models import ActionStatus, Case, FollowUpAction, HandoverStatus
from zicht.casework.timeline import build_timeline
from zicht.casework.workflow import Transition, allowed_transitions
from zicht.organisations.models import Membership, Role

# What each step does, in the words of the person who takes it.
STEP_HELP: dict[str, Promise] = {
    "start_enriching": _(
        "You gather information from the social domain and about safety before deciding "
        "what is needed. Add what you find with “Add information” below the persons."
    ),
    "report_to_hub": _(
        "The regional hub takes over the assessment and agrees when it gives you feedback."
    ),
    "start_follow_up": _(
        "The hub takes up the case; adding the first follow-up action does this as well."
    ),
    "reopen": _("New information on a closed case: follow-up starts again."),
    "escalate_acute": _(
        "Only when someone is in danger now or in the coming hours or days: the hub and the "
        "police contact are alerted at once."
    ),
}


@dataclass(frozen=True)
class StepOffer:
    transition: Transition
    form: StepForm
    help: Promise | str


@dataclass(frozen=True)
class ActionRow:
    action: FollowUpAction
    decision_form: HandoverDecisionForm | None
    outcome_form: OutcomeForm | None


def decision_prefix(handover_id: int) -> str:
    return f"handover-{handover_id}"


def outcome_prefix(action_id: int) -> str:
    return f"outcome-{action_id}"


def _bound_or(bound: dict[str, forms.Form], key: str, blank: forms.Form) -> Any:
    return bound.get(key, blank)


def _action_rows(
    case: Case, membership: Membership, disclosure: Disclosure, bound: dict[str, forms.Form]
) -> list[ActionRow]:
    actions = case.actions.select_related("owner", "handover", "handover__to_organisation")
    if not disclosure.shows_whole_case:
        actions = actions.filter(handover__in=[h.pk for h in disclosure.handovers])
    rows = []
    for action in actions:
        handover = getattr(action, "handover", None)
        decide = (
            handover is not None
            and handover.status == HandoverStatus.PENDING
            and handover.to_organisation_id == membership.organisation_id
        )
        complete = (
            action.status == ActionStatus.OPEN and action.owner_id == membership.organisation_id
        )
        rows.append(
            ActionRow(
                action=action,
                decision_form=_bound_or(
                    bound,
                    f"decision:{handover.pk}",
                    HandoverDecisionForm(prefix=decision_prefix(handover.pk)),
                )
                if decide and handover is not None
                else None,
                outcome_form=_bound_or(
                    bound, f"outcome:{action.pk}", OutcomeForm(prefix=outcome_prefix(action.pk))
                )
                if complete
                else None,
            )
        )
    return rows


def case_page_context(
    case: Case, membership: Membership, *, bound: dict[str, forms.Form] | None = None
) -> dict[str, Any]:
    """Everything the case page template needs; `bound` maps a form's key ("step:<name>",
    "action", "feedback", "safety", "decision:<handover>", "outcome:<action>") to the
    submitted form with its errors."""
    bound = bound or {}
    disclosure = disclosure_for(case, membership)
    reports = (
        list(
            case.reports.select_related("municipality", "reporting_organisation")
            .prefetch_related("persons")
            .order_by("received_at")
        )
        if disclosure.shows_reports
        else []
    )
    persons = (
        [person for report in reports for person in report.persons.all()]
        if disclosure.shows_persons
        else []
    )
    steps = [
        StepOffer(
            transition=t,
            form=_bound_or(bound, f"step:{t.name}", step_form(t.name)),
            help=STEP_HELP.get(t.name, ""),
        )
        for t in allowed_transitions(case.status, membership.role)
    ]
    whole = disclosure.shows_whole_case
    is_hub = membership.role == Role.HUB_CASE_MANAGER
    may_flag = membership.role in (Role.HUB_CASE_MANAGER, Role.FOCAL_OFFICER)
    links = (
        list(case.links.select_related("linked_case", "linked_case__municipality")) if whole else []
    )
    safety_form = (
        _bound_or(bound, "safety", SafetyForm()) if may_flag and not case.has_safety_risk else None
    )
    return {
        # The side column holds what the membership can do; without any, one column.
        "has_side": bool(steps or is_hub or safety_form or links),
        "case": case,
        "disclosure": disclosure,
        "reports": reports,
        "persons": persons,
        "action_rows": _action_rows(case, membership, disclosure, bound),
        "timeline": build_timeline(case) if whole else [],
        "feedback": case.feedback.select_related("to_organisation") if whole else [],
        "links": links,
        "acute_step": next((s for s in steps if s.transition.name == "escalate_acute"), None),
        "close_step": next((s for s in steps if s.transition.name == "close"), None),
        "route_steps": [s for s in steps if s.transition.name not in ("escalate_acute", "close")],
        "is_hub": is_hub,
        "can_enrich": enriching_refusal(case, membership) is None,
        "action_form": _bound_or(bound, "action", ActionForm(region=case.region))
        if is_hub and not case.is_closed
        else None,
        "feedback_form": _bound_or(bound, "feedback", FeedbackForm()) if is_hub else None,
        "safety_form": safety_form,
        "error_forms": [form for form in bound.values() if form.errors],
    }
