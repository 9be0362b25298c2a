"""The shelter pages: finding and reserving a place for a presumed victim (the hub and the
care coordinators, at any hour), the placement (the provider accepts or declines; it ends),
and the overview of placements and free places. Placements come only through
`shelter.visible_placements`; every read of a placement or of the person it is for is logged
with its purpose."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Sum
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zicht.audit.log import record_read
from zicht.audit.models import Purpose
from zicht.care import shelter
from zicht.care.shelter_forms import PlacementDecisionForm, PlacementEndForm, PlacementRequestForm
from zicht.care.shelter_models import Placement, PlacementStatus, ShelterUnit
from zicht.care.trajectories import CareRefused, NotFound
from zicht.care.views import care_roles
from zicht.care.workflow import CARE_ROLES
from zicht.casework.models import Case
from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import PersonRole
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Role

# How many fitting units the request page lists.
SHOWN_UNITS = 30


def _victim(request: MemberRequest, case_id: int, person_id: int) -> tuple[Case, InvolvedPerson]:
    case = get_object_or_404(
        Case.objects.visible_to(request.membership).select_related("region", "municipality"),
        pk=case_id,
    )
    person = get_object_or_404(
        InvolvedPerson, pk=person_id, report__case=case, role=PersonRole.PRESUMED_VICTIM
    )
    return case, person


@care_roles
def request_placement(request: MemberRequest, case_id: int, person_id: int) -> HttpResponse:
    case, person = _victim(request, case_id, person_id)
    form = PlacementRequestForm(
        request.POST if request.method == "POST" else None,
        birth_date_known=person.birth_date is not None,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                placement = shelter.request_placement(
                    case_id=case.pk,
                    person_id=person.pk,
                    by=request.membership,
                    is_minor=form.minor_answer(),
                    shelter_type=data["shelter_type"],
                    multi_problem=data["multi_problem"],
                    secret_address=data["secret_address"],
                    unit_id=data["unit"],
                )
            except NotFound as error:
                raise Http404 from error
            except CareRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "A place in %(unit)s was reserved (%(ref)s); the provider is asked "
                        "to accept it."
                    )
                    % {"unit": placement.unit.name, "ref": placement.reference},
                )
                return redirect("care:placement_detail", placement_id=placement.pk)
    record_read(
        membership=request.membership,
        obj=person,
        person_ids=[person.pk],
        purpose=Purpose.CARE_COORDINATION,
    )
    return render(
        request,
        "care/placement_request.html",
        {
            "case": case,
            "person": person,
            "form": form,
            "units": _fitting(case, person, form),
            "office_hours": shelter.is_office_hours(),
        },
        status=status,
    )


def _fitting(
    case: Case, person: InvolvedPerson, form: PlacementRequestForm
) -> list[ShelterUnit] | None:
    """The free units that fit what the form says so far; None while it cannot be known
    (the birth date unknown and the question not answered)."""
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    try:
        need = shelter.need_of(
            person,
            is_minor=form.minor_answer() if data else None,
            shelter_type=data.get("shelter_type", ""),
            multi_problem=data.get("multi_problem", False),
            secret_address=data.get("secret_address", False),
        )
    except CareRefused:
        return None
    return list(
        shelter.fitting_units(case.region_id, need).select_related("provider")[:SHOWN_UNITS]
    )


def _visible(request: MemberRequest, placement_id: int) -> Placement:
    return get_object_or_404(
        shelter.visible_placements(request.membership).select_related(
            "case",
            "case__municipality",
            "person",
            "unit",
            "unit__provider",
            "requesting_organisation",
        ),
        pk=placement_id,
    )


def _purpose(request: MemberRequest, placement: Placement) -> Purpose:
    if placement.unit.provider_id != request.membership.organisation_id:
        return Purpose.CARE_COORDINATION
    if placement.status == PlacementStatus.RESERVED:
        return Purpose.HANDOVER_DECISION
    return Purpose.ACCEPTED_HANDOVER


@membership_required
def placement_detail(request: MemberRequest, placement_id: int) -> HttpResponse:
    return _show(request, _visible(request, placement_id))


def _show(
    request: MemberRequest, placement: Placement, bound: dict[str, Form] | None = None
) -> HttpResponse:
    bound = bound or {}
    membership = request.membership
    is_provider = placement.unit.provider_id == membership.organisation_id
    may_end = placement.holds_a_place and (is_provider or membership.role in CARE_ROLES)
    record_read(
        membership=membership,
        obj=placement,
        person_ids=[placement.person_id],
        purpose=_purpose(request, placement),
    )
    trajectory = getattr(placement.person, "care_trajectory", None)
    context = {
        "placement": placement,
        "person": placement.person,
        "unit": placement.unit,
        "events": placement.events.order_by("at", "pk"),
        "decide_form": bound.get("decide")
        or (
            PlacementDecisionForm()
            if is_provider and placement.status == PlacementStatus.RESERVED
            else None
        ),
        "end_form": bound.get("end") or (PlacementEndForm() if may_end else None),
        "error_forms": list(bound.values()),
        "trajectory": trajectory
        if trajectory is not None and membership.role in CARE_ROLES
        else None,
        "shows_case": membership.role in CARE_ROLES,
    }
    return render(request, "care/placement_detail.html", context, status=400 if bound else 200)


@require_POST
@membership_required
def decide_placement(request: MemberRequest, placement_id: int) -> HttpResponse:
    placement = _visible(request, placement_id)
    form = PlacementDecisionForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            shelter.decide_placement(
                placement_id=placement.pk,
                by=request.membership,
                accept=accept,
                reason=form.cleaned_data["reason"],
            )
        except NotFound as error:
            raise Http404 from error
        except CareRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("You accepted the placement.")
                if accept
                else _("You declined the placement; the place is free again."),
            )
            return redirect("care:placement_detail", placement_id=placement.pk)
    return _show(request, _visible(request, placement_id), {"decide": form})


@require_POST
@membership_required
def end_placement(request: MemberRequest, placement_id: int) -> HttpResponse:
    placement = _visible(request, placement_id)
    form = PlacementEndForm(request.POST)
    if form.is_valid():
        try:
            shelter.end_placement(
                placement_id=placement.pk, by=request.membership, reason=form.cleaned_data["reason"]
            )
        except NotFound as error:
            raise Http404 from error
        except CareRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The placement was ended; the place is free again."))
            return redirect("care:placement_detail", placement_id=placement.pk)
    return _show(request, _visible(request, placement_id), {"end": form})


@membership_required
def shelter_overview(request: MemberRequest) -> HttpResponse:
    """The placements the membership may see (references, no names) and the places of the
    region (the hub and coordinators) or of the provider's own units."""
    membership = request.membership
    if membership.role in CARE_ROLES:
        units = ShelterUnit.objects.filter(region_id=membership.organisation.region_id)
    else:
        units = ShelterUnit.objects.filter(provider=membership.organisation)
    units = units.filter(is_active=True).select_related("provider")
    placements = (
        shelter.visible_placements(membership)
        .select_related("unit", "unit__provider", "case")
        .order_by("-requested_at")[:100]
    )
    totals = units.aggregate(capacity=Sum("capacity"), occupied=Sum("occupied"))
    if not units and not placements and membership.role not in CARE_ROLES:
        raise Http404
    return render(
        request,
        "care/shelter_overview.html",
        {
            "units": units[:200],
            "placements": placements,
            "capacity": totals["capacity"] or 0,
            "occupied": totals["occupied"] or 0,
            "office_hours": shelter.is_office_hours(),
            "is_coordinating": membership.role in CARE_ROLES,
            "is_hub": membership.role == Role.HUB_CASE_MANAGER,
        },
    )
