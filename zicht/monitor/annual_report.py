"""The annual report (jaarbeeld) for the regional safety council and the municipal councils.

Everything is filtered on the calendar year, nothing depends on the day it is made:
running it again for a past year gives the same report (as long as the registrations of
that year are unchanged). It is meant for readers without need to know, so the public
minimum cell size applies throughout.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from zicht.monitor import charts
from zicht.monitor.darknumber import dark_numbers
from zicht.monitor.disclosure import protect_count, public_minimum, show, show_care
from zicht.monitor.figures import Scope, baseline_progress, overview
from zicht.monitor.models import Interpretation
from zicht.organisations.models import Municipality, Region


def annual_context(region: Region, year: int, municipality: Municipality | None = None) -> dict:
    scope = Scope.year(region, year, municipality)
    minimum = public_minimum()
    data = overview(scope, trend_by="month")
    shown = [show(figure, minimum) for figure in data.figures]
    trend = show(data.trend, minimum)
    results = dark_numbers(scope)
    handling = data.handling
    care = show_care(data.care, minimum)

    def median(value, n):
        return value if n >= minimum else None

    return {
        "scope": scope,
        "year": year,
        "region": region,
        "municipality": municipality,
        "minimum": minimum,
        "headline": {
            "reports": protect_count(data.reports, minimum),
            "cases": protect_count(data.cases, minimum),
            "unique_persons": protect_count(data.persons.unique, minimum),
            "person_records": protect_count(data.persons.records, minimum),
        },
        "panels": [{"figure": f, "svg": charts.bar_chart(f)} for f in shown],
        "trend": trend,
        "trend_svg": charts.line_chart(trend),
        "handling": {
            "to_hub": median(handling.to_hub_days, handling.to_hub_n),
            "to_first_action": median(handling.to_first_action_days, handling.to_first_action_n),
            "feedback_due": protect_count(handling.feedback_due, minimum),
            "feedback_overdue": protect_count(handling.feedback_overdue, minimum),
        },
        "care": care,
        "care_panels": [{"figure": f, "svg": charts.bar_chart(f)} for f in care.figures],
        "enforcement_panels": [
            {"figure": f, "svg": charts.bar_chart(f)}
            for f in (show(figure, minimum) for figure in data.enforcement)
        ],
        "baseline": baseline_progress(scope),
        "dark": results[0],
        "dark_strata": [r for r in results[1:] if r.ok],
        "interpretations": Interpretation.objects.filter(
            region=region,
            municipality=municipality,
            period_start__lte=scope.end,
            period_end__gte=scope.start,
        ).order_by("period_start", "created_at"),
    }


def render_annual_report(
    region: Region, year: int, municipality: Municipality | None = None
) -> bytes:
    from weasyprint import HTML  # loads when a report is made: start-up time

    html = render_to_string(
        "monitor/annual_report.html", annual_context(region, year, municipality)
    )
    return HTML(string=html).write_pdf()
