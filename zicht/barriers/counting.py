"""The instruments used per barrier, counted from what other apps registered that year.

The barrier model does not know inspections or measures; the apps that hold them add a
counting source with ``register_source`` from their ``AppConfig.ready()``. A source is a
callable ``(region, year) -> iterable of (barrier code, instrument code, instrument label,
count)``; the counts of every source are added up per barrier and instrument. The contract
is in docs/barriers.md."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from zicht.organisations.models import Region

type CountRow = tuple[str, str, str, int]
type CountingSource = Callable[[Region, int], Iterable[CountRow]]

_SOURCES: list[CountingSource] = []


def register_source(source: CountingSource) -> None:
    """Add a source of counts from an app that barriers does not import."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def unregister_source(source: CountingSource) -> None:
    if source in _SOURCES:
        _SOURCES.remove(source)


@dataclass(frozen=True)
class InstrumentUse:
    code: str
    label: str
    count: int


def instruments_used(region: Region, year: int) -> dict[str, list[InstrumentUse]]:
    """Per barrier code, the instruments used in the region that year, most used first."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    labels: dict[str, str] = {}
    for source in _SOURCES:
        for barrier_code, instrument_code, label, count in source(region, year):
            if count > 0:
                totals[barrier_code][instrument_code] += count
                labels.setdefault(instrument_code, label)
    return {
        barrier_code: sorted(
            (InstrumentUse(code, labels[code], n) for code, n in counts.items()),
            key=lambda use: (-use.count, use.label),
        )
        for barrier_code, counts in totals.items()
    }
