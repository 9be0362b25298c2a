"""Every figure of one dashboard page, computed together (one read of each subject) and
kept in Django's cache for a few minutes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import translation

from zicht.intake.models import Report
from zicht.monitor.figures.care import CareFigures, care_figures
from zicht.monitor.figures.enforcement import enforcement_figures
from zicht.monitor.figures.handling import (
    HandlingTimes,
    action_tally,
    actions_by_kind,
    actions_by_status,
    case_count,
    closure_reasons,
    handling_times,
)
from zicht.monitor.figures.persons import PersonFigures, person_figures
from zicht.monitor.figures.reports import (
    by_exploitation_form,
    by_municipality,
    by_sector,
    by_source,
    report_tally,
    trend,
)
from zicht.monitor.figures.scope import Figure, Scope
from zicht.monitor.sql import postgresql_only
from zicht.monitor.victim_records import latest_run

# On PostgreSQL, plan the overview's queries for what they are: short index ranges and
# index lookups on a server that keeps its tables in memory (``random_page_cost`` 1.1
# instead of the default 4, which is meant for spinning disks and makes PostgreSQL scan
# every follow-up action and feedback term to find those of a year's cases), with room to
# sort and hash a long period's persons in memory. For the overview's transaction only.
_PLANNED_FOR_RANGES = ("SET LOCAL random_page_cost = 1.1", "SET LOCAL work_mem = '64MB'")


@dataclass
class Overview:
    scope: Scope
    reports: int
    cases: int
    persons: PersonFigures
    figures: list[Figure]
    trend: Figure
    handling: HandlingTimes
    care: CareFigures
    enforcement: list[Figure]


def overview(scope: Scope, *, trend_by: str = "month") -> Overview:
    with _planned_for_ranges():
        return _overview(scope, trend_by=trend_by)


@contextmanager
def _planned_for_ranges() -> Iterator[None]:
    """One read transaction, planned for short ranges on PostgreSQL (_PLANNED_FOR_RANGES)."""
    with transaction.atomic():
        postgresql_only(*_PLANNED_FOR_RANGES)
        yield


def _overview(scope: Scope, *, trend_by: str) -> Overview:
    tally = report_tally(scope)
    actions = action_tally(scope)
    persons = person_figures(scope)
    figures = [
        by_exploitation_form(scope, tally),
        by_sector(scope, tally),
        by_source(scope, tally),
        persons.sex,
        persons.age_band,
        persons.minor,
        persons.nationality,
        persons.border,
        persons.forms,
        actions_by_kind(scope, actions),
        actions_by_status(scope, actions),
        closure_reasons(scope),
    ]
    if scope.municipality is None:
        figures.insert(3, by_municipality(scope, tally))
    return Overview(
        scope=scope,
        reports=tally.total,
        cases=case_count(scope),
        persons=persons,
        figures=figures,
        trend=trend(scope, by=trend_by, tally=tally),
        handling=handling_times(scope),
        care=care_figures(scope),
        enforcement=enforcement_figures(scope),
    )


def cache_seconds() -> int:
    return int(getattr(settings, "ZICHT_MONITOR_CACHE_SECONDS", 300))


def figures_key(scope: Scope) -> str:
    """The part of a cache key that changes when the figures of ``scope`` may change: the
    scope, the language, the region's latest linkage run and the newest report."""
    run = latest_run(scope.region)
    newest = Report.objects.aggregate(newest=Max("pk"))["newest"]
    return ":".join(
        str(part)
        for part in (
            scope.region.pk,
            scope.municipality.pk if scope.municipality else "-",
            scope.start,
            scope.end,
            translation.get_language(),
            run.pk if run else "-",
            newest,
        )
    )


def cached_overview(scope: Scope, *, trend_by: str = "month") -> Overview:
    """The overview, kept in Django's cache for ``ZICHT_MONITOR_CACHE_SECONDS`` (default
    300; 0 switches it off). The key holds the scope, the language, the region's latest
    linkage run and the newest report, so a new report or linkage run shows at once; other
    changes (a case closed, an action done) show within the cache time."""
    seconds = cache_seconds()
    if seconds <= 0:
        return overview(scope, trend_by=trend_by)
    key = f"monitor-overview:{trend_by}:{figures_key(scope)}"
    found = cache.get(key)
    if found is not None:
        return found
    data = overview(scope, trend_by=trend_by)
    cache.set(key, data, seconds)
    return data
