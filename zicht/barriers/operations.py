"""Every change to a barrier model, one function each; the views, the demo and any import
call these. Only the region's hub (its analyst and case managers) changes its model."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zicht.barriers.models import (
    MODEL_FORMS,
    Barrier,
    BarrierModel,
    BarrierRating,
    Rating,
    Stage,
    may_edit,
)
from zicht.organisations.models import Membership, Organisation

# The first year a model can be made for; the last is next year (a model is prepared
# before its year starts, never for a year further away).
FIRST_YEAR = 2015
# Region-added barriers come after the standard ones.
ADDED_POSITION = 100


class BarrierRefused(Exception):
    """A change that may not be made; the message says why, in the user's language."""


def last_year_allowed() -> int:
    return timezone.localdate().year + 1


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= last_year_allowed():
        raise BarrierRefused(
            _("A barrier model can be made for the years %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": last_year_allowed()}
        )


def _editable_barrier(barrier_id: int, by: Membership) -> Barrier:
    barrier = (
        Barrier.objects.select_for_update()
        .select_related("model", "model__region")
        .filter(pk=barrier_id)
        .first()
    )
    if barrier is None or not may_edit(by, barrier.model.region):
        raise BarrierRefused(_("This barrier is not in a barrier model you may change."))
    return barrier


@transaction.atomic
def start_model(*, by: Membership, year: int) -> BarrierModel:
    """The region's model for a year: the standard barriers for every form, or, when the
    region has a model for the year before, that model's barriers, partners and
    instruments (not its ratings: every year is judged anew)."""
    region = by.organisation.region
    if not may_edit(by, region):
        raise BarrierRefused(_("Only the regional hub changes the barrier model."))
    check_year(year)
    if BarrierModel.objects.filter(region=region, year=year).exists():
        raise BarrierRefused(
            _("The region already has a barrier model for %(year)s.") % {"year": year}
        )
    model = BarrierModel.objects.create(region=region, year=year, created_by=by)
    previous = BarrierModel.objects.filter(region=region, year=year - 1).first()
    if previous is not None:
        old = list(previous.barriers.prefetch_related("responsible").order_by("pk"))
        copies = Barrier.objects.bulk_create(
            Barrier(
                model=model,
                exploitation_form=barrier.exploitation_form,
                code=barrier.code,
                name=barrier.name,
                position=barrier.position,
                added_by_region=barrier.added_by_region,
                instruments_available=barrier.instruments_available,
            )
            for barrier in old
        )
        Responsible = Barrier.responsible.through
        Responsible.objects.bulk_create(
            Responsible(barrier_id=copy.pk, organisation_id=organisation.pk)
            for barrier, copy in zip(old, copies, strict=True)
            for organisation in barrier.responsible.all()
        )
        return model
    Barrier.objects.bulk_create(
        Barrier(
            model=model,
            exploitation_form=form,
            code=stage.value,
            name=str(stage.label),
            position=position,
        )
        for form in MODEL_FORMS
        for position, stage in enumerate(Stage)
    )
    return model


@transaction.atomic
def add_barrier(*, model_id: int, by: Membership, exploitation_form: str, name: str) -> Barrier:
    """A barrier the region adds to one form of exploitation (e.g. "registration")."""
    model = BarrierModel.objects.select_related("region").filter(pk=model_id).first()
    if model is None or not may_edit(by, model.region):
        raise BarrierRefused(_("This barrier model is not one you may change."))
    if exploitation_form not in MODEL_FORMS:
        raise BarrierRefused(_("Choose one of the forms of exploitation of the model."))
    name = name.strip()
    code = slugify(name)[:40]
    if not code:
        raise BarrierRefused(_("Give the barrier a name."))
    if model.barriers.filter(exploitation_form=exploitation_form, code=code).exists():
        raise BarrierRefused(_("This form of exploitation already has a barrier of that name."))
    return Barrier.objects.create(
        model=model,
        exploitation_form=exploitation_form,
        code=code,
        name=name,
        position=ADDED_POSITION + model.barriers.filter(added_by_region=True).count(),
        added_by_region=True,
    )


@transaction.atomic
def describe_barrier(
    *,
    barrier_id: int,
    by: Membership,
    responsible_ids: Collection[int],
    instruments_available: str,
) -> Barrier:
    """Who is responsible for the barrier (organisations of the region) and which
    instruments they have."""
    barrier = _editable_barrier(barrier_id, by)
    responsible = list(
        Organisation.objects.filter(pk__in=responsible_ids, region=barrier.model.region)
    )
    if len(responsible) != len(set(responsible_ids)):
        raise BarrierRefused(_("Only organisations of the region can be responsible."))
    lines = [line.strip() for line in instruments_available.splitlines() if line.strip()]
    barrier.instruments_available = "\n".join(lines)
    barrier.save(update_fields=["instruments_available"])
    barrier.responsible.set(responsible)
    return barrier


@transaction.atomic
def rate_barrier(*, barrier_id: int, by: Membership, rating: int, note: str = "") -> BarrierRating:
    """A new judgement of the barrier; earlier ones stay as they were."""
    barrier = _editable_barrier(barrier_id, by)
    if rating not in Rating.values:
        raise BarrierRefused(
            _("Choose a rating from %(low)s to %(high)s.")
            % {"low": Rating.NONE.label, "high": Rating.STRONG.label}
        )
    return BarrierRating.objects.create(
        barrier=barrier, rating=rating, note=note.strip(), rated_by=by
    )
