"""Disclosure control: small cells are hidden from anyone without need to know.

The rule (stated on every page that applies it):

1. **Primary suppression** - a count from 1 to ``minimum - 1`` is not shown (zeros are
   shown: an empty cell identifies nobody).
2. **Secondary suppression** - when the total of a table is shown, the hidden cells must
   not be recoverable from it: while any hidden cell could still be worked out from the
   total and the cells shown (a single hidden cell, or hidden cells whose only possible
   values are fixed), the next-smallest shown cell is hidden too; when no cell is left to
   hide, the total is hidden as well.

The check in step 2 takes the view of someone who knows the rule: every hidden cell is at
least 1 and at most the larger of ``minimum - 1`` and the smallest shown non-zero cell
(a secondary cell is never larger than a cell that stayed visible).

``minimum`` is ``ZICHT_MIN_CELL_INTERNAL`` (default 5) on the pages and
``ZICHT_MIN_CELL_PUBLIC`` (default 10) in the annual report and public tables.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from zicht.monitor.figures import CareFigures, Figure


def internal_minimum() -> int:
    return int(getattr(settings, "ZICHT_MIN_CELL_INTERNAL", 5))


def public_minimum() -> int:
    return int(getattr(settings, "ZICHT_MIN_CELL_PUBLIC", 10))


@dataclass(frozen=True)
class Protected:
    """A table after disclosure control: ``None`` for a hidden value."""

    values: list[int | None]
    total: int | None
    primary: frozenset[int]
    secondary: frozenset[int]

    @property
    def suppressed(self) -> frozenset[int]:
        return self.primary | self.secondary


def _bounds(values: Sequence[int], hidden: set[int], minimum: int) -> tuple[int, int]:
    shown_nonzero = [v for i, v in enumerate(values) if i not in hidden and v > 0]
    upper = max(minimum - 1, min(shown_nonzero)) if shown_nonzero else sum(values)
    return 1, upper


def recoverable(values: Sequence[int], hidden: set[int], minimum: int) -> bool:
    """Could any hidden cell be pinned to one value from the shown cells and the total?

    With each hidden cell between ``low`` and ``high`` and their sum known, cell i lies in
    [max(low, S - (k-1)·high), min(high, S - (k-1)·low)]; it is recoverable when that range
    holds a single value."""
    if not hidden:
        return False
    low, high = _bounds(values, hidden, minimum)
    k = len(hidden)
    hidden_sum = sum(values[i] for i in hidden)
    lo = max(low, hidden_sum - (k - 1) * high)
    hi = min(high, hidden_sum - (k - 1) * low)
    return lo >= hi


def protect(values: Sequence[int], minimum: int, *, show_total: bool = True,
            keep: Sequence[int] = ()) -> Protected:  # fmt: skip
    """Apply primary and secondary suppression to one table (cells plus its total).

    ``keep`` lists cells the viewer may see in full (their own municipality): they are
    never hidden, and count as known to the viewer when checking the others."""
    values = [int(v) for v in values]
    keep_set = set(keep)
    primary = {i for i, v in enumerate(values) if 0 < v < minimum and i not in keep_set}
    hidden = set(primary)
    total_shown = show_total
    if show_total and hidden:
        while recoverable(values, hidden, minimum):
            candidates = [
                i for i, v in enumerate(values) if i not in hidden and i not in keep_set and v > 0
            ]
            if not candidates:
                total_shown = False
                break
            hidden.add(min(candidates, key=lambda i: (values[i], i)))
    return Protected(
        values=[None if i in hidden else v for i, v in enumerate(values)],
        total=sum(values) if total_shown else None,
        primary=frozenset(primary),
        secondary=frozenset(hidden - primary),
    )


def protect_count(value: int, minimum: int) -> int | None:
    """A single count on its own (a headline figure): hidden when from 1 to minimum - 1."""
    return None if 0 < value < minimum else value


@dataclass
class ShownFigure:
    """A figure as it will be displayed: rows with a value or None (hidden)."""

    key: str
    title: str
    rows: list[tuple[str, str, int | None]]
    total: int | None
    unit: str
    additive: bool
    notes: list[str]
    suppressed: int

    @property
    def max_value(self) -> int:
        return max([v for _c, _l, v in self.rows if v is not None] or [0])


def show(figure: Figure, minimum: int | None, *, keep_codes: Sequence[str] = ()) -> ShownFigure:
    """Disclosure control for one figure; ``minimum=None`` shows everything (need to know).

    Cells the viewer may see in full (``keep_codes``: their own municipality) stay shown."""
    values = [n for _code, _label, n in figure.rows]
    if minimum is None:
        protected = Protected([*values], figure.total, frozenset(), frozenset())
    else:
        # For a multi-valued figure the cells add up to at least the total of units, which
        # tells less than an exact sum; protecting as if additive is therefore safe.
        keep = [i for i, (code, _l, _n) in enumerate(figure.rows) if code in keep_codes]
        protected = protect(values, minimum, keep=keep)
        total = protect_count(figure.total, minimum) if protected.total is not None else None
        protected = Protected(protected.values, total, protected.primary, protected.secondary)
    rows = [(code, label, protected.values[i]) for i, (code, label, _n) in enumerate(figure.rows)]
    return ShownFigure(
        key=figure.key,
        title=figure.title,
        rows=rows,
        total=protected.total,
        unit=figure.unit,
        additive=figure.additive,
        notes=figure.notes,
        suppressed=len(protected.suppressed),
    )


@dataclass
class ShownCare:
    """The care figures as they will be displayed: ``None`` for a hidden value."""

    in_care: int | None
    started: int | None
    days_to_care: float | None
    days_to_care_n: int | None
    relapse_cohort: int | None
    relapsed: int | None
    cohort_first: datetime.date
    cohort_last: datetime.date
    figures: list[ShownFigure]

    @property
    def relapse_percent(self) -> float | None:
        if self.relapsed is None or not self.relapse_cohort:
            return None
        return 100 * self.relapsed / self.relapse_cohort


def show_care(care: CareFigures, minimum: int | None) -> ShownCare:
    """Disclosure control for the care figures: each count on its own (a headline), the
    median only over at least ``minimum`` care starts, each table as every other figure;
    ``minimum=None`` shows everything (need to know)."""

    def count(value: int) -> int | None:
        return value if minimum is None else protect_count(value, minimum)

    days = care.days_to_care
    if minimum is not None and care.days_to_care_n < minimum:
        days = None
    return ShownCare(
        in_care=count(care.in_care),
        started=count(care.started),
        days_to_care=days,
        days_to_care_n=count(care.days_to_care_n),
        relapse_cohort=count(care.relapse_cohort),
        relapsed=count(care.relapsed),
        cohort_first=care.cohort_first,
        cohort_last=care.cohort_last,
        figures=[show(figure, minimum) for figure in care.figures],
    )
