"""Maximum likelihood for Poisson log-linear models, one at a time or thousands at once.

Model selection fits thousands of small models (63 cells and at most ~40 parameters for six
lists), so the per-call overhead of a general GLM routine dominates. :func:`fit_batch` fits a
whole batch in one vectorised Newton iteration (for the canonical log link Newton is the same
as iteratively reweighted least squares). All models are column subsets of one 0/1 design
(:class:`Lattice`), so ``X' diag(mu) X`` and ``X' y`` are read off superset sums of the
fitted and observed tables instead of being multiplied out; each model's system is gathered
into a small padded matrix (unit diagonal on the padding) and all are solved together. Cells
removed from a model (minus-infinity terms) get weight 0.

The first step is R's ``glm.fit`` start (weighted least squares from ``mu = y + 0.1``) or a
given warm start, then Newton steps with step halving whenever the likelihood would decrease,
until the relative change in log-likelihood is below ``tol``. :func:`fit_one` does the same
for a single model on 2-d arrays and also returns the covariance (inverse information).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import gammaln


@dataclass(frozen=True)
class BatchFit:
    """Results for a batch of fits; arrays have the batch as first axis."""

    beta: np.ndarray  # (B, P) coefficients over all candidate columns (0 where absent)
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


def superset_sums(values: np.ndarray, n_lists: int) -> np.ndarray:
    """For each subset s of the lists, the sum of ``values[c]`` over all cells c containing s.

    ``values`` has the 2**t cells (code 0 included) on its last axis. This is the zeta
    transform over the subset lattice: t vectorised passes, O(t 2**t) per row.
    """
    out = np.array(values, dtype=float, copy=True)
    lead = out.shape[:-1]
    for i in range(n_lists):
        view = out.reshape(*lead, 2 ** (n_lists - 1 - i), 2, 2**i)
        view[..., 0, :] += view[..., 1, :]
    return out


class Lattice:
    """Shared structure for fitting many models that are column subsets of one design.

    With 0/1 designs, every entry of ``X' diag(mu) X`` is the fitted total of the cells that
    contain the union of two terms, and ``X' y`` is the observed margin of each term; both are
    read off the superset sums of ``mu`` and ``y``. A Newton step then costs O(t 2**t + P**3)
    per model instead of O(n P**2).
    """

    def __init__(self, n_lists: int, terms: Sequence[int] | np.ndarray):
        self.n_lists = n_lists
        self.terms = np.asarray(terms, dtype=np.int64)  # (P,) bit masks, intercept first
        codes = np.arange(1, 2**n_lists, dtype=np.int64)
        self.design = ((codes[:, None] & self.terms[None, :]) == self.terms[None, :]).astype(float)
        self.unions = self.terms[:, None] | self.terms[None, :]

    def with_dark(self, cells: np.ndarray) -> np.ndarray:
        """Prepend a zero for the unobserved cell (code 0)."""
        lead = cells.shape[:-1]
        return np.concatenate([np.zeros((*lead, 1)), cells], axis=-1)

    def gram(self, cell_weights: np.ndarray) -> np.ndarray:
        """``X' diag(w) X`` for a batch of cell weight vectors (B, n) -> (B, P, P)."""
        sums = superset_sums(self.with_dark(cell_weights), self.n_lists)
        return sums[:, self.unions]

    def margins(self, cell_values: np.ndarray) -> np.ndarray:
        """``X' v`` for a batch (B, n) -> (B, P)."""
        sums = superset_sums(self.with_dark(cell_values), self.n_lists)
        return sums[:, self.terms]


def _solve(h: np.ndarray, g: np.ndarray) -> np.ndarray:
    try:
        return np.linalg.solve(h, g[..., None])[..., 0]
    except np.linalg.LinAlgError:
        return np.einsum("bij,bj->bi", np.linalg.pinv(h), g)


