"""Pages of care coordination. Views validate input, call one operation and show the
result; every trajectory comes through `CareTrajectory.objects.visible_to` (built on the
case's one visibility rule), and every read of a trajectory is logged with its purpose."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Count, F, Q
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zicht.audit.log import record_read
from zicht.audit.models import Purpose
from zicht.care import reflection, support, trajectories
from zicht.care.forms import (
    ContactForm,
    ExtensionForm,
    GoalForm,
    GoalStatusForm,
    OpenTrajectoryForm,
    ProviderForm,
    ReflectionDecisionForm,
    ReflectionStartForm,
    goal_status_prefix,
    step_form,
)
from zicht.care.models import CareTrajectory, GoalStatus, SupportGoal
from zicht.care.reminders import REMIND_DAYS_BEFORE_END
from zicht.care.trajectory_page import trajectory_page_context
from zicht.care.workflow import CARE_ROLES, OPEN_STATUSES, TRANSITIONS, TrajectoryStatus
from zicht.casework.models import Case
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Role

care_roles = membership_required(roles=sorted(CARE_ROLES))


def _visible(request: MemberRequest, trajectory_id: int) -> CareTrajectory:
    return get_object_or_404(
        CareTrajectory.objects.visible_to(request.membership).select_related(
            "case", "case__region", "case__municipality", "person", "coordinating_organisation"
        ),
        pk=trajectory_id,
    )


@dataclass(frozen=True)
class ListRow:
    trajectory: CareTrajectory
    reflection_end: datetime.date | None
    reflection_ending: bool
    overdue_goals: int


def trajectories_waiting_first(request: MemberRequest, *, closed: bool = False) -> list[ListRow]:
    """The membership's trajectories, what waits first on top: reflection periods about to
    end (soonest first), then those with goals past their date (most first), then the rest."""
    today = timezone.localdate()
    found = (
        CareTrajectory.objects.visible_to(request.membership)
        .filter(status__in=[TrajectoryStatus.CLOSED] if closed else OPEN_STATUSES)
        .select_related("case", "case__municipality", "coordinating_organisation")
        .annotate(
            reflection_end=F("reflection_period__ends_on"),
            overdue_goals=Count(
                "goals",
                filter=Q(
                    goals__status__in=[GoalStatus.OPEN, GoalStatus.IN_PROGRESS],
                    goals__due_on__lt=today,
                ),
            ),
        )[:300]
    )
    rows = [
        ListRow(
            trajectory=t,
            reflection_end=t.reflection_end,
            reflection_ending=t.reflection_end is not None
            and 0 <= (t.reflection_end - today).days <= REMIND_DAYS_BEFORE_END,
            overdue_goals=t.overdue_goals,
        )
        for t in found
    ]
    rows.sort(
        key=lambda row: (
            not row.reflection_ending,
            row.reflection_end if row.reflection_end and row.reflection_ending else today,
            -row.overdue_goals,
            -row.trajectory.opened_at.timestamp(),
        )
    )
    return rows


@care_roles
def trajectory_list(request: MemberRequest) -> HttpResponse:
    closed = request.GET.get("toon") == "afgesloten"
    return render(
        request,
        "care/trajectory_list.html",
        {"rows": trajectories_waiting_first(request, closed=closed), "closed": closed},
    )


@care_roles
def trajectory_detail(request: MemberRequest, trajectory_id: int) -> HttpResponse:
    return _show(request, _visible(request, trajectory_id))


def _show(
    request: MemberRequest, trajectory: CareTrajectory, bound: dict[str, Form] | None = None
) -> HttpResponse:
    context = trajectory_page_context(trajectory, request.membership, bound=bound)
    record_read(
        membership=request.membership,
        obj=trajectory,
        person_ids=[trajectory.person_id],
        purpose=Purpose.CARE_COORDINATION,
    )
    return render(request, "care/trajectory_detail.html", context, status=400 if bound else 200)


def _submit(
    request: MemberRequest,
    trajectory_id: int,
    key: str,
    form: Form,
    operation: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate the form, run the operation; on a refusal show the page again with the
    form, what was typed and the reason (status 400), nothing changed."""
    trajectory = _visible(request, trajectory_id)
    if form.is_valid():
        try:
            operation(form.cleaned_data)
        except trajectories.NotFound as error:
            raise Http404 from error
        except trajectories.CareRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("care:trajectory_detail", trajectory_id=trajectory.pk)
    return _show(request, trajectory, {key: form})


