"""Presenting estimates: the sensitivity table, a plain-language reading, JSON, text, SVG.

The same data give very different totals under different models, so an estimate is never
shown alone: every method side by side, with a short reading that says how far apart they are
and what that means for reporting.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from html import escape
from typing import Any

from .result import Estimate

METHOD_NAMES = {
    "main": "main effects (lists independent)",
    "stepwise": "stepwise (SparseMSE)",
    "bic": "lowest BIC",
    "aic": "lowest AIC",
    "fixed": "chosen model",
}

INTERVAL_NAMES = {
    "profile": "profile likelihood, given the model",
    "wald": "Wald, given the model",
    "bca": "bootstrap BCa, model selection included",
}


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def sensitivity_table(estimates: Sequence[Estimate]) -> list[dict[str, Any]]:
    """One row per method: estimate, interval, model and fit statistics."""
    return [
        {
            "method": e.method,
            "estimate": e.estimate,
            "interval": list(e.interval) if e.interval else None,
            "interval_kind": e.interval_kind,
            "model": e.model,
            "model_terms": e.model_terms,
            "aic": e.aic,
            "bic": e.bic,
            "ratio_to_observed": e.estimate / e.observed,
        }
        for e in estimates
    ]


def reading(estimates: Sequence[Estimate]) -> str:
    """A few plain sentences on how much the answer depends on the method."""
    if not estimates:
        return "No estimate could be made."
    observed = estimates[0].observed
    sentences = []
    values = [e.estimate for e in estimates]
    low = min(estimates, key=lambda e: e.estimate)
    high = max(estimates, key=lambda e: e.estimate)
    if len(estimates) == 1:
        e = estimates[0]
        sentences.append(
            f"{_fmt(observed)} people were registered; the {METHOD_NAMES.get(e.method, e.method)}"
            f" model estimates {_fmt(e.estimate)} in total, so about {_fmt(e.dark)} were never"
            " registered."
        )
        sentences.append(
            "One method alone does not show how much the answer depends on the model: compare"
            " it with the other methods (--method all) before reporting it."
        )
    else:
        factor = max(values) / min(values)
        sentences.append(
            f"{_fmt(observed)} people were registered. The estimates of the total run from"
            f" {_fmt(low.estimate)} ({low.method}) to {_fmt(high.estimate)} ({high.method})."
        )
        if factor >= 1.25:
            sentences.append(
                f"The methods disagree by a factor {factor:.1f}; report a range"
                f" ({_fmt(low.estimate)} to {_fmt(high.estimate)}), not a single number."
            )
        else:
            sentences.append(
                f"The methods agree to within {100 * (factor - 1):.0f}%, which makes the order"
                " of magnitude credible; still report the interval, not only the number."
            )
    with_interval = [e for e in estimates if e.interval]
    if with_interval and len(with_interval) == len(estimates) and len(estimates) > 1:
        lo = min(e.interval[0] for e in with_interval)  # type: ignore[index]
        hi = max(e.interval[1] for e in with_interval)  # type: ignore[index]
        sentences.append(
            f"Taking the {round(100 * estimates[0].level)}% intervals of all methods together,"
            f" totals from {_fmt(lo)} to {_fmt(hi)} are compatible with these data."
        )
    else:
        for e in with_interval:
            if e.interval is None:
                continue
            start, end = e.interval
            kind = INTERVAL_NAMES.get(e.interval_kind or "", e.interval_kind)
            sentences.append(
                f"The {round(100 * e.level)}% interval of the {e.method} estimate is"
                f" {_fmt(start)} to {_fmt(end)} ({kind})."
            )
    missing = [e.method for e in estimates if e.interval is None]
    if missing:
        sentences.append(
            "No interval for " + ", ".join(missing) + ": a model chosen from the data needs the"
            " bootstrap (--bootstrap 1000) to show its uncertainty honestly."
        )
    if max(values) > 10 * observed:
        sentences.append(
            "At least one method puts most of the population outside every register (more"
            " than ten times the registered number): that is an extrapolation far beyond the"
            " data and should be read as a warning, not as a figure."
        )
    if any(e.infinite_terms for e in estimates):
        sentences.append(
            "Some pairs of lists share no cases at all; the models treat those overlaps as"
            " impossible, which is itself an assumption."
        )
    return " ".join(sentences)


def to_json(estimates: Sequence[Estimate] | Estimate, *, indent: int | None = 2) -> str:
    """One object for one estimate, a list of objects for several."""
    if isinstance(estimates, Estimate):
        return json.dumps(_clean(estimates.to_dict()), indent=indent)
    return json.dumps([_clean(e.to_dict()) for e in estimates], indent=indent)


def _clean(value: Any) -> Any:
    """JSON has no NaN/Infinity: write them as null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