def fit_batch(
    lattice: Lattice,
    y: np.ndarray,
    weight: np.ndarray,
    columns: np.ndarray,
    *,
    beta_start: np.ndarray | None = None,
    tol: float = 1e-12,
    max_iter: int = 100,
) -> BatchFit:
    """Fit ``B`` Poisson log-linear models that use subsets of the lattice's columns.

    y: (n,) counts, zero on every removed cell; weight: (B, n), 1 for cells in the model and 0
    for removed cells; columns: (B, P) bool, the columns of each model. Every model must have
    full column rank on its kept cells (check first with :mod:`zicht.estimation.existence`).
    Models are grouped by their number of columns so that each group is solved with compact
    (k x k) systems. ``beta_start`` (B, P), e.g. the fit to the original data when fitting a
    bootstrap replicate, replaces R's start and saves a few iterations.
    """
    y = np.asarray(y, dtype=float)
    weight = np.asarray(weight, dtype=float)
    columns = np.asarray(columns, dtype=bool)
    n_batch, n_par = columns.shape
    beta = np.zeros((n_batch, n_par))
    mu = np.zeros(weight.shape)
    loglik = np.zeros(n_batch)
    converged = np.zeros(n_batch, dtype=bool)
    iterations = np.zeros(n_batch, dtype=int)
    sizes = columns.sum(axis=1)
    # one padded group per call is cheapest for a few thousand models (fewer Python-level
    # iterations); very large batches are split by size to keep the systems small
    groups = (
        [np.arange(n_batch)]
        if n_batch <= 8192
        else [np.flatnonzero(sizes == k) for k in np.unique(sizes)]
    )
    for rows in groups:
        k = int(sizes[rows].max())
        order = np.argsort(~columns[rows], axis=1, kind="stable")[:, :k]
        valid = np.take_along_axis(columns[rows], order, 1)
        index = np.where(valid, order, 0)
        start = None if beta_start is None else np.take_along_axis(beta_start[rows], index, 1)
        part = _fit_compact(
            lattice, y, weight[rows], index, valid, beta_start=start, tol=tol, max_iter=max_iter
        )
        beta[rows] = part[0]
        mu[rows], loglik[rows], converged[rows], iterations[rows] = part[1:]
    deviance = poisson_deviance(y[None], mu, weight)
    return BatchFit(beta, mu, loglik, deviance, converged, iterations)


