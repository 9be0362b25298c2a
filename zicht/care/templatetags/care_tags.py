"""Care on pages that belong to the meldroute: the presumed victims' trajectories on the case
page, and what waits in care on the start page. The pages are casework's, which may not
import care (a layer above); their templates load these tags."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import template
from django.utils import timezone

from zicht.care.forms import OpenTrajectoryForm
from zicht.care.models import CareTrajectory, GoalStatus, ReflectionPeriod, SupportGoal
from zicht.care.reminders import REMIND_DAYS_BEFORE_END, reflection_periods_ending
from zicht.care.shelter import is_office_hours, visible_placements
from zicht.care.shelter_models import Placement
from zicht.care.workflow import CARE_ROLES
from zicht.casework.models import Case
from zicht.intake.vocabulary import PersonRole
from zicht.organisations.models import Membership, Role

register = template.Library()


@dataclass(frozen=True)
class VictimCare:
    person: Any
    trajectory: CareTrajectory | None
    open_form: OpenTrajectoryForm | None
    may_open: bool
    placement: Placement | None


@register.simple_tag
def case_care(case: Case, persons: list[Any], membership: Membership | None) -> list[VictimCare]:
    """For each presumed victim shown on the case page: the trajectory the membership may
    open, or the form to open one. Only for the hub and care coordinators."""
    if membership is None or membership.role not in CARE_ROLES:
        return []
    victims = [p for p in persons if p.role == PersonRole.PRESUMED_VICTIM]
    taken = set(
        CareTrajectory.objects.filter(person__in=victims).values_list("person_id", flat=True)
    )
    visible = {
        t.person_id: t
        for t in CareTrajectory.objects.visible_to(membership).filter(person__in=victims)
    }
    is_hub = membership.role == Role.HUB_CASE_MANAGER
    placements = {
        p.person_id: p
        for p in visible_placements(membership)
        .filter(person__in=victims)
        .select_related("unit")
        .order_by("requested_at", "pk")
    }
    return [
        VictimCare(
            person=person,
            trajectory=visible.get(person.pk),
            open_form=OpenTrajectoryForm(
                prefix=f"care-{person.pk}",
                region=case.region,
                initial={"coordinating_organisation": membership.organisation_id},
            )
            if is_hub and person.pk not in taken
            else None,
            may_open=person.pk not in taken,
            placement=placements.get(person.pk),
        )
        for person in victims
    ]


@register.simple_tag
def offers_shelter_now(case: Case) -> bool:
    """The acute path out of office hours: the case page offers a shelter place at once."""
    return case.is_acute and not case.is_closed and not is_office_hours()


@dataclass(frozen=True)
class CareWaiting:
    reflection_ending: list[ReflectionPeriod]
    overdue_goals: list[SupportGoal]
    aftercare_due: list[CareTrajectory]

    def __bool__(self) -> bool:
        return bool(self.reflection_ending or self.overdue_goals or self.aftercare_due)


@register.simple_tag
def care_waiting(membership: Membership | None) -> CareWaiting | None:
    """What waits in the membership's trajectories: reflection periods ending within two
    weeks, goals past their date and aftercare follow-ups that are due."""
    if membership is None or membership.role not in CARE_ROLES:
        return None
    today = timezone.localdate()
    mine = CareTrajectory.objects.visible_to(membership).open()
    return CareWaiting(
        reflection_ending=list(
            reflection_periods_ending(today)
            .filter(trajectory__in=mine)
            .select_related("trajectory")
            .order_by("ends_on")[:20]
        ),
        overdue_goals=list(
            SupportGoal.objects.filter(
                trajectory__in=mine,
                status__in=[GoalStatus.OPEN, GoalStatus.IN_PROGRESS],
                due_on__lt=today,
            )
            .select_related("trajectory")
            .order_by("due_on")[:20]
        ),
        aftercare_due=list(
            mine.filter(
                aftercare_follow_up_on__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE_END)
            ).order_by("aftercare_follow_up_on")[:20]
        ),
    )
