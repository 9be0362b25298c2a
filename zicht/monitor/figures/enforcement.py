"""The administrative approach in figures: inspections done and administrative measures
registered in the period (`zicht.enforcement`), for the monitor and the annual report.

An inspection counts on the day it was done, by the sector of its establishment; a measure
on the day it was registered, by its type and by where its procedure stands now (decided,
withdrawn, in objection or appeal, or still before the decision). Both belong to the scope
through their municipality. These count establishments and procedures, not persons, but are
shown under the same disclosure control as the other tables."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from zicht.enforcement.models import Inspection, InspectionStatus, Measure, MeasureStatus
from zicht.enforcement.vocabulary import EstablishmentSector, MeasureType
from zicht.monitor.figures.scope import Figure, Scope, figure_of_counts


def enforcement_figures(scope: Scope) -> list[Figure]:
    """Inspections by sector, measures by type, measures by where their procedure stands."""
    inspections = Inspection.objects.filter(
        establishment__municipality__region=scope.region,
        status=InspectionStatus.DONE,
        done_on__gte=scope.start,
        done_on__lte=scope.end,
    )
    measures = Measure.objects.filter(
        municipality__region=scope.region,
        registered_on__gte=scope.start,
        registered_on__lte=scope.end,
    )
    if scope.municipality is not None:
        inspections = inspections.filter(establishment__municipality=scope.municipality)
        measures = measures.filter(municipality=scope.municipality)

    def counts(rows, field: str) -> dict[str, int]:
        return dict(rows.values(field).annotate(n=Count("pk")).values_list(field, "n").order_by())

    return [
        figure_of_counts(
            counts(inspections, "establishment__sector"), "inspections_sector",
            _("Inspections done, by sector"), EstablishmentSector.choices, "inspections",
        ),
        figure_of_counts(
            counts(measures, "type"), "measures_type",
            _("Administrative measures, by type"), MeasureType.choices, "measures",
        ),
        figure_of_counts(
            counts(measures, "status"), "measures_status",
            _("Administrative measures, by where the procedure stands"),
            MeasureStatus.choices, "measures",
        ),
    ]  # fmt: skip