def _fit_compact(
    lattice: Lattice,
    y: np.ndarray,
    weight: np.ndarray,
    index: np.ndarray,
    valid: np.ndarray,
    *,
    beta_start: np.ndarray | None,
    tol: float,
    max_iter: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Newton fits of models whose columns are ``index[valid]`` (B, k); invalid slots are
    padding, kept at zero by a unit diagonal.

    The superset sums of each model get two extra entries, 0 and 1, so that the Hessian and
    gradient of every model are one flat ``take`` from precomputed positions (padding points
    at the 0 entry off the diagonal and at the 1 entry on it).
    """
    n_batch, k = index.shape
    n_cells = 2**lattice.n_lists
    width = n_cells + 2
    zero_slot, one_slot = n_cells, n_cells + 1
    unions = lattice.unions[index[:, :, None], index[:, None, :]]
    pair_valid = valid[:, :, None] & valid[:, None, :]
    unions = np.where(pair_valid, unions, zero_slot)
    diagonal = np.arange(k)
    unions[:, diagonal, diagonal] = np.where(valid, unions[:, diagonal, diagonal], one_slot)
    term_codes = np.where(valid, lattice.terms[index], zero_slot)
    observed_sums = superset_sums(np.concatenate([[0.0], y]), lattice.n_lists)
    observed = np.append(observed_sums, [0.0, 0.0])[term_codes]
    log_factorial = gammaln(y + 1)
    design_t = lattice.design.T

    def extended_sums(values: np.ndarray) -> np.ndarray:
        out = np.empty((values.shape[0], width))
        out[:, 0] = 0.0
        out[:, 1:n_cells] = values
        out[:, zero_slot] = 0.0
        out[:, one_slot] = 1.0
        for i in range(lattice.n_lists):
            view = out[:, :n_cells].reshape(-1, 2 ** (lattice.n_lists - 1 - i), 2, 2**i)
            view[:, :, 0, :] += view[:, :, 1, :]
        return out

    def to_full(compact: np.ndarray, idx: np.ndarray, ok: np.ndarray) -> np.ndarray:
        full = np.zeros((compact.shape[0], len(lattice.terms)))
        rows, slots = np.nonzero(ok)
        full[rows, idx[rows, slots]] = compact[rows, slots]
        return full

    y_log_factorial = weight @ log_factorial  # per model: sum of log y! over its cells

    def evaluate(
        b_c: np.ndarray, idx: np.ndarray, ok: np.ndarray, w: np.ndarray, rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        # on kept cells log(mu) is the linear predictor itself: no log needed
        with np.errstate(over="ignore", invalid="ignore"):
            eta = to_full(b_c, idx, ok) @ design_t
            m = np.exp(eta) * w
            ll = ((y * eta - m) * w).sum(axis=1) - y_log_factorial[rows]
        return m, np.where(np.isfinite(ll), ll, -np.inf)

    if beta_start is not None and np.all(np.isfinite(beta_start)):
        beta_c = np.array(beta_start, dtype=float) * valid
    else:
        # R's glm.fit start: one weighted least-squares step from mu = y + 0.1
        mu0 = (y + 0.1)[None] * weight
        z = np.log(y + 0.1) + (y - (y + 0.1)) / (y + 0.1)
        s0 = extended_sums(mu0)
        s1 = extended_sums(mu0 * z[None])
        h = np.take_along_axis(s0, unions.reshape(n_batch, -1), 1).reshape(n_batch, k, k)
        beta_c = _solve(h, np.take_along_axis(s1, term_codes, 1) * valid)

    mu, loglik = evaluate(beta_c, index, valid, weight, np.arange(n_batch))
    converged = np.zeros(n_batch, dtype=bool)
    iterations = np.zeros(n_batch, dtype=int)
    # working copies for the rows still iterating; compacted when half of them are done
    active = np.arange(n_batch)
    a_unions = unions.reshape(n_batch, -1)
    a_terms, a_index, a_valid, a_weight = term_codes, index, valid, weight
    a_observed, a_beta, a_mu, a_ll = observed, beta_c.copy(), mu.copy(), loglik.copy()
    a_done = np.zeros(n_batch, dtype=bool)
    for _ in range(max_iter):
        flat = extended_sums(a_mu).ravel()
        offsets = (np.arange(len(active)) * width)[:, None]
        g = a_observed - np.take(flat, a_terms + offsets)
        h = np.take(flat, a_unions + offsets).reshape(-1, k, k)
        step = _solve(h, g) * a_valid
        step[a_done] = 0.0
        scale = np.ones(len(active))
        new_beta = a_beta + step
        new_mu, new_ll = evaluate(new_beta, a_index, a_valid, a_weight, active)
        for _halving in range(40):
            worse = ~a_done & (~np.isfinite(new_ll) | (new_ll < a_ll - 1e-12 * np.abs(a_ll)))
            if not worse.any():
                break
            scale[worse] /= 2
            new_beta[worse] = a_beta[worse] + scale[worse, None] * step[worse]
            new_mu[worse], new_ll[worse] = evaluate(
                new_beta[worse], a_index[worse], a_valid[worse], a_weight[worse], active[worse]
            )
        change = np.abs(new_ll - a_ll) / (np.abs(new_ll) + 0.1)
        largest = np.max(np.abs(scale[:, None] * step), axis=1)
        # converged: the likelihood stopped changing and the last correction was small (so,
        # Newton converging quadratically, the coefficients are now accurate to ~1e-6),
        # or the correction itself is negligible
        newly = ~a_done & (((change < tol) & (largest < 1e-3)) | (largest < 1e-10))
        iterations[active[~a_done]] += 1
        a_beta, a_mu, a_ll = new_beta, new_mu, new_ll
        a_done |= newly
        if a_done.all():
            break
        if a_done.mean() > 0.5:
            finished = active[a_done]
            beta_c[finished], mu[finished], loglik[finished] = (
                a_beta[a_done],
                a_mu[a_done],
                a_ll[a_done],
            )
            converged[finished] = True
            keep = ~a_done
            active = active[keep]
            a_unions, a_terms, a_index, a_valid = (
                a_unions[keep],
                a_terms[keep],
                a_index[keep],
                a_valid[keep],
            )
            a_weight, a_observed = a_weight[keep], a_observed[keep]
            a_beta, a_mu, a_ll = a_beta[keep], a_mu[keep], a_ll[keep]
            a_done = np.zeros(len(active), dtype=bool)
    beta_c[active], mu[active], loglik[active] = a_beta, a_mu, a_ll
    converged[active] = a_done
    return to_full(beta_c, index, valid), mu, loglik, converged, iterations


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
