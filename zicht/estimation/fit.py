"""Maximum likelihood for Poisson log-linear models, many at once.

Model selection fits thousands of small models (63 cells and at most ~40 parameters for six
lists), so the per-call overhead of a general GLM routine dominates. This module fits a whole
batch of models in one vectorised Newton iteration (for the canonical log link Newton is the
same as iteratively reweighted least squares): designs are stacked in a 3-d array, padded
with zero columns (kept out of the solve by a unit diagonal) and zero rows (cells removed from
a model get weight 0).

The first step is R's ``glm.fit`` start (weighted least squares from ``mu = y + 0.1``), then
Newton steps with step halving whenever the likelihood would decrease, until the relative
change in deviance is below ``tol`` (default 1e-12, stricter than R's 1e-8 so that results
agree with R to far more digits than the tests ask for).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln


@dataclass(frozen=True)
class BatchFit:
    """Results for a batch of fits; arrays have the batch as first axis."""

    beta: np.ndarray  # (B, p) coefficients (0 in padded columns)
    mu: np.ndarray  # (B, n) fitted means (0 on removed cells)
    loglik: np.ndarray  # (B,) Poisson log-likelihood over the kept cells
    deviance: np.ndarray  # (B,)
    converged: np.ndarray  # (B,) bool
    iterations: np.ndarray  # (B,)


def poisson_loglik(y: np.ndarray, mu: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Full Poisson log-likelihood (with the log y! term), summed over the last axis."""
    with np.errstate(divide="ignore", invalid="ignore"):
        term = np.where(y > 0, y * np.log(np.where(mu > 0, mu, 1.0)), 0.0) - mu - gammaln(y + 1)
    return (term * weight).sum(axis=-1)


