"""The privacy officer's pages: requests under the AVG, retention and legal holds. Every
change goes through the operations in subject_requests.py, holds.py and retention.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Role
from zicht.privacy import subject_requests as ops
from zicht.privacy.dossier import build_dossier, render_dossier_pdf
from zicht.privacy.forms import AnswerForm, ExtendForm, HoldForm, RectifyForm, RequestForm
from zicht.privacy.holds import HoldRefused, holds_of, lift_hold, place_hold
from zicht.privacy.models import RequestKind, RequestStatus, RetentionRun
from zicht.privacy.retention import next_nightly_run, preview

PRIVACY = [Role.PRIVACY_OFFICER]


@membership_required(roles=PRIVACY)
def overview(request: MemberRequest) -> HttpResponse:
    requests = ops.requests_of(request.membership)
    return render(
        request,
        "privacy/overview.html",
        {
            "open_requests": requests.filter(status=RequestStatus.OPEN),
            "answered_requests": requests.exclude(status=RequestStatus.OPEN).order_by(
                "-answered_at"
            )[:20],
        },
    )


@membership_required(roles=PRIVACY)
def new_request(request: MemberRequest) -> HttpResponse:
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = ops.open_request(by=request.membership, **form.cleaned_data)
        return redirect("privacy:request_detail", created.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "error_forms": [form] if form.errors else []}
    return render(request, "privacy/new_request.html", context, status=status)


STEPS = ("search", "extend", "rectify", "erase", "answer")


@membership_required(roles=PRIVACY)
def request_detail(request: MemberRequest, pk: int) -> HttpResponse:
    subject = get_object_or_404(ops.requests_of(request.membership), pk=pk)
    membership = request.membership
    step = request.POST.get("step", "") if request.method == "POST" else ""
    persons = ops.found_persons(subject, by=membership) if subject.searched_at else []
    forms: dict[str, Any] = {
        "extend": ExtendForm(request.POST if step == "extend" else None, prefix="extend"),
        "rectify": RectifyForm(
            request.POST if step == "rectify" else None, prefix="rectify", persons=persons
        ),
        "answer": AnswerForm(request.POST if step == "answer" else None, prefix="answer"),
    }
    error = ""
    if step in STEPS:
        try:
            done = _take_step(step, subject.pk, membership, forms.get(step))
        except ops.RequestRefused as refused:
            error, done = str(refused), None
        if done:
            messages.success(request, done)
            return redirect("privacy:request_detail", subject.pk)
    rows = [(p, ops.erasure_refusals(p)) for p in persons]
    context = {
        "subject": subject,
        "rows": rows,
        "forms": forms,
        "error": error,
        "error_forms": [f for f in forms.values() if f.errors],
        "is_access": subject.kind == RequestKind.ACCESS,
        "is_rectification": subject.kind == RequestKind.RECTIFICATION,
        "is_erasure": subject.kind == RequestKind.ERASURE,
        "erasable": sum(1 for _p, grounds in rows if not grounds),
        "rectifications": subject.rectifications.select_related("person"),
        "erasures": subject.erasures.all(),
    }
    status = 400 if step and (error or context["error_forms"]) else 200
    return render(request, "privacy/request_detail.html", context, status=status)


def _take_step(step: str, pk: int, membership: Any, form: Any) -> str | None:
    """Carry out one step of a request; its success message, or None when its form is invalid."""
    if step == "search":
        found = ops.search_persons(request_id=pk, by=membership)
        return ngettext("%(count)s person found.", "%(count)s persons found.", len(found)) % {
            "count": len(found)
        }
    if step == "erase":
        erased, grounds = ops.erase_persons(request_id=pk, by=membership)
        return _("Erased: %(erased)s persons. Refusal grounds recorded: %(refused)s.") % {
            "erased": len(erased),
            "refused": len(grounds),
        }
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if step == "extend":
        ops.extend_deadline(request_id=pk, by=membership, reason=data["reason"])
        return _("The term has been extended by two months.")
    if step == "rectify":
        ops.rectify_person(
            request_id=pk,
            by=membership,
            person_id=data["person"],
            field=data["field"],
            value=data["value"],
        )
        return _("The correction has been made.")
    ops.answer_request(
        request_id=pk,
        by=membership,
        answer=data["answer"],
        refusal_grounds=data["refusal_grounds"],
    )
    return _("The answer has been recorded.")


@membership_required(roles=PRIVACY)
def dossier_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    subject = get_object_or_404(ops.requests_of(request.membership), pk=pk)
    if not subject.searched_at:
        messages.error(request, _("Search for the person first."))
        return redirect("privacy:request_detail", subject.pk)
    pdf = render_dossier_pdf(build_dossier(subject, by=request.membership))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-{subject.reference}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@membership_required(roles=[Role.PRIVACY_OFFICER, Role.ADMINISTRATOR])
def retention(request: MemberRequest, hold_form: HoldForm | None = None) -> HttpResponse:
    may_hold = request.membership.role == Role.PRIVACY_OFFICER
    tonight = next_nightly_run()
    form = hold_form or (HoldForm() if may_hold else None)
    return render(
        request,
        "privacy/retention.html",
        {
            "tonight": tonight,
            "lines": preview(tonight),
            "holds": holds_of(request.membership).active().select_related("case", "placed_by")
            if may_hold
            else [],
            "hold_form": form,
            "error_forms": [form] if form is not None and form.errors else [],
            "runs": RetentionRun.objects.exclude(finished_at=None)[:5],
        },
        status=400 if hold_form is not None else 200,
    )


@require_POST
@membership_required(roles=PRIVACY)
def hold(request: MemberRequest) -> HttpResponse:
    form = HoldForm(request.POST)
    if form.is_valid():
        try:
            placed = place_hold(by=request.membership, **form.cleaned_data)
        except HoldRefused as refused:
            form.add_error("case_reference", str(refused))
        else:
            messages.success(
                request,
                _("Case %(reference)s is on hold: nothing of it is removed.")
                % {"reference": placed.case.reference},
            )
            return redirect("privacy:retention")
    return retention(request, hold_form=form)


@require_POST
@membership_required(roles=PRIVACY)
def lift(request: MemberRequest, pk: int) -> HttpResponse:
    try:
        lifted = lift_hold(hold_id=pk, by=request.membership)
    except HoldRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("The hold on case %(reference)s has been lifted.")
            % {"reference": lifted.case.reference},
        )
    return redirect("privacy:retention")
