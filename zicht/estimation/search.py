"""Information-criterion search over all hierarchical models (methods ``bic`` and ``aic``).

Every hierarchical model up to an interaction order is fitted in batches
(:func:`.fit.fit_batch`); the models without a unique finite estimate are dropped and the rest
are ranked by BIC or AIC. :func:`best_estimate` is the short way the bootstrap takes.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import existence, loglinear
from .data import CaptureTable
from .fit import Lattice, fit_batch
from .modelfit import estimate_from_fit, fit_model
from .result import DEFAULT_LEVEL, Estimate, EstimationError

# relative change in log-likelihood at which the fits of a model search stop (together with a
# last Newton correction below 1e-3, see fit.py), as R's glm.fit stops at a relative change in
# deviance of 1e-8; estimates and BIC then agree with a fit to full precision to ~1e-10
SEARCH_TOL = 1e-8


@dataclass(frozen=True)
class Ranking:
    """Every admissible hierarchical model with its estimate and criteria, best first.

    Models and their labels are produced on demand: writing 32,768 labels costs more than
    fitting the models.
    """

    space: ModelSpace
    order: np.ndarray  # model indices in the space, best first
    estimates: np.ndarray
    bic: np.ndarray
    aic: np.ndarray
    deviance: np.ndarray
    n_candidates: int
    criterion: str

    def __len__(self) -> int:
        return len(self.order)

    def model(self, rank: int) -> loglinear.Model:
        return self.space.model(int(self.order[rank]))

    def label(self, rank: int) -> str:
        return loglinear.model_label(self.model(rank), self.space.n_lists)

    @property
    def models(self) -> list[loglinear.Model]:
        return [self.model(i) for i in range(len(self))]

    @property
    def labels(self) -> list[str]:
        return [self.label(i) for i in range(len(self))]

    def rows(self, top: int | None = None) -> list[dict[str, Any]]:
        count = len(self) if top is None else min(top, len(self))
        return [
            {
                "model": self.label(i),
                "estimate": float(self.estimates[i]),
                "bic": float(self.bic[i]),
                "aic": float(self.aic[i]),
                "deviance": float(self.deviance[i]),
            }
            for i in range(count)
        ]


@dataclass(frozen=True)
class ModelSpace:
    """All hierarchical models up to an order, as column subsets of one common design."""

    n_lists: int
    max_order: int
    terms: list[int]
    membership: np.ndarray  # (M, T) bool
    term_contains: np.ndarray  # (t + T, cells) bool
    lattice: Lattice

    @classmethod
    def build(cls, n_lists: int, max_order: int) -> ModelSpace:
        terms = loglinear.interaction_terms(n_lists, max_order)
        models = list(loglinear.hierarchical_models(n_lists, max_order))
        position = {t: i for i, t in enumerate(terms)}
        membership = np.zeros((len(models), len(terms)), dtype=bool)
        for i, model in enumerate(models):
            membership[i, [position[t] for t in model]] = True
        all_terms = [1 << i for i in range(n_lists)] + terms
        term_contains = np.array([loglinear.contains(n_lists, t) for t in all_terms])
        return cls(
            n_lists, max_order, terms, membership, term_contains, Lattice(n_lists, [0, *all_terms])
        )

    def model(self, index: int) -> loglinear.Model:
        return tuple(
            t for t, present in zip(self.terms, self.membership[index], strict=True) if present
        )


_REMEMBERED: dict[tuple[int, int, bytes], tuple[np.ndarray, np.ndarray]] = {}


def evaluate_models(
    space: ModelSpace,
    cell_counts: np.ndarray,
    chunk: int = 4096,
    *,
    remember: bool = False,
    threads: int | None = 1,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Codes, dark figures, log-likelihoods, deviances and parameter counts of all models in
    ``space`` on one table (NaN for models without a unique finite estimate).

    Which models are admissible depends only on which cells are zero, and bootstrap
    replicates mostly share the zero pattern of the original table. With ``remember`` the
    codes and coefficients of the first table with a given zero pattern are kept (per
    process) and reused: the codes as they are, the coefficients as starting values.
    ``threads`` (None: one per core) fit chunks of models concurrently.
    """
    y_all = np.asarray(cell_counts, dtype=float)
    key = (space.n_lists, space.max_order, (y_all > 0).tobytes())
    if remember and key in _REMEMBERED:
        known_codes, known_beta = _REMEMBERED[key]
        return _evaluate_known(space, y_all, known_codes, known_beta)
    n = space.n_lists
    y = y_all
    n_models = space.membership.shape[0]
    margins = space.term_contains.astype(float) @ y  # (t + T,)
    zero_main = margins[:n] == 0
    zero_terms = margins[n:] == 0
    codes = np.zeros(n_models, dtype=int)
    dark = np.full(n_models, np.nan)
    loglik = np.full(n_models, np.nan)
    deviance = np.full(n_models, np.nan)
    n_params = 1 + n + space.membership.sum(axis=1)
    betas = np.full((n_models, len(space.lattice.terms)), np.nan)
    removed_by_mains = space.term_contains[:n][zero_main].any(axis=0)
    contains_terms = space.term_contains[n:].astype(float)

    def one_chunk(start: int) -> None:
        member = space.membership[start : start + chunk]
        size = member.shape[0]
        infinite = member & zero_terms
        removed = ((infinite.astype(float) @ contains_terms) > 0) | removed_by_mains
        weight = (~removed).astype(float)
        columns = np.hstack(
            [
                np.ones((size, 1), dtype=bool),
                np.broadcast_to(~zero_main, (size, n)),
                member & ~zero_terms,
            ]
        )
        if infinite.shape[1] <= 62:
            groups = infinite.astype(np.int64) @ (np.int64(1) << np.arange(infinite.shape[1]))
        else:
            groups = np.unique(infinite, axis=0, return_inverse=True)[1].ravel()
        chunk_codes = existence.admissible_batch(space.lattice, y, weight, columns, groups)
        codes[start : start + chunk] = chunk_codes
        good = np.flatnonzero(chunk_codes == 0)
        if good.size:
            fitted = fit_batch(space.lattice, y, weight[good], columns[good], tol=SEARCH_TOL)
            dark[start + good] = np.exp(fitted.beta[:, 0])
            loglik[start + good] = fitted.loglik
            deviance[start + good] = fitted.deviance
            if remember:
                betas[start + good] = fitted.beta

    starts = range(0, n_models, chunk)
    threads = min(threads or os.cpu_count() or 1, len(starts))
    if threads > 1:
        # numpy releases the GIL in the heavy array and LAPACK calls, so chunks run in
        # parallel threads without the cost of starting processes
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(one_chunk, starts))
    else:
        for start in starts:
            one_chunk(start)
    if remember:
        if len(_REMEMBERED) > 256:
            _REMEMBERED.clear()
        _REMEMBERED[key] = (codes, betas)
    return codes, dark, loglik, deviance, n_params


