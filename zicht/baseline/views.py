"""The baseline pages: the regional view (municipalities x criteria, and progress per
quarter) and one municipality's page (its criteria with evidence, the history, the focal
officer and the training register). Views validate input, call one operation and show the
result; who sees what is access.py's. The pages hold no case or person, only staff names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zicht.baseline import progress, training
from zicht.baseline.access import BaselineAccess, baseline_access
from zicht.baseline.forms import DepartmentForm, FilterForm, StatusForm, TrainingForm
from zicht.baseline.models import (
    Criterion,
    CriterionChange,
    Department,
    Status,
    Theme,
    Training,
)
from zicht.baseline.proof import ProofRecords
from zicht.baseline.standing import last_quarters, matrix
from zicht.baseline.standing import progress as progress_over_time
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Municipality


def _access(request: MemberRequest) -> BaselineAccess:
    access = baseline_access(request.membership)
    if access is None:
        raise PermissionDenied
    return access


def _municipality(access: BaselineAccess, cbs_code: str) -> Municipality:
    found = access.municipalities().filter(cbs_code=cbs_code[:6]).first()
    if found is None:
        raise Http404
    return found


@membership_required
def regional(request: MemberRequest) -> HttpResponse:
    access = _access(request)
    form = FilterForm(request.GET)
    # An invalid filter shows every criterion (the page says so).
    data = form.cleaned_data if form.is_valid() else {"theme": "", "plateau": None, "status": ""}
    shown = list(Criterion.objects.all())
    if data["theme"]:
        shown = [c for c in shown if c.theme == data["theme"]]
    if data["plateau"]:
        shown = [c for c in shown if c.plateau == data["plateau"]]
    municipalities = list(access.municipalities())
    today = timezone.localdate()
    proofs = ProofRecords([m.pk for m in municipalities])
    rows = matrix(municipalities, shown, today=today, proofs=proofs)
    if data["status"]:
        rows = [r for r in rows if any(c.status == data["status"] for c in r.cells)]
    context = {
        "access": access,
        "form": form,
        "status_filter": data["status"],
        "criteria": shown,
        "themes": [(Theme(t).label, [c for c in shown if c.theme == t]) for t in Theme.values],
        "rows": rows,
        "progress": progress_over_time(
            municipalities, shown, last_quarters(today), today=today, proofs=proofs
        ),
        "statuses": Status,
    }
    return render(request, "baseline/regional.html", context)


@membership_required
def municipality(request: MemberRequest, cbs_code: str) -> HttpResponse:
    access = _access(request)
    return _show(request, access, _municipality(access, cbs_code))


def _show(
    request: MemberRequest,
    access: BaselineAccess,
    municipality: Municipality,
    bound: dict[str, Form] | None = None,
) -> HttpResponse:
    bound = bound or {}
    today = timezone.localdate()
    proofs = ProofRecords([municipality.pk])
    criteria = list(Criterion.objects.all())
    (row,) = matrix([municipality], criteria, today=today, proofs=proofs)
    latest = {
        change.criterion_id: change
        for change in CriterionChange.objects.filter(
            municipality=municipality, pk__in=municipality.baseline_states.values("latest")
        ).select_related("recorded_by", "recorded_for")
    }
    may_edit = access.may_edit(municipality)
    chosen = request.GET.get("criterium", "")
    departments = Department.objects.filter(municipality=municipality).annotate(
        last_training=Max("trainings__followed_on")
    )
    untrained = {d.pk for d in proofs.untrained(municipality.pk, today)}
    context = {
        "access": access,
        "municipality": municipality,
        "may_edit": may_edit,
        "row": row,
        "themes": [
            (
                Theme(t).label,
                [(c, latest.get(c.criterion.pk)) for c in row.cells if c.criterion.theme == t],
            )
            for t in Theme.values
        ],
        "history": CriterionChange.objects.filter(municipality=municipality)
        .select_related("criterion", "recorded_by", "recorded_for")
        .order_by("-recorded_at", "-pk")[:50],
        "focal_officers": proofs.focal_officer(municipality.pk, today),
        "departments": [(d, d.pk not in untrained) for d in departments],
        "trainings": Training.objects.filter(department__municipality=municipality).select_related(
            "department"
        )[:100],
        "status_form": bound.get("status")
        or StatusForm(initial={"criterion": chosen, "effective_on": today}),
        "department_form": bound.get("department") or DepartmentForm(),
        "training_form": bound.get("training")
        or TrainingForm(municipality=municipality, initial={"followed_on": today}),
        "error_forms": list(bound.values()),
    }
    return render(request, "baseline/municipality.html", context, status=400 if bound else 200)


def _submit(
    request: MemberRequest,
    cbs_code: str,
    key: str,
    make_form: Callable[[Municipality], Form],
    operation: Callable[[Municipality, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Validate the form, run the operation; on a refusal show the page again with the form,
    what was typed and the reason (status 400), nothing changed."""
    access = _access(request)
    municipality = _municipality(access, cbs_code)
    form = make_form(municipality)
    if form.is_valid():
        try:
            operation(municipality, form.cleaned_data)
        except progress.NotFound as error:
            raise Http404 from error
        except progress.BaselineRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("baseline:municipality", cbs_code=municipality.cbs_code)
    return _show(request, access, municipality, {key: form})


@require_POST
@membership_required
def record_status(request: MemberRequest, cbs_code: str) -> HttpResponse:
    return _submit(
        request,
        cbs_code,
        "status",
        lambda m: StatusForm(request.POST),
        lambda m, d: progress.record_status(
            municipality_id=m.pk,
            criterion_code=d["criterion"],
            status=d["status"],
            effective_on=d["effective_on"],
            evidence_link=d["evidence_link"],
            evidence_text=d["evidence_text"],
            by=request.membership,
        ),
        _("The status of the criterion was recorded."),
    )


@require_POST
@membership_required
def add_department(request: MemberRequest, cbs_code: str) -> HttpResponse:
    return _submit(
        request,
        cbs_code,
        "department",
        lambda m: DepartmentForm(request.POST),
        lambda m, d: training.add_department(
            municipality_id=m.pk, name=d["name"], by=request.membership
        ),
        _("The department was added to the training register."),
    )


@require_POST
@membership_required
def record_training(request: MemberRequest, cbs_code: str) -> HttpResponse:
    return _submit(
        request,
        cbs_code,
        "training",
        lambda m: TrainingForm(request.POST, municipality=m),
        lambda m, d: training.record_training(
            municipality_id=m.pk,
            department_id=d["department"].pk,
            participant=d["participant"],
            title=d["title"],
            followed_on=d["followed_on"],
            by=request.membership,
        ),
        _("The training was recorded."),
    )
