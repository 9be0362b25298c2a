"""Stepwise selection (SparseMSE, Chan, Silverman & Vincent 2021): add two-list interactions
by their Poisson p-value, the method behind the published Dutch and UK figures.
"""

from __future__ import annotations

import numpy as np
from scipy.special import pdtr, pdtrc

from . import loglinear
from .data import CaptureTable
from .modelfit import ModelFit, estimate_from_fit, fit_model, model_code
from .result import DEFAULT_LEVEL, Estimate

DEFAULT_THRESHOLD = 0.02


def _pair_p_value(n_star: float, lam: float) -> float:
    if lam <= 0:
        return 1.0 if n_star == 0 else 0.0
    # P(X <= n*) and P(X >= n*) for X ~ Poisson(lam)
    upper = 1.0 if n_star <= 0 else float(pdtrc(n_star - 1, lam))
    return min(float(pdtr(n_star, lam)), upper)


def stepwise_fit(table: CaptureTable, *, threshold: float = DEFAULT_THRESHOLD) -> ModelFit:
    """SparseMSE stepwise selection of two-list interactions.

    Start from main effects. For each pair not yet in the model compare the observed number
    of cases on both lists with its Poisson distribution under the current fit; add the pair
    with the smallest one-sided p-value while it is below ``threshold``, skipping pairs whose
    addition would give a model without a unique finite estimate (ties: first pair). On a
    table where some list has no cases it stays at main effects, as SparseMSE's does.
    """
    n = table.n_lists
    y = table.cell_counts()
    pairs = loglinear.interaction_terms(n, 2)
    n_star = loglinear.margins(y, n, pairs)
    contains = [loglinear.contains(n, p) for p in pairs]
    current = fit_model(table, ())  # refuses tables on which even main effects fail
    if np.any(loglinear.margins(y, n, [1 << i for i in range(n)]) == 0):
        # A list without cases: SparseMSE's existence check (checkident) keeps that list's
        # cells in its linear programme, where their margin 0 forces them to 0, so every
        # candidate fails and its stepwisefit stays at main effects (fitted without the check,
        # the empty list's effect going to -inf, as here). Bootstrap replicates of small lists
        # meet this; doing the same keeps them equal to SparseMSE's.
        return current
    chosen: list[int] = []
    while len(chosen) < len(pairs):
        mu_full = np.zeros(len(y))
        mu_full[current.layout.kept] = current.fit.mu
        p_values = []
        for k, pair in enumerate(pairs):
            if pair in chosen:
                continue
            lam = float(mu_full[contains[k]].sum())
            p_values.append((_pair_p_value(n_star[k], lam), k))
        p_values.sort()
        picked = None
        for p, k in p_values:
            if p >= threshold:
                break
            if model_code(table, [*chosen, pairs[k]]) == 0:
                picked = k
                break
        if picked is None:
            break
        chosen.append(pairs[picked])
        new_layout = loglinear.layout(y, n, chosen)
        start = _warm_start(current, new_layout)
        current = fit_model(table, chosen, check=False, beta_start=start)
    return current


def _warm_start(previous: ModelFit, new_layout: loglinear.Layout) -> np.ndarray | None:
    """Previous coefficients, 0 for a new column (when the columns line up)."""
    old_terms = previous.layout.fitted_terms
    new_terms = new_layout.fitted_terms
    old_columns = previous.layout.design.shape[1]
    if new_layout.design.shape[1] - len(new_terms) != old_columns - len(old_terms):
        return None
    start = np.zeros(new_layout.design.shape[1])
    base = old_columns - len(old_terms)
    start[:base] = previous.fit.beta[:base]
    for j, term in enumerate(new_terms):
        if term in old_terms:
            start[base + j] = previous.fit.beta[base + old_terms.index(term)]
    return start


def stepwise(
    table: CaptureTable, *, threshold: float = DEFAULT_THRESHOLD, level: float = DEFAULT_LEVEL
) -> Estimate:
    """Stepwise selection; the interval needs the bootstrap (see :mod:`.bootstrap`)."""
    fitted = stepwise_fit(table, threshold=threshold)
    return estimate_from_fit("stepwise", fitted, level, {"threshold": threshold})
