"""Care trajectories with known care figures, on the cases of `create_known_year(year - 1)`
(Twente), made through the operations of `zicht.care` at their moments.

For the period ``year`` (the year after the known year):

- in care or aftercare during the year: A, B, C, F, H = 5;
- care started in the year: A (10 days after the referral), B (20), C (3) = 3, median 10;
- closed in the year: A goals reached, C declined, H moved out of the region = 3;
- closed in the year before (the re-victimisation cohort): D, E, G = 3, of which D fell back
  into exploitation within 12 months (G was reopened for a new need; H fell back, but was
  closed less than 12 months before the end of the year).

For the known year itself: in care D, E, F, G, H = 5; care started D (10 days), E (14), F
(14), G (12), H (9) = 5, median 12; closed D, E, G.

Trajectory A is of a victim in Hengelo (GM0164); the others are of other municipalities.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings

from zicht.care import support, trajectories
from zicht.care.models import GoalDomain
from zicht.care.workflow import Outcome, ReopenReason
from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import PersonRole
from zicht.organisations.models import Membership, Role


def _at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 12, 0, tzinfo=ZoneInfo(settings.TIME_ZONE))


def create_care_year(year: int) -> dict[str, int]:
    """The trajectories A-H above; returns their ids by letter."""
    hub = Membership.objects.get(user__username="hub.twente", role=Role.HUB_CASE_MANAGER)
    victims = list(
        InvolvedPerson.objects.filter(
            role=PersonRole.PRESUMED_VICTIM,
            report__case__region=hub.organisation.region,
            report__received_at__year=year - 1,
        )
        .select_related("report__case__municipality")
        .order_by("report__received_at", "pk")
    )
    hengelo = [v for v in victims if v.report.case.municipality.cbs_code == "GM0164"]
    others = [v for v in victims if v.report.case.municipality.cbs_code != "GM0164"]
    relapse_case = others.pop().report.case_id
    last = year - 1

    def walk(victim: InvolvedPerson, steps: list[tuple[datetime.datetime, Callable]]) -> int:
        """Open the trajectory at the first moment, then take each step at its own."""
        with time_machine.travel(steps[0][0], tick=False):
            trajectory = trajectories.open_trajectory(
                case_id=int(victim.report.case_id or 0), person_id=victim.pk, by=hub
            )
        for moment, step in steps[1:]:
            with time_machine.travel(moment, tick=False):
                step(trajectory.pk)
        return trajectory.pk

    def care(t: int) -> None:
        trajectories.start_plan(trajectory_id=t, by=hub)
        support.add_goal(
            trajectory_id=t,
            by=hub,
            domain=GoalDomain.HOUSING,
            description="Veilige woonplek",
            owner=hub.organisation,
            due_on=datetime.date.today() + datetime.timedelta(days=30),  # noqa: DTZ011
        )
        trajectories.start_care(trajectory_id=t, by=hub)

    def aftercare(t: int) -> None:
        trajectories.start_aftercare(
            trajectory_id=t,
            by=hub,
            follow_up_on=datetime.date.today() + datetime.timedelta(days=90),  # noqa: DTZ011
        )

    def close(outcome: str) -> Callable[[int], None]:
        return lambda t: trajectories.close_trajectory(trajectory_id=t, by=hub, outcome=outcome)

    def reopen(reason: str) -> Callable[[int], None]:
        return lambda t: trajectories.reopen_trajectory(
            trajectory_id=t,
            by=hub,
            reason=reason,
            note="Opnieuw gemeld.",
            new_case_id=relapse_case if reason == ReopenReason.RELAPSE else None,
        )

    def opened(t: int) -> None:
        """The first step of every plan: `walk` opens the trajectory at its moment."""

    plans: dict[str, tuple[InvolvedPerson, list[tuple[datetime.datetime, Callable]]]] = {
        "A": (
            hengelo[0],
            [
                (_at(year, 2, 1), opened),
                (_at(year, 2, 11), care),
                (_at(year, 6, 1), aftercare),
                (_at(year, 9, 1), close(Outcome.GOALS_REACHED)),
            ],
        ),
        "B": (others[0], [(_at(year, 3, 1), opened), (_at(year, 3, 21), care)]),
        "C": (
            others[1],
            [
                (_at(year, 4, 1), opened),
                (_at(year, 4, 4), care),
                (_at(year, 5, 1), close(Outcome.DECLINED)),
            ],
        ),
        "D": (
            others[2],
            [
                (_at(last, 1, 15), opened),
                (_at(last, 1, 25), care),
                (_at(last, 3, 15), close(Outcome.GOALS_REACHED)),
                (_at(last, 12, 1), reopen(ReopenReason.RELAPSE)),
            ],
        ),
        "E": (
            others[3],
            [
                (_at(last, 2, 15), opened),
                (_at(last, 3, 1), care),
                (_at(last, 6, 1), close(Outcome.LOST_CONTACT)),
            ],
        ),
        "F": (others[4], [(_at(last, 10, 1), opened), (_at(last, 10, 15), care)]),
        "G": (
            others[5],
            [
                (_at(last, 5, 20), opened),
                (_at(last, 6, 1), care),
                (_at(last, 8, 1), close(Outcome.REGULAR_CARE)),
                (_at(last, 9, 1), reopen(ReopenReason.NEW_NEED)),
            ],
        ),
        "H": (
            others[6],
            [
                (_at(last, 11, 1), opened),
                (_at(last, 11, 10), care),
                (_at(year, 1, 5), close(Outcome.LEFT_REGION)),
                (_at(year, 2, 1), reopen(ReopenReason.RELAPSE)),
            ],
        ),
    }
    return {letter: walk(victim, steps) for letter, (victim, steps) in plans.items()}
