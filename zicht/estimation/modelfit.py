"""One model fitted to one table, and the two methods that are one fit: a model fixed by the
analyst, and main effects only (all lists independent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import ndtri

from . import existence, loglinear
from .data import CaptureTable
from .fit import Fit, fit_one, fit_with_offset
from .profile import exact_interval, interpolated_interval
from .result import DEFAULT_LEVEL, Estimate, EstimationError


@dataclass(frozen=True)
class ModelFit:
    """A model fitted to one table, with the fit statistics that methods compare."""

    table: CaptureTable
    layout: loglinear.Layout
    fit: Fit

    @property
    def model(self) -> loglinear.Model:
        return self.layout.model

    @property
    def dark(self) -> float:
        return float(np.exp(self.fit.beta[0]))

    @property
    def estimate(self) -> float:
        return self.table.observed + self.dark

    @property
    def n_parameters(self) -> int:
        return self.layout.n_parameters

    @property
    def aic(self) -> float:
        return 2 * self.n_parameters - 2 * self.fit.loglik

    @property
    def bic(self) -> float:
        return self.n_parameters * np.log(self.table.observed) - 2 * self.fit.loglik

    @property
    def log_dark_se(self) -> float:
        return float(np.sqrt(self.fit.covariance[0, 0]))

    def wald_interval(self, level: float = DEFAULT_LEVEL) -> tuple[float, float]:
        """Normal interval for the log dark figure, mapped back and added to the observed."""
        q = ndtri(np.array([(1 - level) / 2, 1 - (1 - level) / 2]))
        with np.errstate(over="ignore"):
            dark = np.exp(self.fit.beta[0] + q * self.log_dark_se)
        return float(self.table.observed + dark[0]), float(self.table.observed + dark[1])

    def _profile_loglik(self, intercept: float) -> float:
        design = self.layout.design
        y = self.table.cell_counts()[self.layout.kept]
        fitted = fit_with_offset(
            design[:, 1:], y, np.full(len(y), intercept), beta_start=self.fit.beta[1:]
        )
        return fitted.loglik

    def profile_interval(
        self, level: float = DEFAULT_LEVEL, *, exact: bool = False
    ) -> tuple[float, float]:
        """Profile-likelihood interval for N (interpolated as R's confint, or exact roots)."""
        method = exact_interval if exact else interpolated_interval
        low, high = method(
            self._profile_loglik, float(self.fit.beta[0]), self.fit.loglik, self.log_dark_se, level
        )
        return self.table.observed + float(np.exp(low)), self.table.observed + float(np.exp(high))

    def infinite_term_names(self) -> list[str]:
        return [loglinear.term_name(self.table.lists, t) for t in self.layout.infinite_terms]


def model_code(table: CaptureTable, model: Sequence[int]) -> int:
    """Existence/identifiability code of a model on these data (0 = fine)."""
    y = table.cell_counts()
    lay = loglinear.layout(y, table.n_lists, model)
    return existence.check(lay.design, y[lay.kept])


def fit_model(
    table: CaptureTable,
    model: Sequence[int],
    *,
    check: bool = True,
    beta_start: np.ndarray | None = None,
) -> ModelFit:
    """Fit one model; with ``check`` refuse models without a unique finite estimate."""
    y = table.cell_counts()
    lay = loglinear.layout(y, table.n_lists, model)
    yk = y[lay.kept]
    if check:
        code = existence.check(lay.design, yk)
        if code:
            label = loglinear.model_label(lay.model, table.n_lists)
            reasons = []
            if code & existence.NOT_EXISTS:
                reasons.append("its maximum likelihood estimate does not exist")
            if code & existence.NOT_IDENTIFIABLE:
                reasons.append("it is not identifiable")
            raise EstimationError(f"model {label} cannot be fitted: {' and '.join(reasons)}")
    return ModelFit(table, lay, fit_one(lay.design, yk, beta_start=beta_start))


def estimate_from_fit(
    method: str, fitted: ModelFit, level: float, details: dict[str, Any] | None = None
) -> Estimate:
    """The :class:`Estimate` of a fitted model, without an interval: each method adds its own."""
    n = fitted.table.n_lists
    return Estimate(
        method=method,
        observed=fitted.table.observed,
        estimate=fitted.estimate,
        model=loglinear.model_label(fitted.model, n),
        model_terms=loglinear.model_terms_label(fitted.model, fitted.table.lists),
        interval=None,
        interval_kind=None,
        level=level,
        aic=fitted.aic,
        bic=fitted.bic,
        deviance=fitted.fit.deviance,
        n_parameters=fitted.n_parameters,
        infinite_terms=fitted.infinite_term_names(),
        intervals={"wald_given_model": fitted.wald_interval(level)},
        details=details or {},
    )


def fixed_model(
    table: CaptureTable, model: Sequence[int], *, level: float = DEFAULT_LEVEL
) -> Estimate:
    """A model chosen by the analyst, with Wald and profile intervals given that model."""
    fitted = fit_model(table, model)
    result = estimate_from_fit("fixed", fitted, level)
    result.intervals = {"wald": fitted.wald_interval(level)}
    try:
        result.intervals["profile"] = fitted.profile_interval(level)
        result.interval, result.interval_kind = result.intervals["profile"], "profile"
    except ValueError:
        result.interval, result.interval_kind = result.intervals["wald"], "wald"
    return result


def main_effects(table: CaptureTable, *, level: float = DEFAULT_LEVEL) -> Estimate:
    """Independence of all lists: the classical (and often too optimistic) baseline."""
    result = fixed_model(table, (), level=level)
    result.method = "main"
    return result
