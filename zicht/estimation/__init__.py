"""Dark-number estimation by multiple systems estimation (MSE).

How many victims were never registered by any organisation? Given how many people appear on
each combination of lists (registers), Poisson log-linear models estimate the size of the
never-observed cell. Different, equally defensible models give very different answers, so
this package always offers every method side by side (:func:`compare`) with a plain-language
reading (:func:`reading`), and bootstrap intervals that include model selection.

Plain Python (numpy, scipy, pandas), no Django: the monitor, the command line
(``zicht-estimate``) and notebooks all use the same functions. See docs/estimation.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import bootstrap as _bootstrap
from . import loglinear, modelfit, search, stepwise
from .data import (
    CaptureTable,
    InputError,
    read_records,
    read_table,
    strata_from_records,
    table_from_frame,
    table_from_records,
)
from .report import reading, sensitivity_table, svg_plot, to_json, to_text
from .result import Estimate, EstimationError
from .stepwise import DEFAULT_THRESHOLD
from .stratified import StratifiedResult
from .stratified import estimate_strata as _estimate_strata

if TYPE_CHECKING:
    import pandas as pd

METHODS = ("main", "stepwise", "bic", "aic")

__all__ = [
    "METHODS",
    "CaptureTable",
    "Estimate",
    "EstimationError",
    "InputError",
    "StratifiedResult",
    "check_model",
    "compare",
    "estimate",
    "estimate_strata",
    "read_table",
    "reading",
    "sensitivity_table",
    "svg_plot",
    "table_from_frame",
    "table_from_records",
    "to_json",
    "to_text",
]


def _validate(method: str, threshold: float, level: float, bootstrap: int) -> None:
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose from {', '.join(METHODS)}")
    if not 0 <= threshold < 1:
        raise ValueError("the stepwise threshold must be at least 0 and below 1")
    if not 0 < level < 1:
        raise ValueError("the interval level must lie between 0 and 1")
    if bootstrap < 0:
        raise ValueError("the number of bootstrap replicates cannot be negative")


def estimate(
    table: CaptureTable,
    *,
    method: str = "stepwise",
    threshold: float = DEFAULT_THRESHOLD,
    max_order: int | None = None,
    bootstrap: int = 0,
    seed: int | None = None,
    level: float = 0.95,
    workers: int | None = None,
) -> Estimate:
    """Estimate the total population (registered + never registered) with one method.

    ``main`` assumes the lists are independent (profile-likelihood interval); ``stepwise``
    adds two-list interactions by Poisson p-value below ``threshold`` (SparseMSE, the method
    behind the published Dutch and UK figures); ``bic``/``aic`` pick the best of all
    hierarchical models up to ``max_order``. Models chosen from the data only get an interval
    from the bootstrap (``bootstrap`` replicates, BCa, selection redone per replicate,
    reproducible through ``seed``), because an interval given the chosen model would hide the
    uncertainty of the choice.
    """
    _validate(method, threshold, level, bootstrap)
    if max_order is not None and not 1 <= max_order < table.n_lists:
        raise ValueError(f"max order must be between 1 and {table.n_lists - 1}")
    if method == "main":
        result = modelfit.main_effects(table, level=level)
    elif method == "stepwise":
        result = stepwise.stepwise(table, threshold=threshold, level=level)
    else:
        result = search.information_criterion(
            table, max_order=max_order, criterion=method, level=level
        )
    if bootstrap > 0:
        selector = _bootstrap.Selector(method, threshold=threshold, max_order=max_order)
        boot = _bootstrap.bca(
            table, selector, n_boot=bootstrap, seed=seed, level=level, workers=workers
        )
        result.details["bootstrap"] = boot.to_dict()
        if boot.interval is not None:
            result.intervals["bca"] = boot.interval
            if method != "main":
                result.interval, result.interval_kind = boot.interval, "bca"
    return result


def compare(
    table: CaptureTable,
    *,
    methods: Sequence[str] = METHODS,
    threshold: float = DEFAULT_THRESHOLD,
    max_order: int | None = None,
    bootstrap: int = 0,
    seed: int | None = None,
    level: float = 0.95,
    workers: int | None = None,
) -> list[Estimate]:
    """Every method side by side: the sensitivity of the estimate to the method.

    A method that cannot produce an estimate on these data is left out (its reason is in the
    exception it would raise from :func:`estimate`).
    """
    results = []
    for method in methods:
        try:
            results.append(
                estimate(
                    table,
                    method=method,
                    threshold=threshold,
                    max_order=max_order,
                    bootstrap=bootstrap,
                    seed=seed,
                    level=level,
                    workers=workers,
                )
            )
        except EstimationError:
            continue
    return results


def check_model(table: CaptureTable, *, model: str) -> int:
    """Existence/identifiability code of a model written as ``[12,3]`` or ``A:B + C:D``:
    0 fine, 1 no finite maximum likelihood estimate, 2 not identifiable, 3 both."""
    return modelfit.model_code(table, loglinear.parse_model(model, table.lists))


def estimate_strata(
    records: pd.DataFrame | str | Path,
    *,
    lists: Sequence[str],
    by: Sequence[str],
    method: str = "stepwise",
    threshold: float = DEFAULT_THRESHOLD,
    max_order: int | None = None,
    bootstrap: int = 0,
    seed: int | None = None,
    level: float = 0.95,
    workers: int | None = None,
) -> StratifiedResult:
    """Separate estimates per combination of covariates (e.g. ``by=["year"]``) from
    individual records (one row per person, a 0/1 column per list), and their sum."""
    _validate(method, threshold, level, bootstrap)
    frame = read_records(records) if isinstance(records, str | Path) else records
    tables = strata_from_records(frame, lists=lists, by=by)
    selector = _bootstrap.Selector(method, threshold=threshold, max_order=max_order)

    def one(table: CaptureTable) -> Estimate:
        return estimate(table, method=method, threshold=threshold, max_order=max_order, level=level)

    return _estimate_strata(
        tables,
        by=tuple(by),
        estimate_one=one,
        selector=selector,
        n_boot=bootstrap,
        seed=seed,
        level=level,
        workers=workers,
    )
