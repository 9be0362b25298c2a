"""The estimates of the dark-number page: computed ahead by the task worker, stored, and read
by the page; Django's cache as the fallback for a period nobody computed ahead.

The page's first load cost seconds: importing numpy, scipy and pandas (most of it, on a busy
machine) and estimating every method for the period, each year and each form (docs/
benchmarks.md). So the worker computes the page of each region ahead
(`compute_dark_numbers`) for the periods an analyst opens first (this year so far, the whole
of last year), in every staff language and for viewers with and without need to know, and
stores the rendered estimates (`DarkNumberResult`). It does so after a linkage run of the
region (`unique_persons.rebuild_unique_persons`) and every night (`nightly_dark_numbers`,
which enqueues itself; `manage.py dark_numbers --schedule` starts it). The page reads the
stored result and says when it was computed, and whether reports or a linkage run came in
after that. Any other period (a municipality, other dates) is estimated on the first view and
kept in Django's cache under the dashboard's key, so a view from the cache imports none of
those libraries and estimates nothing either.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from zicht.monitor.disclosure import internal_minimum
from zicht.monitor.figures import Scope, cache_seconds, figures_key
from zicht.monitor.models import DarkNumberResult
from zicht.organisations.models import Region

# The languages of the staff interface: the page is stored in each.
STAFF_LANGUAGES = ("nl", "en")
# The nightly computation runs at this local hour, after the day's reports.
NIGHTLY_HOUR = 3


@dataclass(frozen=True)
class DarkPage:
    """What the page shows: the estimates, when they were computed (None: for this view)
    and whether newer data came in after that."""

    html: SafeString
    computed_at: datetime.datetime | None = None
    newer_data: bool = False


def dark_number_page(scope: Scope, *, full: bool) -> DarkPage:
    """The page's estimates of ``scope``: the stored ones where the worker computed them
    ahead, otherwise estimated now (or from the cache)."""
    if scope.municipality is None:
        stored = DarkNumberResult.objects.filter(
            region=scope.region,
            start=scope.start,
            end=scope.end,
            language=translation.get_language(),
            full=full,
        ).first()
        if stored is not None:
            return DarkPage(
                html=mark_safe(stored.html),  # noqa: S308 - rendered from our own template
                computed_at=stored.computed_at,
                newer_data=stored.data_key != figures_key(scope),
            )
    return DarkPage(html=dark_number_results(scope, full=full))


def dark_number_results(scope: Scope, *, full: bool) -> SafeString:
    """Every estimate of ``scope`` as HTML, from Django's cache; ``full`` for a viewer with
    need to know (who also sees the capture histories of small numbers)."""
    seconds = cache_seconds()
    key = f"monitor-dark:{int(full)}:{figures_key(scope)}"
    html = cache.get(key) if seconds > 0 else None
    if html is None:
        html = _render(scope, full=full)
        if seconds > 0:
            cache.set(key, html, seconds)
    return mark_safe(html)  # noqa: S308 - rendered from our own template, autoescaped


def _render(scope: Scope, *, full: bool) -> str:
    return _html(_estimates(scope), full=full)


def _estimates(scope: Scope) -> list:
    # numpy, scipy and pandas load only when an estimate is made: start-up time
    from zicht.monitor.darknumber import dark_numbers

    return dark_numbers(scope)


def _html(results: list, *, full: bool) -> str:
    """The estimates as the page shows them; without need to know, the capture histories of
    a small number of registered persons are left out (changes ``results``: render the full
    view first)."""
    for result in results:
        if not full and result.observed < internal_minimum():
            result.table = []  # a small number of registered persons is itself a small cell
    return render_to_string("monitor/_dark_results.html", {"results": results, "full": full})


def periods_ahead(today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The periods computed ahead: the page's default (this year so far) and last year."""
    return [
        (datetime.date(today.year, 1, 1), today),
        (datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)),
    ]


def compute_ahead(region: Region, today: datetime.date | None = None) -> int:
    """Compute and store the page of ``region`` for the periods ahead, in every staff
    language, for viewers with and without need to know; results of other periods (an
    earlier day's "this year so far") are removed. Returns the number stored."""
    today = today or timezone.localdate()
    periods = periods_ahead(today)
    stored = 0
    for start, end in periods:
        scope = Scope(region, start, end)
        for language in STAFF_LANGUAGES:
            with translation.override(language):
                key = figures_key(scope)
                results = _estimates(scope)  # once for both views: the full one first
                for full in (True, False):
                    DarkNumberResult.objects.update_or_create(
                        region=region,
                        start=start,
                        end=end,
                        language=language,
                        full=full,
                        defaults={
                            "html": _html(results, full=full),
                            "data_key": key,
                            "computed_at": timezone.now(),
                        },
                    )
                    stored += 1
    kept = DarkNumberResult.objects.filter(region=region)
    for start, end in periods:
        kept = kept.exclude(start=start, end=end)
    kept.delete()
    return stored


@task
def compute_dark_numbers(region_id: int) -> None:
    region = Region.objects.filter(pk=region_id).first()
    if region is not None:
        compute_ahead(region)


def compute_after_commit(region: Region) -> None:
    """Have the worker compute the region's page again once the current transaction
    (a linkage run, new victim records) has committed."""
    transaction.on_commit(lambda: compute_dark_numbers.enqueue(region.pk))


def regions_to_compute() -> list[Region]:
    return list(Region.objects.filter(cases__isnull=False).distinct())


def run_nightly(today: datetime.date | None = None) -> bool:
    """Tonight's computation for every region with cases, unless another chain of the
    nightly task did it already (False then, and no next night is enqueued: one chain)."""
    today = today or timezone.localdate()
    regions = regions_to_compute()
    start, end = periods_ahead(today)[0]
    done = DarkNumberResult.objects.filter(start=start, end=end, language=STAFF_LANGUAGES[0])
    if regions and done.filter(region__in=regions).values("region").distinct().count() == len(
        regions
    ):
        return False
    for region in regions:
        compute_ahead(region, today)
    schedule_nightly(today)
    return True


def next_night(today: datetime.date) -> datetime.datetime:
    tomorrow = today + datetime.timedelta(days=1)
    return datetime.datetime.combine(
        tomorrow, datetime.time(NIGHTLY_HOUR), tzinfo=timezone.get_default_timezone()
    )


def schedule_nightly(today: datetime.date | None = None) -> datetime.datetime | None:
    """Enqueue the nightly computation for the coming night; None where the task backend
    cannot defer a task (the tests' immediate backend)."""
    at = next_night(today or timezone.localdate())
    if not default_task_backend.supports_defer:
        return None
    nightly_dark_numbers.using(run_after=at).enqueue()
    return at


@task
def nightly_dark_numbers() -> None:
    run_nightly()
