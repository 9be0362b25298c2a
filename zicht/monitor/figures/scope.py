"""What every figure is asked and what it answers: a :class:`Scope` (a region or one of its
municipalities, over a period) in, a :class:`Figure` (counts per category) out. Nothing
here knows who is looking: disclosure control comes afterwards (disclosure.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from zicht.organisations.models import Municipality, Region


@dataclass(frozen=True)
class Scope:
    """A region, or one municipality of it, over the days ``start`` to ``end`` (inclusive)."""

    region: Region
    start: datetime.date
    end: datetime.date
    municipality: Municipality | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(settings.TIME_ZONE)

    @property
    def start_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.start, datetime.time.min, tzinfo=self.tz)

    @property
    def end_before(self) -> datetime.datetime:
        """The first moment after the period."""
        day = self.end + datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=self.tz)

    @classmethod
    def year(cls, region: Region, year: int, municipality: Municipality | None = None) -> Scope:
        return cls(region, datetime.date(year, 1, 1), datetime.date(year, 12, 31), municipality)

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))


@dataclass
class Figure:
    """Counts per category, in display order, with the total of what was counted.

    ``total`` is the number of units (reports, persons); for multi-valued attributes
    (exploitation forms, sectors) the cells can add up to more than the total."""

    key: str
    title: str
    rows: list[tuple[str, str, int]]  # (code, label, count)
    total: int
    unit: str = "reports"
    additive: bool = True  # the cells add up to the total
    notes: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {code: n for code, _label, n in self.rows}


def choice_labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def figure_of_counts(counts: dict, key: str, title, choices, unit: str = "reports") -> Figure:
    """A figure in the order of ``choices``; a counted value outside them comes last, under
    its own code (an empty one as "Unknown")."""
    labels = choice_labels(choices)
    rows = [(code, labels[code], counts.get(code, 0)) for code in labels if counts.get(code)]
    rows += [(str(c), str(c) or str(_("Unknown")), n) for c, n in counts.items() if c not in labels]
    return Figure(key, str(title), rows, sum(counts.values()), unit=unit)
