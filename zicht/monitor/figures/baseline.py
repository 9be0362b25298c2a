"""Baseline progress per municipality: how many criteria of the VNG plateaus and the basic
level of the administrative approach each municipality met at the start and at the end of
the period (zicht.baseline keeps them). These are facts about municipalities, not about
persons: no count here can identify anyone, so disclosure control does not apply to them
(it still applies to every figure about reports, cases and persons)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from zicht.baseline.models import Criterion
from zicht.baseline.proof import ProofRecords
from zicht.baseline.standing import met_counts
from zicht.monitor.figures.scope import Scope
from zicht.organisations.models import Municipality


@dataclass(frozen=True)
class BaselineRow:
    municipality: Municipality
    met_at_start: int  # of every criterion, the day before the period
    met: int  # of every criterion, at the end of the period
    total: int
    plateau_1_met: int  # of the plateau 1 criteria (and the basic level), at the end
    plateau_1_total: int

    @property
    def plateau_1_complete(self) -> bool:
        return self.plateau_1_met == self.plateau_1_total


@dataclass(frozen=True)
class BaselineProgress:
    start: datetime.date
    end: datetime.date
    rows: list[BaselineRow]

    @property
    def plateau_1_complete(self) -> int:
        return sum(row.plateau_1_complete for row in self.rows)


def baseline_progress(scope: Scope) -> BaselineProgress:
    """The scope's municipality, or every municipality of its region valid at the end of the
    period; the end is today at the latest."""
    end = min(scope.end, timezone.localdate())
    before = min(scope.start - datetime.timedelta(days=1), end)
    if scope.municipality is not None:
        municipalities = [scope.municipality]
    else:
        municipalities = list(
            Municipality.objects.filter(region=scope.region).valid_on(end).order_by("name")
        )
    every = list(Criterion.objects.all())
    first = [c for c in every if c.plateau == 1]
    proofs = ProofRecords([m.pk for m in municipalities])
    all_met = met_counts(municipalities, every, [before, end], proofs=proofs)
    first_met = met_counts(municipalities, first, [end], proofs=proofs)
    rows = [
        BaselineRow(
            municipality=m,
            met_at_start=all_met[m.pk][0],
            met=all_met[m.pk][1],
            total=len(every),
            plateau_1_met=first_met[m.pk][0],
            plateau_1_total=len(first),
        )
        for m in municipalities
    ]
    return BaselineProgress(start=before, end=end, rows=rows)
