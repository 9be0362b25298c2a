"""Pages of the meldroute. Views validate input, call one operation from
routing.py and show the result; every case they touch comes through
Case.objects.visible_to, and every read of personal data is logged."""

from __future__ import annotations

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zicht.audit.log import record_read
from zicht.casework import actions, routing
from zicht.casework import inbox as inbox_module
from zicht.casework.case_page import case_page_context, decision_prefix, outcome_prefix
from zicht.casework.forms import (
    ActionForm,
    FeedbackForm,
    HandoverDecisionForm,
    InboxFilterForm,
    OutcomeForm,
    SafetyForm,
    step_form,
)
from zicht.casework.models import Case, FollowUpAction, Handover
from zicht.casework.workflow import TRANSITIONS, Status
from zicht.notifications.models import Notification
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Role


def _visible_case(request: MemberRequest, case_id: int) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(request.membership).select_related("municipality", "region"),
        pk=case_id,
    )


@membership_required
def inbox(request: MemberRequest) -> HttpResponse:
    """What waits for this membership (``inbox.inbox_for``), filtered by the query string;
    an htmx request gets only the results."""
    membership = request.membership
    if membership.role == Role.ADMINISTRATOR:
        return redirect("audit:access_log")
    if membership.role == Role.PRIVACY_OFFICER:
        # A privacy officer handles no cases: their work is requests and retention.
        return redirect("privacy:overview")
    if membership.role == Role.ANALYST:
        # An analyst handles no cases: their work is the monitor.
        return redirect("monitor:dashboard")
    form = InboxFilterForm(
        request.GET or None, municipalities=inbox_module.filter_municipalities(membership)
    )
    context = {
        "form": form,
        "inbox": inbox_module.inbox_for(membership, form.filters()),
        "has_inbox": inbox_module.has_inbox(membership),
        # A reporter, or a partner, follows the reports it made; it sees no case of them.
        "my_reports": request.user.reports.select_related("case").order_by("-received_at")[:20]
        if membership.role in (Role.REPORTER, Role.PARTNER_MEMBER)
        else [],
        "notifications": Notification.objects.filter(recipient=request.user, read_at__isnull=True)[
            :20
        ],
    }
    if request.headers.get("HX-Request"):
        response = render(request, "casework/_inbox_results.html", context)
    else:
        response = render(request, "casework/inbox.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@membership_required
def case_list(request: MemberRequest) -> HttpResponse:
    cases = Case.objects.visible_to(request.membership).select_related("municipality")
    status = request.GET.get("status", "")
    if status in Status.values:
        cases = cases.filter(status=status)
    return render(
        request,
        "casework/case_list.html",
        {"cases": cases[:200], "statuses": Status.choices, "status": status},
    )


@membership_required
def case_detail(request: MemberRequest, case_id: int) -> HttpResponse:
    return _show_case(request, _visible_case(request, case_id))


def _show_case(
    request: MemberRequest, case: Case, bound: dict[str, Form] | None = None
) -> HttpResponse:
    """The case page, as much of it as the membership is shown (case_page.py); a form that
    came back with errors is shown with them (status 400), everything typed kept."""
    context = case_page_context(case, request.membership, bound=bound)
    record_read(
        membership=request.membership,
        obj=case,
        person_ids=[person.pk for person in context["persons"]],
        purpose=context["disclosure"].purpose,
    )
    return render(request, "casework/case_detail.html", context, status=400 if bound else 200)


def _refused(
    request: MemberRequest, case_id: int, key: str, form: Form, error: Exception | None = None
) -> HttpResponse:
    """Show the case page again with the form's errors (and the refusal's message)."""
    if error is not None:
        form.add_error(None, str(error))
    return _show_case(request, _visible_case(request, case_id), {key: form})


@require_POST
@membership_required
def take_step(request: MemberRequest, case_id: int, transition: str) -> HttpResponse:
    if transition not in TRANSITIONS:
        raise Http404
    case = _visible_case(request, case_id)
    membership = request.membership
    form = step_form(transition, request.POST)
    if not form.is_valid():
        return _refused(request, case_id, f"step:{transition}", form)
    data = form.cleaned_data
    operations = {
        "start_enriching": lambda: routing.start_enriching(
            case_id=case.pk, by=membership, note=data["note"]
        ),
        "escalate_acute": lambda: routing.escalate_acute(
            case_id=case.pk, by=membership, note=data["note"]
        ),
        "report_to_hub": lambda: routing.report_to_hub(
            case_id=case.pk, by=membership, note=data["note"], feedback_days=data["feedback_days"]
        ),
        "start_follow_up": lambda: routing.start_follow_up(
            case_id=case.pk, by=membership, note=data["note"]
        ),
        "close": lambda: routing.close_case(
            case_id=case.pk,
            by=membership,
            reason=data["reason"],
            follow_up_secured=data["follow_up_secured"],
            note=data["note"],
        ),
        "reopen": lambda: routing.reopen_case(case_id=case.pk, by=membership, note=data["note"]),
    }
    try:
        operations[transition]()
    except routing.NotFound as error:
        raise Http404 from error
    except routing.RouteRefused as error:
        return _refused(request, case_id, f"step:{transition}", form, error)
    messages.success(request, _("Done: %(step)s.") % {"step": TRANSITIONS[transition].label})
    return redirect("casework:case_detail", case_id=case_id)


@require_POST
@membership_required(roles=[Role.HUB_CASE_MANAGER])
def add_action(request: MemberRequest, case_id: int) -> HttpResponse:
    case = _visible_case(request, case_id)
    form = ActionForm(request.POST, region=case.region)
    if not form.is_valid():
        return _refused(request, case_id, "action", form)
    try:
        actions.add_action(case_id=case.pk, by=request.membership, **form.cleaned_data)
    except routing.RouteRefused as error:
        return _refused(request, case_id, "action", form, error)
    messages.success(request, _("The follow-up action was added."))
    return redirect("casework:case_detail", case_id=case_id)


@require_POST
@membership_required
def complete_action(request: MemberRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(
        FollowUpAction.objects.filter(case__in=Case.objects.visible_to(request.membership)),
        pk=action_id,
    )
    form = OutcomeForm(request.POST, prefix=outcome_prefix(action.pk))
    key = f"outcome:{action.pk}"
    if not form.is_valid():
        return _refused(request, action.case_id, key, form)
    try:
        actions.complete_action(action_id=action.pk, by=request.membership, **form.cleaned_data)
    except routing.RouteRefused as error:
        return _refused(request, action.case_id, key, form, error)
    messages.success(request, _("The action is marked as done."))
    return redirect("casework:case_detail", case_id=action.case_id)


@require_POST
@membership_required(roles=[Role.PARTNER_MEMBER, Role.HUB_CASE_MANAGER, Role.FOCAL_OFFICER])
def decide_handover(request: MemberRequest, handover_id: int) -> HttpResponse:
    handover = get_object_or_404(
        Handover, pk=handover_id, to_organisation=request.membership.organisation
    )
    form = HandoverDecisionForm(request.POST, prefix=decision_prefix(handover.pk))
    key = f"decision:{handover.pk}"
    if not form.is_valid():
        return _refused(request, handover.case_id, key, form)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        actions.decide_handover(
            handover_id=handover.pk,
            by=request.membership,
            accept=accept,
            reason=form.cleaned_data["reason"],
        )
    except routing.RouteRefused as error:
        return _refused(request, handover.case_id, key, form, error)
    if not accept:
        messages.success(request, _("The handover was declined."))
        return redirect("casework:inbox")
    messages.success(request, _("The handover was accepted."))
    return redirect("casework:case_detail", case_id=handover.case_id)


@require_POST
@membership_required(roles=[Role.HUB_CASE_MANAGER])
def give_feedback(request: MemberRequest, case_id: int) -> HttpResponse:
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _refused(request, case_id, "feedback", form)
    try:
        routing.give_feedback(
            case_id=case_id, by=request.membership, text=form.cleaned_data["text"]
        )
    except routing.NotFound as error:
        raise Http404 from error
    except routing.RouteRefused as error:
        return _refused(request, case_id, "feedback", form, error)
    messages.success(request, _("The feedback was sent to the focal officer."))
    return redirect("casework:case_detail", case_id=case_id)


@require_POST
@membership_required(roles=[Role.HUB_CASE_MANAGER, Role.FOCAL_OFFICER])
def flag_safety_risk(request: MemberRequest, case_id: int) -> HttpResponse:
    form = SafetyForm(request.POST)
    form.is_valid()
    try:
        routing.flag_safety_risk(
            case_id=case_id, by=request.membership, note=form.cleaned_data.get("note", "")
        )
    except routing.NotFound as error:
        raise Http404 from error
    except routing.RouteRefused as error:
        return _refused(request, case_id, "safety", form, error)
    messages.success(request, _("The municipality's safety officer has been informed."))
    return redirect("casework:case_detail", case_id=case_id)


@require_POST
@membership_required(roles=[Role.HUB_CASE_MANAGER])
def link_case(request: MemberRequest, case_id: int) -> HttpResponse:
    try:
        other = int(request.POST.get("other_case", ""))
    except ValueError as error:
        raise Http404 from error
    try:
        routing.link_cases(
            case_id=case_id,
            other_case_id=other,
            by=request.membership,
            matched_on=request.POST.get("matched_on", "")[:100],
        )
    except routing.NotFound as error:
        raise Http404 from error
    messages.success(request, _("The cases are linked."))
    return redirect("casework:case_detail", case_id=case_id)


@membership_required
def overdue_feedback(request: MemberRequest) -> HttpResponse:
    return render(
        request,
        "casework/overdue_feedback.html",
        {
            "overdue": inbox_module.overdue_feedback(request.membership),
            "today": timezone.localdate(),
        },
    )