def _model_arrays(
    space: ModelSpace, y: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kept-cell weights, column masks and minus-infinity terms of the given models."""
    n = space.n_lists
    margins = space.term_contains.astype(float) @ y
    zero_main = margins[:n] == 0
    zero_terms = margins[n:] == 0
    member = space.membership[rows]
    infinite = member & zero_terms
    removed = (infinite.astype(float) @ space.term_contains[n:].astype(float)) > 0
    removed |= space.term_contains[:n][zero_main].any(axis=0)
    columns = np.hstack(
        [
            np.ones((len(rows), 1), dtype=bool),
            np.broadcast_to(~zero_main, (len(rows), n)),
            member & ~zero_terms,
        ]
    )
    return (~removed).astype(float), columns, infinite


def _evaluate_known(
    space: ModelSpace, y: np.ndarray, codes: np.ndarray, beta: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n_models = len(codes)
    dark = np.full(n_models, np.nan)
    loglik = np.full(n_models, np.nan)
    deviance = np.full(n_models, np.nan)
    good = np.flatnonzero(codes == 0)
    if good.size:
        weight, columns, _ = _model_arrays(space, y, good)
        fitted = fit_batch(space.lattice, y, weight, columns, beta_start=beta[good], tol=SEARCH_TOL)
        dark[good] = np.exp(fitted.beta[:, 0])
        loglik[good] = fitted.loglik
        deviance[good] = fitted.deviance
    return codes, dark, loglik, deviance, 1 + space.n_lists + space.membership.sum(axis=1)


def rank_models(
    table: CaptureTable,
    *,
    max_order: int | None = None,
    criterion: str = "bic",
    space: ModelSpace | None = None,
) -> Ranking:
    """Fit every hierarchical model up to ``max_order``; drop those without a unique finite
    estimate; order the rest by BIC (``k log(observed) - 2 loglik``) or AIC."""
    if criterion not in ("bic", "aic"):
        raise ValueError("criterion must be 'bic' or 'aic'")
    n = table.n_lists
    if space is None:
        order = loglinear.default_max_order(n) if max_order is None else max_order
        space = model_space(n, order)
    codes, dark, loglik, deviance, n_params = evaluate_models(
        space, table.cell_counts(), threads=None
    )
    ok = np.flatnonzero(codes == 0)
    if ok.size == 0:
        raise EstimationError("no hierarchical model has a unique finite estimate on these data")
    bic = n_params[ok] * np.log(table.observed) - 2 * loglik[ok]
    aic = 2 * n_params[ok] - 2 * loglik[ok]
    key = bic if criterion == "bic" else aic
    order_idx = np.argsort(key, kind="stable")
    chosen = ok[order_idx]
    return Ranking(
        space=space,
        order=chosen,
        estimates=table.observed + dark[chosen],
        bic=bic[order_idx],
        aic=aic[order_idx],
        deviance=deviance[chosen],
        n_candidates=len(codes),
        criterion=criterion,
    )


_SPACES: dict[tuple[int, int], ModelSpace] = {}


def model_space(n_lists: int, max_order: int) -> ModelSpace:
    """Cached model space (building the 32,768 six-list models takes a moment).

    Like MultipleSystemsEstimation, the exhaustive search stops at five lists (any order) or
    six lists with pairs only: six lists with triples already give 3,702,013 models, seven
    lists with pairs 2,097,152.
    """
    if n_lists > 6 or (n_lists == 6 and max_order > 2):
        raise EstimationError(
            f"a search over all hierarchical models is available for at most five lists, or"
            f" six lists with maximum order 2; this table has {n_lists} lists"
            + (f" and maximum order {max_order}" if n_lists == 6 else "")
            + " (use the stepwise method, or merge lists)"
        )
    key = (n_lists, max_order)
    if key not in _SPACES:
        _SPACES[key] = ModelSpace.build(n_lists, max_order)
    return _SPACES[key]


def best_estimate(table: CaptureTable, space: ModelSpace, criterion: str = "bic") -> float:
    """The estimate of the best model only (what the bootstrap needs, without labels)."""
    codes, dark, loglik, _, n_params = evaluate_models(space, table.cell_counts(), remember=True)
    ok = codes == 0
    if not ok.any():
        return float("nan")
    penalty = np.log(table.observed) if criterion == "bic" else 2.0
    score = np.where(ok, n_params * penalty - 2 * loglik, np.inf)
    return float(table.observed + dark[int(np.argmin(score))])


def information_criterion(
    table: CaptureTable,
    *,
    max_order: int | None = None,
    criterion: str = "bic",
    level: float = DEFAULT_LEVEL,
    top: int = 10,
) -> Estimate:
    """The model with the lowest BIC (or AIC) among all admissible hierarchical models."""
    ranking = rank_models(table, max_order=max_order, criterion=criterion)
    fitted = fit_model(table, ranking.model(0), check=False)
    order = loglinear.default_max_order(table.n_lists) if max_order is None else max_order
    details = {
        "max_order": order,
        "models_considered": ranking.n_candidates,
        "models_admissible": len(ranking),
        "ranking": ranking.rows(top),
    }
    return estimate_from_fit(criterion, fitted, level, details)
