"""A year's barrier model as the pages show it, and its comparison with the year before.

A white spot (witte vlek) is a barrier where the region does not hold the trafficker back:
no instrument was used that year, the rating is missing or "no barrier", or it dropped
since the year before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from zicht.barriers.counting import InstrumentUse, instruments_used
from zicht.barriers.models import (
    MODEL_FORMS,
    Barrier,
    BarrierModel,
    BarrierRating,
    Rating,
)
from zicht.intake.vocabulary import ExploitationForm

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class BarrierRow:
    barrier: Barrier
    partners: list[str]
    used: list[InstrumentUse]
    rating: BarrierRating | None

    @property
    def used_total(self) -> int:
        return sum(use.count for use in self.used)


@dataclass(frozen=True)
class FormSection:
    form: str
    label: StrOrPromise
    rows: list[BarrierRow]


def _latest_ratings() -> Prefetch:
    return Prefetch("ratings", queryset=BarrierRating.objects.order_by("-rated_at", "-pk"))


def model_sections(model: BarrierModel, forms: Sequence[str] = MODEL_FORMS) -> list[FormSection]:
    """Per form of exploitation, the barriers with partners, counted use and rating."""
    used = instruments_used(model.region, model.year)
    barriers = (
        model.barriers.filter(exploitation_form__in=forms)
        .prefetch_related("responsible", _latest_ratings())
        .order_by("position", "pk")
    )
    by_form: dict[str, list[BarrierRow]] = {form: [] for form in forms}
    for barrier in barriers:
        ratings = list(barrier.ratings.all())
        by_form[barrier.exploitation_form].append(
            BarrierRow(
                barrier=barrier,
                partners=sorted(o.name for o in barrier.responsible.all()),
                used=used.get(barrier.code, []),
                rating=ratings[0] if ratings else None,
            )
        )
    return [
        FormSection(form=form, label=ExploitationForm(form).label, rows=rows)
        for form, rows in by_form.items()
    ]


@dataclass(frozen=True)
class Comparison:
    barrier: Barrier
    now: BarrierRow
    before: BarrierRow | None
    reasons: list[StrOrPromise] = field(default_factory=list)

    @property
    def white_spot(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class ComparedSection:
    form: str
    label: StrOrPromise
    rows: list[Comparison]

    @property
    def white_spots(self) -> int:
        return sum(row.white_spot for row in self.rows)


def white_spot_reasons(now: BarrierRow, before: BarrierRow | None) -> list[StrOrPromise]:
    reasons: list[StrOrPromise] = []
    if not now.used:
        reasons.append(_("No instrument used"))
    if now.rating is None:
        reasons.append(_("Not rated"))
    elif now.rating.rating == Rating.NONE:
        reasons.append(_("Rated: no barrier"))
    if (
        now.rating is not None
        and before is not None
        and before.rating is not None
        and now.rating.rating < before.rating.rating
    ):
        reasons.append(_("Rating dropped"))
    return reasons


def compare(model: BarrierModel, previous: BarrierModel | None) -> list[ComparedSection]:
    """This year's barriers beside the same barriers (form and code) of the year before."""
    before_rows: dict[tuple[str, str], BarrierRow] = {}
    if previous is not None:
        for section in model_sections(previous):
            for row in section.rows:
                before_rows[(section.form, row.barrier.code)] = row
    compared = []
    for section in model_sections(model):
        rows = []
        for row in section.rows:
            before = before_rows.get((section.form, row.barrier.code))
            rows.append(
                Comparison(
                    barrier=row.barrier,
                    now=row,
                    before=before,
                    reasons=white_spot_reasons(row, before),
                )
            )
        compared.append(ComparedSection(form=section.form, label=section.label, rows=rows))
    return compared
