"""Where the municipalities of a region stand: the regional matrix (municipalities x
criteria, now) and the progress over time (the share of criteria met per municipality at
the end of each quarter), read from the history and the records that prove criteria.

Nothing here changes data or knows who looks: access.py decides that."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from zicht.baseline.models import Criterion, CriterionChange, CriterionState, Status
from zicht.baseline.proof import ProofRecords
from zicht.organisations.models import Municipality

MET = str(Status.MET)  # a plain string: compared some ten thousand times per page


@dataclass(frozen=True)
class Cell:
    criterion: Criterion
    status: str
    proof: str = ""  # what proves it, for a criterion a record proves
    effective_on: datetime.date | None = None

    @property
    def proved(self) -> bool:
        return bool(self.criterion.proved_by)

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


@dataclass
class Row:
    municipality: Municipality
    cells: list[Cell]

    @property
    def met(self) -> int:
        return sum(cell.status == Status.MET for cell in self.cells)

    @property
    def share_met(self) -> float:
        return self.met / len(self.cells) if self.cells else 0.0


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def end(self) -> datetime.date:
        month = self.number * 3
        following = datetime.date(self.year + (month == 12), month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year}-K{self.number}"

    @classmethod
    def of(cls, day: datetime.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)


def last_quarters(today: datetime.date, count: int = 8) -> list[Quarter]:
    """The `count` quarters up to the current one, oldest first."""
    quarters = [Quarter.of(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


@dataclass
class Progress:
    """Share of the shown criteria met per municipality at the end of each quarter (the
    current quarter: today)."""

    quarters: list[Quarter]
    rows: list[tuple[Municipality, list[float]]] = field(default_factory=list)


def criteria(*, theme: str = "", plateau: int | None = None) -> list[Criterion]:
    found = Criterion.objects.all()
    if theme:
        found = found.filter(theme=theme)
    if plateau:
        found = found.filter(plateau=plateau)
    return list(found)


def matrix(
    municipalities: Sequence[Municipality],
    shown: Sequence[Criterion],
    *,
    today: datetime.date | None = None,
    proofs: ProofRecords | None = None,
) -> list[Row]:
    """One row per municipality, one cell per criterion, as things stand today."""
    today = today or timezone.localdate()
    proofs = proofs or ProofRecords([m.pk for m in municipalities])
    states = {
        (municipality_id, criterion_id): (status, effective_on)
        for municipality_id, criterion_id, status, effective_on in CriterionState.objects.filter(
            municipality__in=municipalities, criterion__in=shown
        ).values_list("municipality_id", "criterion_id", "status", "latest__effective_on")
    }
    rows = []
    for municipality in municipalities:
        cells = []
        for criterion in shown:
            if criterion.proved_by:
                proof = proofs.proof(criterion.proved_by, municipality.pk, today)
                cells.append(Cell(criterion, proof.status, proof.text))
            else:
                status, effective_on = states.get(
                    (municipality.pk, criterion.pk), (Status.NOT_STARTED, None)
                )
                cells.append(Cell(criterion, status, effective_on=effective_on))
        rows.append(Row(municipality, cells))
    return rows


def progress(
    municipalities: Sequence[Municipality],
    shown: Sequence[Criterion],
    quarters: Sequence[Quarter],
    *,
    today: datetime.date | None = None,
    proofs: ProofRecords | None = None,
) -> Progress:
    """The share of `shown` met by each municipality at the end of each quarter (the
    current quarter: today)."""
    today = today or timezone.localdate()
    days = [min(quarter.end, today) for quarter in quarters]
    counts = met_counts(municipalities, shown, days, proofs=proofs)
    result = Progress(quarters=list(quarters))
    for municipality in municipalities:
        shares = [n / len(shown) if shown else 0.0 for n in counts[municipality.pk]]
        result.rows.append((municipality, shares))
    return result


def met_counts(
    municipalities: Sequence[Municipality],
    shown: Sequence[Criterion],
    days: Sequence[datetime.date],
    *,
    proofs: ProofRecords | None = None,
) -> dict[int, list[int]]:
    """How many of `shown` each municipality met on each of `days` (in ascending order), from
    the history (a status counts from its date) and the records that prove criteria."""
    proofs = proofs or ProofRecords([m.pk for m in municipalities])
    typed = [c for c in shown if not c.proved_by]
    proved = [c for c in shown if c.proved_by]
    # The history, in the order it holds: by date, then by when it was recorded.
    changes: dict[int, list[tuple[datetime.date, int, str]]] = defaultdict(list)
    if days:
        for municipality_id, criterion_id, status, effective_on in (
            CriterionChange.objects.filter(
                municipality__in=municipalities, criterion__in=typed, effective_on__lte=days[-1]
            )
            .order_by("effective_on", "recorded_at", "pk")
            .values_list("municipality_id", "criterion_id", "status", "effective_on")
        ):
            changes[municipality_id].append((effective_on, criterion_id, str(status)))
    return {m.pk: _counts(changes[m.pk], m.pk, proved, days, proofs) for m in municipalities}


def _counts(
    history: Sequence[tuple[datetime.date, int, str]],
    municipality_id: int,
    proved: Sequence[Criterion],
    days: Sequence[datetime.date],
    proofs: ProofRecords,
) -> list[int]:
    status: dict[int, str] = {}
    i = 0
    counts = []
    for day in days:
        while i < len(history) and history[i][0] <= day:
            _day, criterion_id, value = history[i]
            status[criterion_id] = value
            i += 1
        met = sum(value == MET for value in status.values())
        met += sum(proofs.status(c.proved_by, municipality_id, day) == MET for c in proved)
        counts.append(met)
    return counts
