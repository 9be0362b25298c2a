"""Bootstrap intervals that include the uncertainty of model selection.

Non-parametric bootstrap as in SparseMSE's ``estimatepopulation`` and Silverman, Chan &
Vincent (2024): the observed total is resampled multinomially over the observed capture
patterns, and the *whole* selection (stepwise, or the BIC search) is redone on every
replicate. The interval is the bias-corrected and accelerated (BCa) percentile interval
(DiCiccio & Efron 1996): the bias correction ``z0`` from the share of replicates below the
estimate, the acceleration from a jackknife that removes one person from each observed
pattern in turn (weighted by the pattern counts), and quantiles of type 8 (as R's
``quantile(type = 8)``).

All replicate tables are drawn up front from one seeded generator, so the result depends on
the seed only, not on the number of worker processes. They can also be given (``resamples``):
with the tables that R draws for SparseMSE's ``estimatepopulation(..., iseed = 1234)`` the
published New Orleans intervals come out to the digit (docs/estimation.md).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, ndtri

from . import loglinear
from .data import CaptureTable
from .modelfit import fit_model
from .result import EstimationError
from .search import best_estimate, model_space
from .stepwise import DEFAULT_THRESHOLD, stepwise_fit


@dataclass(frozen=True)
class Selector:
    """A picklable 'estimate N for this table' function for one selection method."""

    method: str  # "main", "stepwise", "bic", "aic"
    threshold: float = DEFAULT_THRESHOLD
    max_order: int | None = None

    def __call__(self, table: CaptureTable) -> float:
        try:
            if self.method == "main":
                return fit_model(table, ()).estimate
            if self.method == "stepwise":
                return stepwise_fit(table, threshold=self.threshold).estimate
            if self.method in ("bic", "aic"):
                order = (
                    loglinear.default_max_order(table.n_lists)
                    if self.max_order is None
                    else self.max_order
                )
                space = model_space(table.n_lists, order)
                return best_estimate(table, space, self.method)
        except (EstimationError, np.linalg.LinAlgError, ValueError):
            return float("nan")
        raise ValueError(f"unknown method {self.method!r}")


@dataclass(frozen=True)
class BootstrapResult:
    estimate: float
    replicates: np.ndarray
    jackknife: np.ndarray
    acceleration: float
    bias_correction: float
    interval: tuple[float, float] | None
    level: float
    seed: int | None
    failed: int

    def to_dict(self) -> dict:
        return {
            "replicates": int(self.replicates.size),
            "failed_replicates": self.failed,
            "acceleration": self.acceleration,
            "bias_correction": self.bias_correction,
            "seed": self.seed,
            "interval": list(self.interval) if self.interval else None,
        }


def _run(
    estimator: Callable[[CaptureTable], float], table: CaptureTable, counts: np.ndarray
) -> np.ndarray:
    return np.array([estimator(table.with_counts(c)) for c in counts])


def map_tables(
    estimator: Callable[[CaptureTable], float],
    table: CaptureTable,
    counts: np.ndarray,
    workers: int | None = None,
) -> np.ndarray:
    """Apply the estimator to the table with each row of ``counts``, over worker processes."""
    if workers is None:
        workers = os.cpu_count() or 1
    workers = max(1, min(workers, len(counts)))
    if workers == 1 or len(counts) < 64:
        return _run(estimator, table, counts)
    context = _context()
    chunks = np.array_split(counts, workers * 4)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        parts = pool.map(_run, [estimator] * len(chunks), [table] * len(chunks), chunks)
        return np.concatenate(list(parts))


def _context() -> multiprocessing.context.BaseContext:
    """Worker processes start from a fork server that has already imported this package:
    cheap to start like ``fork``, but without forking a process that holds BLAS threads."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["zicht.estimation.bootstrap"])
        return context
    return multiprocessing.get_context("spawn")


def resample(table: CaptureTable, n_boot: int, seed: int | None) -> np.ndarray:
    """``n_boot`` multinomial resamples of the observed total over the observed patterns."""
    rng = np.random.default_rng(seed)
    total = table.observed
    return rng.multinomial(total, table.counts / table.counts.sum(), size=n_boot).astype(float)


