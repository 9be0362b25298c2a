"""Pages of the administrative approach: establishments with their permits, inspections with
the persons met, and measures with their procedure and decision document. Views validate
input, call one operation and show the result; every list and page goes through the
models' `visible_to`, and every read of a person met is written to the access log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.enforcement import establishments, inspections, measures
from zicht.enforcement.forms import (
    DecisionForm,
    EstablishmentForm,
    InspectionPlanForm,
    InspectionRecordForm,
    IntentionForm,
    LodgedForm,
    MeasureForm,
    PermitForm,
    PersonMetForm,
    ViewsForm,
    persons_of,
)
from zicht.enforcement.framework import suggested_situations
from zicht.enforcement.models import (
    TEAM_ROLES,
    Establishment,
    Inspection,
    InspectionStatus,
    Measure,
    MeasureStatus,
    PersonMet,
    is_municipal_staff,
)
from zicht.enforcement.refusals import EnforcementRefused, NotFound
from zicht.enforcement.vocabulary import EstablishmentSector, checklist
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Membership, Organisation

team_roles = membership_required(roles=sorted(TEAM_ROLES))

OPEN_MEASURES = [MeasureStatus.DRAFT, MeasureStatus.INTENDED, MeasureStatus.HEARD]


def _log_persons_read(membership: Membership, obj: Any, persons: list[PersonMet]) -> None:
    """A page that shows persons met is a read of personal data: logged with its purpose."""
    if persons:
        record_change(
            membership=membership,
            action=AccessAction.READ,
            obj=obj,
            purpose=Purpose.ENFORCEMENT,
            detail={"persons_met": [p.pk for p in persons]},
        )


def _id(value: str | None) -> int | None:
    """An id from a query parameter or hidden field: digits, within the database's range."""
    if value and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def _run(form: Form, operation: Callable[[dict[str, Any]], object]) -> bool:
    """Validate the form and run the operation; a refusal becomes the form's error."""
    if not form.is_valid():
        return False
    try:
        operation(form.cleaned_data)
    except NotFound as error:
        raise Http404 from error
    except EnforcementRefused as error:
        form.add_error(None, str(error))
        return False
    return True


# --- establishments ---------------------------------------------------------------------


@team_roles
def home(request: MemberRequest) -> HttpResponse:
    membership = request.membership
    sector = request.GET.get("sector", "")
    found = Establishment.objects.visible_to(membership).select_related("municipality")
    if sector in EstablishmentSector.values:
        found = found.filter(sector=sector)
    else:
        sector = ""
    planned = (
        Inspection.objects.visible_to(membership)
        .filter(status=InspectionStatus.PLANNED)
        .select_related("establishment")
        .order_by("planned_on", "pk")[:50]
    )
    open_measures = (
        Measure.objects.visible_to(membership)
        .filter(status__in=OPEN_MEASURES)
        .select_related("establishment")
        .order_by("decision_due_on", "pk")[:50]
    )
    return render(
        request,
        "enforcement/home.html",
        {
            "establishments": found[:300],
            "sectors": EstablishmentSector.choices,
            "sector": sector,
            "planned": planned,
            "open_measures": open_measures,
            "may_register": is_municipal_staff(membership),
        },
    )


@team_roles
def establishment_new(request: MemberRequest) -> HttpResponse:
    if not is_municipal_staff(request.membership):
        raise Http404
    form = EstablishmentForm(request.POST or None)
    made: list[Establishment] = []
    if request.method == "POST" and _run(
        form,
        lambda d: made.append(
            establishments.register_establishment(
                data=establishments.EstablishmentData(**d), by=request.membership
            )
        ),
    ):
        messages.success(request, _("The establishment was registered."))
        return redirect("enforcement:establishment_detail", establishment_id=made[0].pk)
    status = 400 if form.is_bound else 200
    return render(request, "enforcement/establishment_new.html", {"form": form}, status=status)


def _establishment_page(
    request: MemberRequest, establishment: Establishment, bound: dict[str, Form] | None = None
) -> HttpResponse:
    membership = request.membership
    bound = bound or {}
    municipal = is_municipal_staff(membership)
    persons = persons_of(establishment, membership)
    context = {
        "establishment": establishment,
        "permits": establishment.permits.all(),
        "inspections": Inspection.objects.visible_to(membership)
        .filter(establishment=establishment)
        .prefetch_related("team"),
        "measures": Measure.objects.visible_to(membership).filter(establishment=establishment),
        "municipal": municipal,
        "permit_form": bound.get("permit") or (PermitForm() if municipal else None),
        "plan_form": bound.get("plan")
        or (InspectionPlanForm(membership=membership) if municipal else None),
        "measure_form": bound.get("measure")
        or (MeasureForm(persons=persons) if municipal else None),
        "error_forms": list(bound.values()),
        "inspection_id": _id(request.GET.get("controle")) or _id(request.POST.get("inspection")),
    }
    return render(
        request, "enforcement/establishment_detail.html", context, status=400 if bound else 200
    )


