"""The shelter figures of the care section: placements by type of place and by the hour of
the day they were made, and requests refused because no fitting place was free.

Read from the shelter's append-only occupancy events (`zicht.care.shelter_models`), so a
past period gives the same answer later: a placement counts when its place was reserved
(in the period, Europe/Amsterdam time), whether or not the provider later accepted it. A
refusal is recorded for the region only (it names the type of place asked for, not a case),
so a municipality's view shows placements but no refusals."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils.translation import gettext_lazy as _

from zicht.care.shelter_models import OccupancyEvent, OccupancyEventKind, ShelterType
from zicht.monitor.figures.scope import Figure, Scope, figure_of_counts

# Office hours as CoMensha places (Twente §7.2): Monday to Friday, 9:00 to 17:00. The
# other bands say when a placement could not wait for them.
MOMENTS = (
    ("office", _("Weekday, 9:00 to 17:00")),
    ("evening", _("Weekday, 17:00 to 23:00")),
    ("night", _("Night, 23:00 to 9:00")),
    ("weekend", _("Weekend, 9:00 to 23:00")),
)


def _events(scope: Scope, kind: str) -> QuerySet[OccupancyEvent]:
    events = OccupancyEvent.objects.filter(
        region=scope.region, kind=kind, at__gte=scope.start_at, at__lt=scope.end_before
    )
    if scope.municipality is not None:
        events = events.filter(placement__case__municipality=scope.municipality)
    return events


def _moment(hour: int, weekday: int) -> str:
    if hour >= 23 or hour < 9:
        return "night"
    if weekday >= 6:
        return "weekend"
    return "office" if hour < 17 else "evening"


def placement_figures(scope: Scope) -> list[Figure]:
    """Placements by type of place, placements by moment, and (for a region) refusals for
    lack of space by the type of place asked for."""
    reserved = _events(scope, OccupancyEventKind.RESERVED)
    by_type = dict(
        reserved.values("shelter_type").annotate(n=Count("pk")).values_list("shelter_type", "n")
    )
    moments: dict[str, int] = {}
    for hour, weekday, n in (
        reserved.annotate(
            hour=ExtractHour("at", tzinfo=scope.tz),
            weekday=ExtractIsoWeekDay("at", tzinfo=scope.tz),
        )
        .values("hour", "weekday")
        .annotate(n=Count("pk"))
        .values_list("hour", "weekday", "n")
    ):
        moment = _moment(hour, weekday)
        moments[moment] = moments.get(moment, 0) + n
    figures = [
        figure_of_counts(
            by_type, "placements_type", _("Shelter placements, by type of place"),
            ShelterType.choices, "placements",
        ),
        figure_of_counts(
            moments, "placements_moment", _("Shelter placements, by moment of the day"),
            MOMENTS, "placements",
        ),
    ]  # fmt: skip
    if scope.municipality is None:
        refused = dict(
            _events(scope, OccupancyEventKind.REFUSED_FULL)
            .values("shelter_type")
            .annotate(n=Count("pk"))
            .values_list("shelter_type", "n")
        )
        figures.append(
            figure_of_counts(
                refused, "placements_refused",
                _("Requests refused: no fitting place free, by type asked for"),
                ShelterType.choices, "requests",
            )
        )  # fmt: skip
    return figures
