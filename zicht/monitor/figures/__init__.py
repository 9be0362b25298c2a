"""The monitor's figures: one plain function per figure, over QuerySets, aggregated in the
database. Every function takes a :class:`Scope` (a region or one municipality and a period)
and returns a :class:`Figure` (category -> count) or a number; nothing here knows who is
looking (disclosure control is applied afterwards, in disclosure.py).

By subject:

- ``scope.py``: :class:`Scope` and :class:`Figure`, shared by every subject;
- ``reports.py``: the report figures (forms, sectors, source, municipality, trend) from one
  report tally, with the report months (report_months.py) for whole months;
- ``persons.py``: the person figures (unique presumed victims by sex, age, nationality,
  exploitation form) from the victim records (victim_records.py), and the person frame of
  the dark number;
- ``handling.py``: the case figures (follow-up actions, closures) and the handling times;
- ``care.py``: the care figures (victims in care, days to care, trajectories closed by
  outcome, re-victimisation), from the care trajectories' history;
- ``baseline.py``: the municipalities' progress on the baseline (VNG plateaus), from
  zicht.baseline; about municipalities, not persons;
- ``overview.py``: every figure of a dashboard page, and its cache.

The names below are the public face; other code imports them from ``zicht.monitor.figures``.
"""

from zicht.monitor.figures.baseline import BaselineProgress, BaselineRow, baseline_progress
from zicht.monitor.figures.care import CareFigures, care_figures, closed_by_outcome
from zicht.monitor.figures.handling import (
    HandlingTimes,
    action_tally,
    actions_by_kind,
    actions_by_status,
    case_count,
    cases,
    closure_reasons,
    handling_times,
    median_days,
)
from zicht.monitor.figures.overview import (
    Overview,
    cache_seconds,
    cached_overview,
    figures_key,
    overview,
)
from zicht.monitor.figures.persons import (
    AGE_BANDS,
    PersonFigures,
    age_at,
    age_band,
    border_of,
    domestic_or_cross_border,
    nationality_group,
    person_figures,
    person_frame,
    person_record_count,
    presumed_victims,
    unique_person_count,
)
from zicht.monitor.figures.reports import (
    ReportTally,
    by_exploitation_form,
    by_municipality,
    by_sector,
    by_source,
    period_reports,
    report_count,
    report_tally,
    tally_of,
    trend,
)
from zicht.monitor.figures.scope import Figure, Scope

__all__ = [
    "AGE_BANDS",
    "BaselineProgress",
    "BaselineRow",
    "CareFigures",
    "Figure",
    "HandlingTimes",
    "Overview",
    "PersonFigures",
    "ReportTally",
    "Scope",
    "action_tally",
    "actions_by_kind",
    "actions_by_status",
    "age_at",
    "age_band",
    "baseline_progress",
    "border_of",
    "by_exploitation_form",
    "by_municipality",
    "by_sector",
    "by_source",
    "cache_seconds",
    "cached_overview",
    "care_figures",
    "case_count",
    "cases",
    "closed_by_outcome",
    "closure_reasons",
    "domestic_or_cross_border",
    "figures_key",
    "handling_times",
    "median_days",
    "nationality_group",
    "overview",
    "period_reports",
    "person_figures",
    "person_frame",
    "person_record_count",
    "presumed_victims",
    "report_count",
    "report_tally",
    "tally_of",
    "trend",
    "unique_person_count",
]
