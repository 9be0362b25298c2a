"""The result of an estimation method, and the error when none can be made.

Every method (:mod:`.modelfit`, :mod:`.stepwise`, :mod:`.search`) returns an
:class:`Estimate`: the total population ``N = observed + dark``, where the dark figure is
``exp(intercept)`` of the chosen Poisson log-linear model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_LEVEL = 0.95


class EstimationError(ValueError):
    """No estimate can be made (e.g. no admissible model); the message says why."""


@dataclass
class Estimate:
    """The result of one method: what the CLI prints and the monitor stores."""

    method: str
    observed: int
    estimate: float
    model: str
    model_terms: str
    interval: tuple[float, float] | None
    interval_kind: str | None
    level: float
    aic: float
    bic: float
    deviance: float
    n_parameters: int
    infinite_terms: list[str]
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def dark(self) -> float:
        return self.estimate - self.observed

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "observed": self.observed,
            "estimate": self.estimate,
            "dark_figure": self.dark,
            "model": self.model,
            "model_terms": self.model_terms,
            "interval": list(self.interval) if self.interval is not None else None,
            "interval_kind": self.interval_kind,
            "level": self.level,
            "aic": self.aic,
            "bic": self.bic,
            "deviance": self.deviance,
            "n_parameters": self.n_parameters,
            "minus_infinity_terms": self.infinite_terms,
            "intervals": {k: list(v) for k, v in self.intervals.items()},
            **({"details": self.details} if self.details else {}),
        }
