"""Criteria proved by records instead of typed by hand: the focal officer (a membership in
the role `focal_officer` at the municipality's own organisation, zicht.organisations) and
the training register (every department of the municipality trained in the last 12 months).

`ProofRecords` reads those records once for a set of municipalities and answers for any
day, so the regional view and its history per quarter ask the database twice, not once per
municipality and quarter."""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from zicht.baseline.models import Department, ProvedBy, Status, Training
from zicht.organisations.models import Membership, Role

# "Trained" means a training within the last twelve months: the plans ask for yearly
# attention (seed 001 appendix 3, awareness 1c; seed 002 §4.1 "jaarlijkse herinnering").
TRAINING_WINDOW = datetime.timedelta(days=365)


@dataclass(frozen=True)
class Proof:
    status: str
    text: str


@dataclass(frozen=True)
class _Department:
    pk: int
    name: str
    created_on: datetime.date
    dates: list[datetime.date]  # sorted days of its trainings

    def trained_on(self, day: datetime.date) -> bool:
        """A training in the twelve months up to and including `day`."""
        i = bisect.bisect_right(self.dates, day)
        return i > 0 and self.dates[i - 1] > day - TRAINING_WINDOW


@dataclass(frozen=True)
class _FocalOfficer:
    name: str
    since: datetime.date


class ProofRecords:
    def __init__(self, municipality_ids: Collection[int]) -> None:
        tz = timezone.get_current_timezone()
        self.departments: dict[int, list[_Department]] = defaultdict(list)
        dates: dict[int, list[datetime.date]] = defaultdict(list)
        for department_id, day in (
            Training.objects.filter(department__municipality_id__in=municipality_ids)
            .values_list("department_id", "followed_on")
            .distinct()
            .order_by("department_id", "followed_on")
        ):
            dates[department_id].append(day)
        for pk, municipality_id, name, created_at in Department.objects.filter(
            municipality_id__in=municipality_ids
        ).values_list("pk", "municipality_id", "name", "created_at"):
            self.departments[municipality_id].append(
                _Department(pk, name, created_at.astimezone(tz).date(), dates.get(pk, []))
            )
        self.focal_officers: dict[int, list[_FocalOfficer]] = defaultdict(list)
        for municipality_id, first, last, username, created_at in (
            Membership.objects.active()
            .filter(
                role=Role.FOCAL_OFFICER,
                user__is_active=True,
                organisation__municipality_id__in=municipality_ids,
            )
            .values_list(
                "organisation__municipality_id",
                "user__first_name",
                "user__last_name",
                "user__username",
                "created_at",
            )
            .order_by("created_at")
        ):
            name = f"{first} {last}".strip() or username
            self.focal_officers[municipality_id].append(
                _FocalOfficer(name, created_at.astimezone(tz).date())
            )

    def proof(self, kind: str, municipality_id: int, day: datetime.date) -> Proof:
        if kind == ProvedBy.FOCAL_OFFICER:
            return self.focal_officer(municipality_id, day)
        return self.training(municipality_id, day)

    def status(self, kind: str, municipality_id: int, day: datetime.date) -> str:
        """The status alone, without the words (the history per quarter asks it often)."""
        if kind == ProvedBy.FOCAL_OFFICER:
            return Status.MET if self._focal_names(municipality_id, day) else Status.NOT_STARTED
        return _training_status(*self._trained(municipality_id, day))

    def _focal_names(self, municipality_id: int, day: datetime.date) -> list[str]:
        return [f.name for f in self.focal_officers[municipality_id] if f.since <= day]

    def _trained(self, municipality_id: int, day: datetime.date) -> tuple[int, int]:
        """(departments trained in the 12 months up to `day`, departments there were)."""
        departments = [d for d in self.departments[municipality_id] if d.created_on <= day]
        return sum(d.trained_on(day) for d in departments), len(departments)

    def focal_officer(self, municipality_id: int, day: datetime.date) -> Proof:
        names = self._focal_names(municipality_id, day)
        if not names:
            return Proof(Status.NOT_STARTED, _("No focal officer is registered in zicht."))
        return Proof(Status.MET, _("Focal officer: %(names)s") % {"names": ", ".join(names)})

    def training(self, municipality_id: int, day: datetime.date) -> Proof:
        trained, total = self._trained(municipality_id, day)
        if not total:
            return Proof(Status.NOT_STARTED, _("No departments in the training register."))
        text = ngettext(
            "%(trained)s of %(total)s department trained in the last 12 months",
            "%(trained)s of %(total)s departments trained in the last 12 months",
            total,
        ) % {"trained": trained, "total": total}
        return Proof(_training_status(trained, total), text)

    def untrained(self, municipality_id: int, day: datetime.date) -> list[_Department]:
        return [d for d in self.departments[municipality_id] if not d.trained_on(day)]


def _training_status(trained: int, total: int) -> str:
    if total and trained == total:
        return Status.MET
    return Status.IN_PROGRESS if trained else Status.NOT_STARTED
