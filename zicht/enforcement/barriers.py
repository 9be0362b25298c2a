"""The instruments the region used per barrier in a year, counted from the inspections done
and the measures registered (not withdrawn), for the barrier model: one query for both, the
barriers each instrument serves from the mappings in zicht.enforcement.vocabulary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Value
from django.utils.translation import gettext as _

from zicht.barriers.counting import CountRow
from zicht.enforcement.models import Inspection, InspectionStatus, Measure, MeasureStatus
from zicht.enforcement.vocabulary import (
    MEASURE_BARRIERS,
    SECTOR_BARRIERS,
    EstablishmentSector,
    MeasureType,
)
from zicht.organisations.models import Region

INSPECTION = "inspection"
MEASURE = "measure"


@dataclass
class BarrierUse:
    """Per barrier: inspections by sector and measures by type."""

    inspections: Counter[str] = field(default_factory=Counter)
    measures: Counter[str] = field(default_factory=Counter)


def instruments_used(region_id: int, year: int) -> dict[str, BarrierUse]:
    measures = (
        Measure.objects.filter(municipality__region_id=region_id, registered_on__year=year)
        .exclude(status=MeasureStatus.WITHDRAWN)
        .values("type")
        .annotate(kind=Value(MEASURE, output_field=CharField()), n=Count("pk"))
        .values_list("kind", "type", "n")
        .order_by()
    )
    inspections = (
        Inspection.objects.filter(
            establishment__municipality__region_id=region_id,
            status=InspectionStatus.DONE,
            done_on__year=year,
        )
        .values("establishment__sector")
        .annotate(kind=Value(INSPECTION, output_field=CharField()), n=Count("pk"))
        .values_list("kind", "establishment__sector", "n")
        .order_by()
    )
    used: dict[str, BarrierUse] = {}
    for kind, instrument, n in measures.union(inspections, all=True).order_by():
        if kind == MEASURE:
            for barrier in MEASURE_BARRIERS.get(instrument, ()):
                used.setdefault(barrier, BarrierUse()).measures[instrument] += n
        else:
            for barrier in SECTOR_BARRIERS.get(instrument, ()):
                used.setdefault(barrier, BarrierUse()).inspections[instrument] += n
    return used


def counting_source(region: Region, year: int) -> Iterable[CountRow]:
    """The barrier model's counting source (zicht.barriers.counting): per barrier, each
    measure type and each sector inspected, with how often that year."""
    for barrier, use in instruments_used(region.pk, year).items():
        for measure_type, n in use.measures.items():
            yield barrier, f"measure:{measure_type}", str(MeasureType(measure_type).label), n
        for sector, n in use.inspections.items():
            label = _("Inspection: %(sector)s") % {"sector": EstablishmentSector(sector).label}
            yield barrier, f"inspection:{sector}", label, n