def to_text(estimates: Sequence[Estimate]) -> str:
    """The sensitivity table and its reading, for a terminal."""
    if not estimates:
        return "No estimate."
    level = round(100 * estimates[0].level)
    header = (
        f"{'method':<10} {'estimate':>10} {f'{level}% interval':>23}  {'kind':<8} {'BIC':>9}  model"
    )
    lines = [f"Observed (registered): {_fmt(estimates[0].observed)}", "", header]
    lines.append("-" * len(header))
    for e in estimates:
        interval = f"{_fmt(e.interval[0])} - {_fmt(e.interval[1])}" if e.interval else "-"
        lines.append(
            f"{e.method:<10} {_fmt(e.estimate):>10} {interval:>23}  {e.interval_kind or '-':<8}"
            f" {e.bic:>9.2f}  {e.model} {e.model_terms}"
        )
    lines += ["", reading(estimates)]
    kinds = sorted({e.interval_kind for e in estimates if e.interval_kind})
    if kinds:
        lines.append("")
        lines += [f"  {k}: {INTERVAL_NAMES.get(k, k)}" for k in kinds]
    return "\n".join(lines)


def svg_plot(estimates: Sequence[Estimate], *, width: int = 640) -> str:
    """Estimates with their intervals on a common axis, observed count as a reference line."""
    row_height = 34
    left, right, top = 150, 30, 40
    height = top + row_height * len(estimates) + 50
    observed = estimates[0].observed if estimates else 0
    values: list[float] = [float(observed)]
    for e in estimates:
        values.append(e.estimate)
        if e.interval:
            values += list(e.interval)
    finite = [v for v in values if math.isfinite(v)]
    hi = max(finite) * 1.05 if finite else 1.0
    span = width - left - right

    def x(v: float) -> float:
        return left + span * max(0.0, min(v, hi)) / hi

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        "<title>Estimated total population by method</title>",
        f'<text x="{left}" y="20" font-weight="bold">Estimated total (dot) and interval'
        " (bar)</text>",
        f'<line x1="{x(observed):.1f}" y1="{top - 8}" x2="{x(observed):.1f}"'
        f' y2="{height - 40}" stroke="#888" stroke-dasharray="4 3"/>',
        f'<text x="{x(observed):.1f}" y="{height - 6}" text-anchor="middle" fill="#555">'
        f"registered {_fmt(observed)}</text>",
    ]
    for i, e in enumerate(estimates):
        cy = top + row_height * i + row_height / 2
        parts.append(
            f'<text x="{left - 10}" y="{cy + 4:.1f}" text-anchor="end">{escape(e.method)}</text>'
        )
        if e.interval:
            parts.append(
                f'<line x1="{x(e.interval[0]):.1f}" y1="{cy:.1f}" x2="{x(e.interval[1]):.1f}"'
                f' y2="{cy:.1f}" stroke="#1f5f8b" stroke-width="3"/>'
            )
        parts.append(f'<circle cx="{x(e.estimate):.1f}" cy="{cy:.1f}" r="5" fill="#c0392b"/>')
        parts.append(
            f'<text x="{x(e.estimate):.1f}" y="{cy - 9:.1f}" text-anchor="middle">'
            f"{_fmt(e.estimate)}</text>"
        )
    axis_y = height - 40
    parts.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#000"/>'
    )
    for k in range(6):
        v = hi * k / 5
        parts.append(
            f'<text x="{x(v):.1f}" y="{axis_y + 14}" text-anchor="middle" fill="#555">'
            f"{_fmt(v)}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
