"""Estimates per stratum (year, exploitation form, ...) and their sum.

The published Dutch figures came from models with covariates; the closest a region can get
with a handful of registers is to estimate each stratum separately, so that different
capture behaviour per stratum does not bias the pooled estimate. The total is the sum of the
stratum estimates. Its interval needs the bootstrap: each stratum is resampled separately
with its own seed stream, the replicate totals are summed, and the percentile interval of
those sums is reported (BCa does not carry over to a sum of separately selected models).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import bootstrap as boot
from .data import CaptureTable
from .result import Estimate


@dataclass
class StratifiedResult:
    strata: dict[tuple[str, ...], Estimate]
    by: tuple[str, ...]
    total_observed: int
    total_estimate: float
    total_interval: tuple[float, float] | None = None
    skipped: dict[tuple[str, ...], str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": list(self.by),
            "strata": [
                {"stratum": dict(zip(self.by, key, strict=True)), **e.to_dict()}
                for key, e in self.strata.items()
            ],
            "skipped": [
                {"stratum": dict(zip(self.by, key, strict=True)), "reason": reason}
                for key, reason in self.skipped.items()
            ],
            "total": {
                "observed": self.total_observed,
                "estimate": self.total_estimate,
                "interval": list(self.total_interval) if self.total_interval else None,
                "interval_kind": "bootstrap percentile of summed strata"
                if self.total_interval
                else None,
            },
        }


def estimate_strata(
    tables: Mapping[tuple[str, ...], CaptureTable],
    *,
    by: tuple[str, ...],
    estimate_one: Any,
    selector: boot.Selector,
    n_boot: int = 0,
    seed: int | None = None,
    level: float = 0.95,
    workers: int | None = None,
) -> StratifiedResult:
    """Run ``estimate_one(table)`` per stratum; strata that cannot be estimated are listed
    in ``skipped`` with the reason (and then the total is left out, being incomplete)."""
    results: dict[tuple[str, ...], Estimate] = {}
    skipped: dict[tuple[str, ...], str] = {}
    for key, table in tables.items():
        try:
            results[key] = estimate_one(table)
        except ValueError as error:
            skipped[key] = str(error)
    observed = sum(t.observed for t in tables.values())
    total = float(sum(e.estimate for e in results.values())) if not skipped else float("nan")
    interval = None
    if n_boot > 0 and results and not skipped:
        streams = np.random.SeedSequence(seed).spawn(len(results))
        sums = np.zeros(n_boot)
        for stream, key in zip(streams, results, strict=True):
            table = tables[key]
            counts = boot.resample(table, n_boot, int(stream.generate_state(1)[0]))
            sums += boot.map_tables(selector, table, counts, workers)
        finite = sums[np.isfinite(sums)]
        if finite.size:
            tail = (1 - level) / 2
            low, high = np.quantile(finite, [tail, 1 - tail], method="median_unbiased")
            interval = (float(low), float(high))
    return StratifiedResult(results, by, observed, total, interval, skipped)
