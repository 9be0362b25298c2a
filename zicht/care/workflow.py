"""A victim's care trajectory as one explicit table of allowed transitions.

The stages follow care coordination as the seeds describe it (Zeeland §4 and appendix 3,
Zaanstreek-Waterland §4.1.3, Twente §2): intake, a support plan, care under that plan,
aftercare against re-victimisation, closure with an outcome. Each edge names who may take
it and why it exists. Nothing moves a trajectory's status except
`zicht.care.trajectories.move`, which checks this table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# One shape of edge for every table: the meldroute's (an edge with its roles and its why).
from zicht.casework.workflow import Transition
from zicht.organisations.models import Role


class TrajectoryStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    PLAN = "plan", _("Support plan")
    IN_CARE = "in_care", _("In care")
    AFTERCARE = "aftercare", _("Aftercare")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    """How a trajectory ended; closing needs one."""

    GOALS_REACHED = "goals_reached", _("Goals reached, living independently")
    REGULAR_CARE = "regular_care", _("Transferred to regular care")
    RETURNED_HOME = "returned_home", _("Returned to the country of origin")
    LEFT_REGION = "left_region", _("Moved out of the region (care handed over)")
    DECLINED = "declined", _("Declined further help")
    LOST_CONTACT = "lost_contact", _("Contact lost")


class ReopenReason(models.TextChoices):
    RELAPSE = "relapse", _("Fell back into exploitation")
    NEW_NEED = "new_need", _("A new need for care")


HUB = Role.HUB_CASE_MANAGER
COORDINATOR = Role.CARE_COORDINATOR
CARE_ROLES = frozenset({HUB, COORDINATOR})
OPEN_STATUSES = frozenset(
    {
        TrajectoryStatus.INTAKE,
        TrajectoryStatus.PLAN,
        TrajectoryStatus.IN_CARE,
        TrajectoryStatus.AFTERCARE,
    }
)

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "start_plan",
            _("Start the support plan"),
            frozenset({TrajectoryStatus.INTAKE}),
            TrajectoryStatus.PLAN,
            CARE_ROLES,
            "After the intake the coordinator writes the plan with the victim: goals per "
            "domain, each with an owner and a date.",
        ),
        Transition(
            "start_care",
            _("Start care"),
            frozenset({TrajectoryStatus.PLAN}),
            TrajectoryStatus.IN_CARE,
            CARE_ROLES,
            "Care starts under a plan: at least one goal (checked in trajectories.start_care); "
            "the day it starts is the monitor's 'time to care'.",
        ),
        Transition(
            "start_aftercare",
            _("Start aftercare"),
            frozenset({TrajectoryStatus.IN_CARE}),
            TrajectoryStatus.AFTERCARE,
            CARE_ROLES,
            "Victims often fall back into the hands of traffickers: aftercare keeps an eye "
            "on them, with a follow-up date (seed 000, 'Hulpverleningstrajecten').",
        ),
        Transition(
            "close",
            _("Close the trajectory"),
            OPEN_STATUSES,
            TrajectoryStatus.CLOSED,
            CARE_ROLES,
            "A trajectory may end at any stage (the victim declines, leaves, is lost), but "
            "never without a recorded outcome (checked in trajectories.close_trajectory).",
        ),
        Transition(
            "reopen",
            _("Reopen"),
            frozenset({TrajectoryStatus.CLOSED}),
            TrajectoryStatus.INTAKE,
            CARE_ROLES,
            "A victim who falls back into exploitation starts again at intake, linked to "
            "the new case, so that re-victimisation can be counted.",
        ),
    )
}


def allowed_transitions(status: str, role: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources and role in t.roles]