def _visible_establishment(request: MemberRequest, establishment_id: int) -> Establishment:
    return get_object_or_404(
        Establishment.objects.visible_to(request.membership).select_related("municipality"),
        pk=establishment_id,
    )


@team_roles
def establishment_detail(request: MemberRequest, establishment_id: int) -> HttpResponse:
    return _establishment_page(request, _visible_establishment(request, establishment_id))


@require_POST
@team_roles
def add_permit(request: MemberRequest, establishment_id: int) -> HttpResponse:
    establishment = _visible_establishment(request, establishment_id)
    form = PermitForm(request.POST)
    if _run(
        form,
        lambda d: establishments.add_permit(
            establishment_id=establishment.pk, by=request.membership, **d
        ),
    ):
        messages.success(request, _("The permit was recorded."))
        return redirect("enforcement:establishment_detail", establishment_id=establishment.pk)
    return _establishment_page(request, establishment, {"permit": form})


@require_POST
@team_roles
def plan_inspection(request: MemberRequest, establishment_id: int) -> HttpResponse:
    establishment = _visible_establishment(request, establishment_id)
    form = InspectionPlanForm(request.POST, membership=request.membership)
    made: list[Inspection] = []
    if _run(
        form,
        lambda d: made.append(
            inspections.plan_inspection(
                establishment_id=establishment.pk,
                by=request.membership,
                planned_on=d["planned_on"],
                team=list(d["team"]),
            )
        ),
    ):
        messages.success(request, _("The inspection was planned."))
        return redirect("enforcement:inspection_detail", inspection_id=made[0].pk)
    return _establishment_page(request, establishment, {"plan": form})


@require_POST
@team_roles
def draft_measure(request: MemberRequest, establishment_id: int) -> HttpResponse:
    establishment = _visible_establishment(request, establishment_id)
    form = MeasureForm(request.POST, persons=persons_of(establishment, request.membership))
    inspection_id = request.POST.get("inspection")
    made: list[Measure] = []

    def operation(d: dict[str, Any]) -> None:
        person = d.pop("person")
        made.append(
            measures.draft_measure(
                data=measures.MeasureData(
                    **d,
                    establishment_id=establishment.pk,
                    person_id=person.pk if person else None,
                    inspection_id=_id(inspection_id),
                ),
                by=request.membership,
            )
        )

    if _run(form, operation):
        messages.success(request, _("The measure was registered."))
        return redirect("enforcement:measure_detail", measure_id=made[0].pk)
    return _establishment_page(request, establishment, {"measure": form})


# --- inspections ------------------------------------------------------------------------


def _visible_inspection(request: MemberRequest, inspection_id: int) -> Inspection:
    return get_object_or_404(
        Inspection.objects.visible_to(request.membership).select_related(
            "establishment__municipality", "report"
        ),
        pk=inspection_id,
    )


def _known_ids(person: PersonMet) -> list[int]:
    return [hit["organisation"] for hit in person.known_at]


def _inspection_page(
    request: MemberRequest, inspection: Inspection, bound: dict[str, Form] | None = None
) -> HttpResponse:
    membership = request.membership
    bound = bound or {}
    sector = inspection.establishment.sector
    persons = list(inspection.persons.all())
    known_ids = {hit["organisation"] for p in persons for hit in p.known_at}
    organisations = Organisation.objects.in_bulk(list(known_ids))
    labels = {i.code: i.label for i in checklist(sector)}
    not_cancelled = inspection.status != InspectionStatus.CANCELLED
    context = {
        "inspection": inspection,
        "establishment": inspection.establishment,
        "team": inspection.team.all(),
        "found": [labels.get(code, code) for code in inspection.indicators],
        "persons": [
            (
                p,
                [
                    organisations[h["organisation"]]
                    for h in p.known_at
                    if h["organisation"] in organisations
                ],
            )
            for p in persons
        ],
        "record_form": bound.get("record")
        or (
            InspectionRecordForm(
                sector=sector,
                initial={
                    "done_on": inspection.done_on or inspection.planned_on,
                    "indicators": inspection.indicators,
                    "findings": inspection.findings,
                },
            )
            if not_cancelled
            else None
        ),
        "person_form": bound.get("person") or (PersonMetForm() if not_cancelled else None),
        "may_report": inspection.status == InspectionStatus.DONE
        and bool(inspection.indicators)
        and inspection.report_id is None,
        "suggestions": suggested_situations(sector, inspection.indicators),
        "measures": Measure.objects.visible_to(membership).filter(inspection=inspection),
        "municipal": is_municipal_staff(membership),
        "error_forms": list(bound.values()),
    }
    _log_persons_read(membership, inspection, persons)
    return render(
        request, "enforcement/inspection_detail.html", context, status=400 if bound else 200
    )


@team_roles
def inspection_detail(request: MemberRequest, inspection_id: int) -> HttpResponse:
    return _inspection_page(request, _visible_inspection(request, inspection_id))