def bca_quantiles(
    replicates: np.ndarray, estimate: float, acceleration: float, probabilities: Sequence[float]
) -> tuple[np.ndarray, float]:
    """BCa end points for the given probabilities, and the bias correction z0."""
    usable = replicates[np.isfinite(replicates)]
    share_below = float(np.mean(usable < estimate))
    z0 = float(ndtri(share_below))
    za = ndtri(np.asarray(probabilities, dtype=float))
    adjusted = ndtr(z0 + (z0 + za) / (1 - acceleration * (z0 + za)))
    return np.quantile(usable, adjusted, method="median_unbiased"), z0


def jackknife_acceleration(table: CaptureTable, jackknife: np.ndarray) -> float:
    """Acceleration from delete-one estimates per pattern, each counted by its frequency."""
    weights = table.counts
    positive = weights > 0
    mean = float(np.sum(weights[positive] * jackknife[positive]) / weights.sum())
    residual = np.where(positive, mean - jackknife, 0.0)
    denominator = float(np.sum(weights * residual**2))
    if denominator <= 0:
        return 0.0
    return float(np.sum(weights * residual**3) / (6 * denominator**1.5))


def check_resamples(table: CaptureTable, resamples: np.ndarray) -> np.ndarray:
    """Replicate tables drawn elsewhere, as float rows in the order of the table's patterns.

    Each row must be a resample of this table: whole non-negative counts, the observed total,
    and nothing on a pattern that was not observed.
    """
    counts = np.asarray(resamples, dtype=float)
    if counts.ndim != 2 or counts.shape[1] != len(table.counts) or counts.shape[0] < 1:
        raise ValueError(
            f"resamples must have one row per replicate and {len(table.counts)} columns"
            " (one per observed pattern)"
        )
    if np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError("resampled counts must be whole numbers of at least 0")
    if np.any(counts.sum(axis=1) != table.observed):
        raise ValueError(f"every resample must add up to the observed total {table.observed}")
    if np.any(counts[:, table.counts == 0] > 0):
        raise ValueError("a resample puts cases on a pattern that was not observed")
    return counts


def bca(
    table: CaptureTable,
    estimator: Callable[[CaptureTable], float],
    *,
    n_boot: int | None = None,
    seed: int | None = None,
    level: float = 0.95,
    workers: int | None = None,
    resamples: np.ndarray | None = None,
) -> BootstrapResult:
    """BCa interval for the estimator on this table (the estimator redoes model selection).

    The ``n_boot`` replicate tables are drawn with ``seed``; or, with ``resamples``, they are
    given (one row of counts per replicate, in the order of the table's patterns), e.g. the
    tables that R drew for a published interval, to recompute that interval exactly.
    """
    if resamples is not None:
        boot_counts = check_resamples(table, resamples)
        if n_boot is not None and n_boot != len(boot_counts):
            raise ValueError("n_boot differs from the number of given resamples")
        n_boot, seed = len(boot_counts), None
    elif n_boot is None or n_boot < 1:
        raise ValueError("the number of bootstrap replicates must be at least 1")
    else:
        boot_counts = resample(table, n_boot, seed)
    estimate = estimator(table)
    jack_counts = []
    rows = np.flatnonzero(table.counts > 0)
    for j in rows:
        c = table.counts.copy()
        c[j] -= 1
        jack_counts.append(c)
    all_counts = np.vstack([boot_counts, np.array(jack_counts)])
    values = map_tables(estimator, table, all_counts, workers)
    replicates = values[:n_boot]
    jackknife = np.zeros(len(table.counts))
    jackknife[rows] = values[n_boot:]
    failed = int(np.sum(~np.isfinite(replicates)))
    interval = None
    acceleration = float("nan")
    z0 = float("nan")
    if np.all(np.isfinite(jackknife[rows])) and failed < n_boot:
        acceleration = jackknife_acceleration(table, jackknife)
        tail = (1 - level) / 2
        ends, z0 = bca_quantiles(replicates, estimate, acceleration, [tail, 1 - tail])
        if np.isfinite(z0) and np.all(np.isfinite(ends)):
            interval = (float(ends[0]), float(ends[1]))
    return BootstrapResult(
        estimate=estimate,
        replicates=replicates,
        jackknife=jackknife,
        acceleration=acceleration,
        bias_correction=z0,
        interval=interval,
        level=level,
        seed=seed,
        failed=failed,
    )