def poisson_deviance(y: np.ndarray, mu: np.ndarray, weight: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(y > 0, y * np.log(np.where(y > 0, y, 1.0) / mu), 0.0)
    return 2.0 * ((ratio - (y - mu)) * weight).sum(axis=-1)


def _solve(h: np.ndarray, g: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.solve(h, g[..., None])[..., 0]
    except np.linalg.LinAlgError:
        return np.einsum("bij,bj->bi", np.linalg.pinv(h), g)


def fit_batch(
    design: np.ndarray,
    y: np.ndarray,
    weight: np.ndarray,
    column_mask: np.ndarray | None = None,
    *,
    beta_start: np.ndarray | None = None,
    tol: float = 1e-12,
    max_iter: int = 100,
) -> BatchFit:
    """Fit ``B`` Poisson log-linear models.

    design: (B, n, p) with zeros in padded columns; y: (n,) or (B, n) counts; weight: (B, n)
    with 1 for cells in the model and 0 for removed cells; column_mask: (B, p), True for real
    columns. Every design must have full column rank on its kept cells (check first with
    :mod:`zicht.estimation.existence`).
    """
    design = np.asarray(design, dtype=float)
    n_batch, n_cells, n_par = design.shape
    y = np.broadcast_to(np.asarray(y, dtype=float), (n_batch, n_cells))
    weight = np.asarray(weight, dtype=float)
    if column_mask is None:
        column_mask = np.ones((n_batch, n_par), dtype=bool)
    pad = np.zeros((n_batch, n_par, n_par))
    idx = np.arange(n_par)
    pad[:, idx, idx] = ~column_mask
    design_t = design.transpose(0, 2, 1)

    if beta_start is None:
        mu0 = (y + 0.1) * weight
        z = np.log(y + 0.1) + (y - (y + 0.1)) / (y + 0.1)
        h = design_t @ (design * mu0[:, :, None]) + pad
        beta = _solve(h, np.einsum("bpn,bn->bp", design_t, mu0 * z))
    else:
        beta = np.array(np.broadcast_to(beta_start, (n_batch, n_par)), dtype=float)
    beta = np.where(column_mask, beta, 0.0)

    def evaluate(b: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with np.errstate(over="ignore"):
            m = np.exp(np.einsum("bnp,bp->bn", design[rows], b)) * weight[rows]
        return m, poisson_loglik(y[rows], m, weight[rows])

    all_rows = np.arange(n_batch)
    mu, loglik = evaluate(beta, all_rows)
    converged = np.zeros(n_batch, dtype=bool)
    iterations = np.zeros(n_batch, dtype=int)
    active = all_rows
    for _ in range(max_iter):
        if active.size == 0:
            break
        d = design[active]
        m = mu[active]
        g = np.einsum("bpn,bn->bp", design_t[active], y[active] - m)
        h = design_t[active] @ (d * m[:, :, None]) + pad[active]
        step = _solve(h, g)
        old_ll = loglik[active]
        scale = np.ones(active.size)
        new_beta = beta[active] + step
        new_mu, new_ll = evaluate(new_beta, active)
        for _halving in range(40):
            worse = ~np.isfinite(new_ll) | (new_ll < old_ll - 1e-12 * np.abs(old_ll))
            if not worse.any():
                break
            scale[worse] /= 2
            rows = active[worse]
            new_beta[worse] = beta[rows] + scale[worse, None] * step[worse]
            new_mu[worse], new_ll[worse] = evaluate(new_beta[worse], rows)
        beta[active] = new_beta
        mu[active] = new_mu
        loglik[active] = new_ll
        iterations[active] += 1
        change = np.abs(new_ll - old_ll) / (np.abs(new_ll) + 0.1)
        small_step = np.max(np.abs(scale[:, None] * step), axis=1) < 1e-10
        done = (change < tol) | small_step
        converged[active[done]] = True
        active = active[~done]
    deviance = poisson_deviance(y, mu, weight)
    return BatchFit(beta, mu, loglik, deviance, converged, iterations)


@dataclass(frozen=True)
class Fit:
    """One fitted model on its kept cells."""

    beta: np.ndarray
    covariance: np.ndarray
    mu: np.ndarray
    loglik: float
    deviance: float
    converged: bool


def fit_one(
    design: np.ndarray,
    y: np.ndarray,
    *,
    offset: np.ndarray | None = None,
    beta_start: np.ndarray | None = None,
    tol: float = 1e-12,
) -> Fit:
    """Fit a single model (design restricted to kept cells) and return its covariance too.

    A single model does not need the batch machinery: plain Newton steps on 2-d arrays are
    several times cheaper for one small model (the stepwise search fits one at a time).
    """
    if offset is None:
        offset = np.zeros(len(y))
    return fit_with_offset(design, y, offset, beta_start=beta_start, tol=tol)


def fit_with_offset(
    design: np.ndarray,
    y: np.ndarray,
    offset: np.ndarray,
    *,
    beta_start: np.ndarray | None = None,
    tol: float = 1e-12,
    max_iter: int = 200,
) -> Fit:
    """Newton fit of ``log mu = offset + design @ beta`` (used for profile likelihoods)."""
    p = design.shape[1]
    beta = np.zeros(p) if beta_start is None else np.array(beta_start, dtype=float)
    if beta_start is None:
        mu0 = y + 0.1
        z = np.log(mu0) - offset + (y - mu0) / mu0
        beta = np.linalg.lstsq(design * np.sqrt(mu0)[:, None], z * np.sqrt(mu0), rcond=None)[0]
    ones = np.ones(len(y))

    def state(b: np.ndarray) -> tuple[np.ndarray, float]:
        with np.errstate(over="ignore"):
            m = np.exp(offset + design @ b)
        return m, float(poisson_loglik(y, m, ones))

    mu, ll = state(beta)
    converged = False
    for _ in range(max_iter):
        g = design.T @ (y - mu)
        h = design.T @ (design * mu[:, None])
        step = np.linalg.solve(h, g)
        scale = 1.0
        new_beta = beta + step
        new_mu, new_ll = state(new_beta)
        while (not np.isfinite(new_ll) or new_ll < ll - 1e-12 * abs(ll)) and scale > 1e-12:
            scale /= 2
            new_beta = beta + scale * step
            new_mu, new_ll = state(new_beta)
        change = abs(new_ll - ll) / (abs(new_ll) + 0.1)
        beta, mu, ll = new_beta, new_mu, new_ll
        if change < tol or np.max(np.abs(scale * step)) < 1e-10:
            converged = True
            break
    information = design.T @ (design * mu[:, None])
    covariance = np.linalg.inv(information)
    deviance = float(poisson_deviance(y, mu, ones))
    return Fit(beta, covariance, mu, ll, deviance, converged)
