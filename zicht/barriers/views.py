"""Pages of the barrier model. Views validate input, call one operation and show the
result; every model comes through `BarrierModel.objects.visible_to`. The model holds no
personal data, so reading it writes no access log entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zicht.barriers import operations
from zicht.barriers.forms import AddBarrierForm, DescribeForm, RatingForm, StartForm
from zicht.barriers.models import (
    MODEL_FORMS,
    READING_ROLES,
    Barrier,
    BarrierModel,
    may_edit,
)
from zicht.barriers.printing import print_context, render_barrier_model_pdf
from zicht.barriers.reading import compare, model_sections
from zicht.intake.vocabulary import ExploitationForm
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Region

readers = membership_required(roles=sorted(READING_ROLES))


def _region(request: MemberRequest) -> Region:
    return request.membership.organisation.region


def _models(request: MemberRequest) -> Any:
    return BarrierModel.objects.visible_to(request.membership).select_related("region")


def _index(
    request: MemberRequest,
    *,
    form: Form | None = None,
    missing: int | None = None,
    status: int = 200,
) -> HttpResponse:
    region = _region(request)
    return render(
        request,
        "barriers/index.html",
        {
            "region": region,
            "models": _models(request).order_by("-year"),
            "may_edit": may_edit(request.membership, region),
            "form": form or StartForm(),
            "missing": missing,
        },
        status=status,
    )


@readers
def index(request: MemberRequest) -> HttpResponse:
    return _index(request)


def _model_or_missing(request: MemberRequest, year: int) -> BarrierModel | HttpResponse:
    model = _models(request).filter(year=year).first()
    if model is None:
        return _index(request, missing=year, status=404)
    return model


@require_POST
@readers
def start(request: MemberRequest) -> HttpResponse:
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            model = operations.start_model(by=request.membership, year=form.cleaned_data["year"])
        except operations.BarrierRefused as error:
            form.add_error("year", str(error))
        else:
            messages.success(
                request, _("The barrier model of %(year)s was made.") % {"year": model.year}
            )
            return redirect("barriers:model", year=model.year)
    return _index(request, form=form, status=400)


@readers
def model_page(request: MemberRequest, year: int) -> HttpResponse:
    found = _model_or_missing(request, year)
    if isinstance(found, HttpResponse):
        return found
    chosen = request.GET.get("vorm", "")
    error = ""
    forms: list[str] = list(MODEL_FORMS)
    if chosen in MODEL_FORMS:
        forms = [chosen]
    elif chosen:
        error = _("That form of exploitation is not in the barrier model; all forms are shown.")
    return _show_model(request, found, forms=forms, chosen=chosen, error=error)


def _show_model(
    request: MemberRequest,
    model: BarrierModel,
    *,
    forms: list[str] | None = None,
    chosen: str = "",
    error: str = "",
    add_form: AddBarrierForm | None = None,
) -> HttpResponse:
    status = 400 if error or add_form is not None else 200
    return render(
        request,
        "barriers/model.html",
        {
            "model": model,
            "sections": model_sections(model, forms or list(MODEL_FORMS)),
            "form_links": [(form, ExploitationForm(form).label) for form in MODEL_FORMS],
            "chosen": chosen,
            "error": error,
            "may_edit": may_edit(request.membership, model.region),
            "add_form": add_form or AddBarrierForm(),
            "has_previous": _models(request).filter(year=model.year - 1).exists(),
        },
        status=status,
    )


@require_POST
@readers
def add(request: MemberRequest, year: int) -> HttpResponse:
    found = _model_or_missing(request, year)
    if isinstance(found, HttpResponse):
        return found
    form = AddBarrierForm(request.POST)
    if form.is_valid():
        try:
            barrier = operations.add_barrier(
                model_id=found.pk,
                by=request.membership,
                exploitation_form=form.cleaned_data["exploitation_form"],
                name=form.cleaned_data["name"],
            )
        except operations.BarrierRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The barrier “%(name)s” was added.") % {"name": barrier.name}
            )
            return redirect("barriers:barrier", barrier_id=barrier.pk)
    return _show_model(request, found, add_form=form)


@readers
def comparison(request: MemberRequest, year: int) -> HttpResponse:
    found = _model_or_missing(request, year)
    if isinstance(found, HttpResponse):
        return found
    previous = _models(request).filter(year=year - 1).first()
    sections = compare(found, previous)
    return render(
        request,
        "barriers/comparison.html",
        {
            "model": found,
            "previous": previous,
            "sections": sections,
            "white_spots": sum(s.white_spots for s in sections),
        },
    )


@readers
def print_page(request: MemberRequest, year: int) -> HttpResponse:
    found = _model_or_missing(request, year)
    if isinstance(found, HttpResponse):
        return found
    previous = _models(request).filter(year=year - 1).first()
    return render(request, "barriers/print.html", print_context(found, previous))


@readers
def pdf(request: MemberRequest, year: int) -> HttpResponse:
    found = _model_or_missing(request, year)
    if isinstance(found, HttpResponse):
        return found
    previous = _models(request).filter(year=year - 1).first()
    response = HttpResponse(
        render_barrier_model_pdf(found, previous), content_type="application/pdf"
    )
    filename = f"barrieremodel-{found.region.code}-{found.year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _barrier(request: MemberRequest, barrier_id: int) -> Barrier:
    barrier = (
        Barrier.objects.filter(model__in=_models(request), pk=barrier_id)
        .select_related("model", "model__region")
        .first()
    )
    if barrier is None:
        raise Http404(_("This barrier is not in a barrier model of your region."))
    return barrier


def _show_barrier(
    request: MemberRequest, barrier: Barrier, bound: dict[str, Form] | None = None
) -> HttpResponse:
    bound = bound or {}
    region = barrier.model.region
    describe_form = bound.get("describe") or DescribeForm(
        region=region,
        initial={
            "responsible": list(barrier.responsible.values_list("pk", flat=True)),
            "instruments_available": barrier.instruments_available,
        },
    )
    rating_form = bound.get("rate") or RatingForm()
    row = next(
        row
        for section in model_sections(barrier.model, [barrier.exploitation_form])
        for row in section.rows
        if row.barrier.pk == barrier.pk
    )
    return render(
        request,
        "barriers/barrier.html",
        {
            "barrier": barrier,
            "row": row,
            "ratings": barrier.ratings.select_related(
                "rated_by__user", "rated_by__organisation"
            ).order_by("-rated_at", "-pk"),
            "may_edit": may_edit(request.membership, region),
            "describe_form": describe_form,
            "rating_form": rating_form,
            "error_forms": list(bound.values()),
        },
        status=400 if bound else 200,
    )


@readers
def barrier_page(request: MemberRequest, barrier_id: int) -> HttpResponse:
    return _show_barrier(request, _barrier(request, barrier_id))


def _submit(
    request: MemberRequest,
    barrier: Barrier,
    key: str,
    form: Form,
    operation: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            operation(form.cleaned_data)
        except operations.BarrierRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("barriers:barrier", barrier_id=barrier.pk)
    return _show_barrier(request, barrier, {key: form})


@require_POST
@readers
def describe(request: MemberRequest, barrier_id: int) -> HttpResponse:
    barrier = _barrier(request, barrier_id)
    form = DescribeForm(request.POST, region=barrier.model.region)
    return _submit(
        request,
        barrier,
        "describe",
        form,
        lambda d: operations.describe_barrier(
            barrier_id=barrier.pk,
            by=request.membership,
            responsible_ids=[o.pk for o in d["responsible"]],
            instruments_available=d["instruments_available"],
        ),
        _("The partners and instruments of the barrier were saved."),
    )


@require_POST
@readers
def rate(request: MemberRequest, barrier_id: int) -> HttpResponse:
    barrier = _barrier(request, barrier_id)
    return _submit(
        request,
        barrier,
        "rate",
        RatingForm(request.POST),
        lambda d: operations.rate_barrier(
            barrier_id=barrier.pk, by=request.membership, rating=d["rating"], note=d["note"]
        ),
        _("The rating was recorded."),
    )
