"""The dark number: multiple systems estimation over the capture histories of the period's
unique presumed victims, with the estimation module's methods side by side.

The "lists" are the organisations whose reports mention a person (the report's source
when no organisation is recorded). With more than four lists the smaller ones are merged
into one list "other" (models over five or more lists take seconds to minutes to choose).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from zicht import estimation
from zicht.intake.vocabulary import ExploitationForm
from zicht.matching.clusters import capture_histories
from zicht.monitor import charts, dark_reading
from zicht.monitor.codes import UNKNOWN
from zicht.monitor.figures import Scope, person_frame

MAX_LISTS = 4
MIN_PERSONS = 20  # below this a stratum is not estimated


@dataclass
class DarkNumber:
    label: str
    observed: int
    lists: list[str]
    table: list[dict[str, Any]] = field(default_factory=list)  # capture histories
    estimates: list[estimation.Estimate] = field(default_factory=list)
    sensitivity: list[dict[str, Any]] = field(default_factory=list)  # dark_reading.rows
    headline: str = ""
    reading: str = ""
    svg: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.estimates)

    @property
    def table_rows(self) -> list[tuple[list[str], int]]:
        """Per combination of organisations (by name) the number of persons it registered."""
        return [
            ([name for name in self.lists if int(row[name])], int(row["count"]))
            for row in self.table
        ]

    @property
    def low(self) -> float | None:
        return min((e.estimate for e in self.estimates), default=None)

    @property
    def high(self) -> float | None:
        return max((e.estimate for e in self.estimates), default=None)


def _merge_small_lists(frame: pd.DataFrame) -> pd.DataFrame:
    sizes = frame.groupby("list")["cluster"].nunique().sort_values(ascending=False)
    if len(sizes) <= MAX_LISTS:
        return frame
    keep = set(sizes.index[: MAX_LISTS - 1])
    frame = frame.copy()
    frame["list"] = [name if name in keep else _("other") for name in frame["list"]]
    return frame


STRATUM_METHODS = ("main", "stepwise")  # model choice by BIC/AIC takes about a second each


def estimate_frame(
    frame: pd.DataFrame,
    label: str,
    *,
    bootstrap: int = 0,
    methods: tuple[str, ...] = estimation.METHODS,
) -> DarkNumber:
    """Estimate from a person frame (``cluster`` and ``list`` columns) with ``methods``."""
    frame = _merge_small_lists(frame[["cluster", "list"]].drop_duplicates())
    lists = sorted(frame["list"].unique()) if len(frame) else []
    observed = int(frame["cluster"].nunique()) if len(frame) else 0
    result = DarkNumber(label=label, observed=observed, lists=lists)
    if observed == 0:
        result.warnings.append(_("No presumed victims were registered in this period."))
        return result
    if len(lists) < 2:
        result.warnings.append(
            _(
                "Only one organisation registered presumed victims in this period. An estimate"
                " needs the overlap between at least two, and preferably three or more,"
                " organisations' registrations."
            )
        )
        return result
    if len(lists) < 3:
        result.warnings.append(
            _(
                "Only two organisations registered presumed victims. With two lists the"
                " estimate rests on the assumption that being registered by one organisation"
                " does not change the chance of being registered by the other, and the data"
                " cannot check that. Read the figure as an indication at most."
            )
        )
    if observed < MIN_PERSONS:
        result.warnings.append(
            _(
                "Fewer than %(n)s unique persons were registered: too few for a reliable"
                " estimate. No estimate is shown."
            )
            % {"n": MIN_PERSONS}
        )
        return result
    histories = capture_histories(frame, "cluster", "list")
    result.table = histories.to_dict("records")
    overlap = int(histories.loc[histories[lists].sum(axis=1) > 1, "count"].sum())
    if overlap == 0:
        result.warnings.append(
            _(
                "No person was registered by more than one organisation. Without overlap"
                " between the registrations the dark number cannot be estimated."
            )
        )
        return result
    try:
        table = estimation.table_from_frame(histories)
        estimates = estimation.compare(table, methods=methods, bootstrap=bootstrap, seed=2026)
    except (estimation.InputError, estimation.EstimationError) as error:
        result.warnings.append(
            _("The estimation could not be made on these data: %(reason)s") % {"reason": error}
        )
        return result
    if not estimates:
        result.warnings.append(
            _("No method could fit a model to these data: the table is too sparse.")
        )
        return result
    empty = sum(1 for row in result.table if row["count"] == 0)
    if overlap < 5 or empty:
        result.warnings.append(
            _(
                "Few persons were registered by more than one organisation (%(n)s): the"
                " table is sparse and the estimate uncertain."
            )
            % {"n": overlap}
        )
    result.estimates = estimates
    result.sensitivity = dark_reading.rows(estimates)
    result.headline = dark_reading.headline(estimates)
    result.reading = dark_reading.reading(estimates)
    result.svg = charts.estimates_chart(estimates)
    return result


def dark_numbers(scope: Scope) -> list[DarkNumber]:
    """The whole period first (every method), then per year (when the period spans several)
    and per exploitation form (main effects and stepwise only, for time), each where the data
    allow (otherwise with the reason why not)."""
    frame = person_frame(scope)
    results = [estimate_frame(frame, _("All presumed victims in the period"))]
    if len(frame) and len(scope.years) > 1:
        years = [ts.year for ts in frame["received_at"]]
        for year in scope.years:
            part = frame[[y == year for y in years]]
            results.append(estimate_frame(part, str(year), methods=STRATUM_METHODS))
    if len(frame):
        labels = dict(ExploitationForm.choices)
        for form in (ExploitationForm.SEXUAL, ExploitationForm.LABOUR, ExploitationForm.CRIMINAL):
            mask = [form in (forms or [UNKNOWN]) for forms in frame["forms"]]
            part = frame[mask]
            if len(part):
                results.append(estimate_frame(part, str(labels[form]), methods=STRATUM_METHODS))
    return results