@require_POST
@team_roles
def record_inspection(request: MemberRequest, inspection_id: int) -> HttpResponse:
    inspection = _visible_inspection(request, inspection_id)
    form = InspectionRecordForm(request.POST, sector=inspection.establishment.sector)
    if _run(
        form,
        lambda d: inspections.record_inspection(
            inspection_id=inspection.pk, by=request.membership, **d
        ),
    ):
        messages.success(request, _("The inspection was recorded."))
        return redirect("enforcement:inspection_detail", inspection_id=inspection.pk)
    return _inspection_page(request, inspection, {"record": form})


@require_POST
@team_roles
def register_person(request: MemberRequest, inspection_id: int) -> HttpResponse:
    inspection = _visible_inspection(request, inspection_id)
    form = PersonMetForm(request.POST)
    if _run(
        form,
        lambda d: inspections.register_person_met(
            inspection_id=inspection.pk, by=request.membership, data=inspections.PersonMetData(**d)
        ),
    ):
        messages.success(request, _("The person met was registered."))
        return redirect("enforcement:inspection_detail", inspection_id=inspection.pk)
    return _inspection_page(request, inspection, {"person": form})


@require_POST
@team_roles
def report_finding(request: MemberRequest, inspection_id: int) -> HttpResponse:
    inspection = _visible_inspection(request, inspection_id)
    try:
        report = inspections.report_finding(
            inspection_id=inspection.pk,
            by=request.membership,
            is_acute=request.POST.get("acute") == "1",
        )
    except NotFound as error:
        raise Http404 from error
    except EnforcementRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The finding became report %(ref)s on the reporting route.")
            % {"ref": report.case.reference if report.case else report.pk},
        )
    return redirect("enforcement:inspection_detail", inspection_id=inspection.pk)


# --- measures ---------------------------------------------------------------------------


def _visible_measure(request: MemberRequest, measure_id: int) -> Measure:
    return get_object_or_404(
        Measure.objects.visible_to(request.membership).select_related(
            "establishment", "person", "municipality", "inspection"
        ),
        pk=measure_id,
    )


STEP_FORMS: dict[str, Callable[..., Form]] = {
    "intention": lambda data, m: IntentionForm(data),
    "hearing": lambda data, m: ViewsForm(data),
    "decision": lambda data, m: DecisionForm(data, measure_type=m.type),
    "objection": lambda data, m: LodgedForm(data, prefix="objection"),
    "appeal": lambda data, m: LodgedForm(data, prefix="appeal"),
    "withdraw": lambda data, m: Form(data, prefix="withdraw"),
}


def _measure_page(
    request: MemberRequest, measure: Measure, bound: dict[str, Form] | None = None
) -> HttpResponse:
    bound = bound or {}
    advice, deviates = measures.framework_advice(measure)
    steps = [
        (name, step.label, bound.get(name) or STEP_FORMS[name](None, measure))
        for name, step in measures.STEPS.items()
        if measure.status in step.sources
    ]
    context = {
        "measure": measure,
        "advice": advice,
        "deviates": deviates,
        "steps": steps,
        "error_forms": list(bound.values()),
    }
    if measure.person is not None:
        _log_persons_read(request.membership, measure, [measure.person])
    return render(request, "enforcement/measure_detail.html", context, status=400 if bound else 200)


@team_roles
def measure_detail(request: MemberRequest, measure_id: int) -> HttpResponse:
    return _measure_page(request, _visible_measure(request, measure_id))


@require_POST
@team_roles
def measure_step(request: MemberRequest, measure_id: int, step: str) -> HttpResponse:
    if step not in measures.STEPS:
        raise Http404
    measure = _visible_measure(request, measure_id)
    by = request.membership
    form = STEP_FORMS[step](request.POST, measure)
    operations: dict[str, Callable[[dict[str, Any]], object]] = {
        "intention": lambda d: measures.send_intention(measure_id=measure.pk, by=by, **d),
        "hearing": lambda d: measures.record_views(measure_id=measure.pk, by=by, **d),
        "decision": lambda d: measures.take_decision(measure_id=measure.pk, by=by, **d),
        "objection": lambda d: measures.record_objection(measure_id=measure.pk, by=by, **d),
        "appeal": lambda d: measures.record_appeal(measure_id=measure.pk, by=by, **d),
        "withdraw": lambda d: measures.withdraw_measure(measure_id=measure.pk, by=by),
    }
    if _run(form, operations[step]):
        messages.success(request, _("Done: %(step)s.") % {"step": measures.STEPS[step].label})
        return redirect("enforcement:measure_detail", measure_id=measure.pk)
    return _measure_page(request, measure, {step: form})


@team_roles
def measure_document(request: MemberRequest, measure_id: int) -> HttpResponse:
    """The decision document of the measure, from its type's template, as a printable page."""
    measure = _visible_measure(request, measure_id)
    if measure.person is not None:
        _log_persons_read(request.membership, measure, [measure.person])
    return render(
        request,
        [f"enforcement/documents/{measure.type}.html", "enforcement/documents/base.html"],
        {"measure": measure, "organisation": request.membership.organisation},
    )
