"""The estimates of the dark-number page, rendered and kept in Django's cache.

The page's first load cost seconds: importing numpy, scipy and pandas (most of it, on a busy
machine) and estimating every method for the period, each year and each form (about half a
second for the demo's three years; docs/benchmarks.md). The rendered estimates are cached
under the dashboard's key (scope, language, the region's latest linkage run, the newest
report) and whether the viewer sees small numbers, so a view from the cache imports none
of those libraries and estimates nothing.
"""

from __future__ import annotations

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from zicht.monitor.disclosure import internal_minimum
from zicht.monitor.figures import Scope, cache_seconds, figures_key


def dark_number_results(scope: Scope, *, full: bool) -> SafeString:
    """Every estimate of ``scope`` as HTML; ``full`` for a viewer with need to know (who
    also sees the capture histories of small numbers)."""
    seconds = cache_seconds()
    key = f"monitor-dark:{int(full)}:{figures_key(scope)}"
    html = cache.get(key) if seconds > 0 else None
    if html is None:
        html = _render(scope, full=full)
        if seconds > 0:
            cache.set(key, html, seconds)
    return mark_safe(html)  # noqa: S308 - rendered from our own template, autoescaped


def _render(scope: Scope, *, full: bool) -> str:
    # numpy, scipy and pandas load only when an estimate is made: start-up time
    from zicht.monitor.darknumber import dark_numbers

    results = dark_numbers(scope)
    for result in results:
        if not full and result.observed < internal_minimum():
            result.table = []  # a small number of registered persons is itself a small cell
    return render_to_string("monitor/_dark_results.html", {"results": results, "full": full})
