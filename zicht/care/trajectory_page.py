"""What the trajectory page shows and offers: the person, the plan, the providers, the
contacts, the reflection period, the history, and the steps the membership may take, each
as a labelled form. A form that came back with errors is passed in `bound` and shown
instead of a blank one, so nothing typed is lost."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zicht.care.forms import (
    ContactForm,
    ExtensionForm,
    GoalForm,
    GoalStatusForm,
    ProviderForm,
    ReflectionDecisionForm,
    ReflectionStartForm,
    StepForm,
    goal_status_prefix,
    step_form,
)
from zicht.care.models import CareTrajectory, ReflectionPeriod, SupportGoal
from zicht.care.reminders import REMIND_DAYS_BEFORE_END
from zicht.care.shelter import visible_placements
from zicht.care.workflow import Transition, allowed_transitions
from zicht.organisations.models import Membership

STEP_HELP: dict[str, Promise] = {
    "start_plan": _("The intake is done: write the support plan with the victim, goal by goal."),
    "start_care": _("The plan has at least one goal and the providers start their work."),
    "start_aftercare": _(
        "The goals are reached or handed to regular care; keep in touch to prevent the "
        "victim from falling back into exploitation."
    ),
    "close": _("Closing needs the outcome of the trajectory."),
    "reopen": _(
        "When the victim fell back into exploitation, name the new case: the trajectory starts "
        "again at intake, linked to it."
    ),
}


@dataclass(frozen=True)
class StepOffer:
    transition: Transition
    form: StepForm
    help: Promise | str


@dataclass(frozen=True)
class GoalRow:
    goal: SupportGoal
    status_form: GoalStatusForm | None


def _bound_or(bound: dict[str, forms.Form], key: str, blank: forms.Form) -> Any:
    return bound.get(key, blank)


def reflection_is_ending(period: ReflectionPeriod | None) -> bool:
    return period is not None and 0 <= period.days_left() <= REMIND_DAYS_BEFORE_END


def trajectory_page_context(
    trajectory: CareTrajectory,
    membership: Membership,
    *,
    bound: dict[str, forms.Form] | None = None,
) -> dict[str, Any]:
    """`bound` maps a form's key ("step:<name>", "goal", "goal:<id>", "provider", "contact",
    "reflection", "extension", "decision") to the submitted form with its errors."""
    bound = bound or {}
    region = trajectory.case.region
    editable = not trajectory.is_closed
    period = ReflectionPeriod.objects.filter(trajectory=trajectory).first()
    goals = list(trajectory.goals.select_related("owner"))
    steps = [
        StepOffer(
            transition=t,
            form=_bound_or(bound, f"step:{t.name}", step_form(t.name)),
            help=STEP_HELP.get(t.name, ""),
        )
        for t in allowed_transitions(trajectory.status, membership.role)
    ]
    return {
        "trajectory": trajectory,
        "case": trajectory.case,
        "person": trajectory.person,
        "goal_rows": [
            GoalRow(
                goal=goal,
                status_form=_bound_or(
                    bound,
                    f"goal:{goal.pk}",
                    GoalStatusForm(
                        prefix=goal_status_prefix(goal.pk), initial={"status": goal.status}
                    ),
                )
                if editable
                else None,
            )
            for goal in goals
        ],
        "providers": trajectory.providers.select_related("provider"),
        "placements": visible_placements(membership)
        .filter(person_id=trajectory.person_id)
        .select_related("unit", "unit__provider"),
        "contacts": trajectory.contacts.all(),
        "period": period,
        "period_ending": reflection_is_ending(period),
        "extensions": period.extensions.all() if period else [],
        "history": trajectory.steps.select_related("actor_organisation", "linked_case"),
        "steps": steps,
        "today": timezone.localdate(),
        "goal_form": _bound_or(bound, "goal", GoalForm(region=region)) if editable else None,
        "provider_form": _bound_or(bound, "provider", ProviderForm(region=region))
        if editable
        else None,
        "contact_form": _bound_or(bound, "contact", ContactForm()) if editable else None,
        "reflection_form": _bound_or(bound, "reflection", ReflectionStartForm())
        if editable and period is None
        else None,
        "extension_form": _bound_or(bound, "extension", ExtensionForm())
        if editable and period is not None
        else None,
        "decision_form": _bound_or(
            bound,
            "decision",
            ReflectionDecisionForm(
                initial={
                    "police_report": period.police_report,
                    "police_report_on": period.police_report_on,
                    "residence_status": period.residence_status,
                }
            ),
        )
        if editable and period is not None
        else None,
        "error_forms": [form for form in bound.values() if form.errors],
    }