@require_POST
@care_roles
def open_trajectory(request: MemberRequest, case_id: int, person_id: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.membership), pk=case_id)
    organisation = None
    if request.membership.role == Role.HUB_CASE_MANAGER:
        form = OpenTrajectoryForm(request.POST, prefix=f"care-{person_id}", region=case.region)
        if not form.is_valid():
            messages.error(request, _("Choose the organisation that coordinates the care."))
            return redirect("casework:case_detail", case_id=case.pk)
        organisation = form.cleaned_data["coordinating_organisation"]
    try:
        trajectory = trajectories.open_trajectory(
            case_id=case.pk,
            person_id=person_id,
            by=request.membership,
            coordinating_organisation=organisation,
        )
    except trajectories.NotFound as error:
        raise Http404 from error
    except trajectories.CareRefused as error:
        messages.error(request, str(error))
        return redirect("casework:case_detail", case_id=case.pk)
    messages.success(
        request, _("The care trajectory %(ref)s was opened.") % {"ref": trajectory.reference}
    )
    return redirect("care:trajectory_detail", trajectory_id=trajectory.pk)


@require_POST
@care_roles
def take_step(request: MemberRequest, trajectory_id: int, transition: str) -> HttpResponse:
    if transition not in TRANSITIONS:
        raise Http404
    by = request.membership
    operations: dict[str, Callable[[dict[str, Any]], object]] = {
        "start_plan": lambda d: trajectories.start_plan(
            trajectory_id=trajectory_id, by=by, note=d["note"]
        ),
        "start_care": lambda d: trajectories.start_care(
            trajectory_id=trajectory_id, by=by, note=d["note"]
        ),
        "start_aftercare": lambda d: trajectories.start_aftercare(
            trajectory_id=trajectory_id, by=by, follow_up_on=d["follow_up_on"], note=d["note"]
        ),
        "close": lambda d: trajectories.close_trajectory(
            trajectory_id=trajectory_id, by=by, outcome=d["outcome"], note=d["note"]
        ),
        "reopen": lambda d: trajectories.reopen_trajectory(
            trajectory_id=trajectory_id,
            by=by,
            reason=d["reason"],
            note=d["note"],
            new_case_id=d["new_case"],
        ),
    }
    return _submit(
        request,
        trajectory_id,
        f"step:{transition}",
        step_form(transition, request.POST),
        operations[transition],
        _("Done: %(step)s.") % {"step": TRANSITIONS[transition].label},
    )


@require_POST
@care_roles
def add_goal(request: MemberRequest, trajectory_id: int) -> HttpResponse:
    region = _visible(request, trajectory_id).case.region
    return _submit(
        request,
        trajectory_id,
        "goal",
        GoalForm(request.POST, region=region),
        lambda d: support.add_goal(trajectory_id=trajectory_id, by=request.membership, **d),
        _("The goal was added to the support plan."),
    )


@require_POST
@care_roles
def set_goal_status(request: MemberRequest, goal_id: int) -> HttpResponse:
    goal = get_object_or_404(
        SupportGoal.objects.filter(
            trajectory__in=CareTrajectory.objects.visible_to(request.membership)
        ),
        pk=goal_id,
    )
    return _submit(
        request,
        goal.trajectory_id,
        f"goal:{goal.pk}",
        GoalStatusForm(request.POST, prefix=goal_status_prefix(goal.pk)),
        lambda d: support.set_goal_status(goal_id=goal.pk, by=request.membership, **d),
        _("The status of the goal was changed."),
    )


@require_POST
@care_roles
def involve_provider(request: MemberRequest, trajectory_id: int) -> HttpResponse:
    region = _visible(request, trajectory_id).case.region
    return _submit(
        request,
        trajectory_id,
        "provider",
        ProviderForm(request.POST, region=region),
        lambda d: support.involve_provider(trajectory_id=trajectory_id, by=request.membership, **d),
        _("The provider was recorded with the basis of the disclosure."),
    )


@require_POST
@care_roles
def record_contact(request: MemberRequest, trajectory_id: int) -> HttpResponse:
    return _submit(
        request,
        trajectory_id,
        "contact",
        ContactForm(request.POST),
        lambda d: support.record_contact(trajectory_id=trajectory_id, by=request.membership, **d),
        _("The contact moment was recorded."),
    )


@require_POST
@care_roles
def start_reflection(request: MemberRequest, trajectory_id: int) -> HttpResponse:
    return _submit(
        request,
        trajectory_id,
        "reflection",
        ReflectionStartForm(request.POST),
        lambda d: reflection.start_reflection_period(
            trajectory_id=trajectory_id, by=request.membership, **d
        ),
        _("The reflection period was started."),
    )


@require_POST
@care_roles
def extend_reflection(request: MemberRequest, trajectory_id: int) -> HttpResponse:
    return _submit(
        request,
        trajectory_id,
        "extension",
        ExtensionForm(request.POST),
        lambda d: reflection.extend_reflection_period(
            trajectory_id=trajectory_id, by=request.membership, **d
        ),
        _("The reflection period was extended."),
    )


@require_POST
@care_roles
def reflection_decision(request: MemberRequest, trajectory_id: int) -> HttpResponse:
    return _submit(
        request,
        trajectory_id,
        "decision",
        ReflectionDecisionForm(request.POST),
        lambda d: reflection.record_reflection_decision(
            trajectory_id=trajectory_id, by=request.membership, **d
        ),
        _("The report to the police and the residence status were recorded."),
    )
