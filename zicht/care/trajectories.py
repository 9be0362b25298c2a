"""Opening a victim's care trajectory and moving it along its table (`workflow.py`).

Every operation runs in one transaction with the trajectory (or, when opening, the case)
locked, checks the role and the visibility rule, appends to the history, writes the access
log and tells the coordinators after commit. HTML views, commands and the demo call these.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.care.models import CareTrajectory, TrajectoryStep
from zicht.care.workflow import CARE_ROLES, TRANSITIONS, Outcome, ReopenReason, TrajectoryStatus
from zicht.casework.models import Case
from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import PersonRole
from zicht.notifications.delivery import Text, notify_users
from zicht.organisations import recipients
from zicht.organisations.models import Membership, Organisation, OrganisationType, Role

# Who can coordinate care: the hub itself, or a care or shelter organisation of the region.
COORDINATING_TYPES = frozenset(
    {OrganisationType.REGIONAL_HUB, OrganisationType.CARE, OrganisationType.SHELTER}
)


class CareRefused(Exception):
    """A change the care rules do not allow; the message is shown to the user."""


class NotFound(Exception):
    """Not visible to this membership: the caller answers 404."""


def trajectory_link(trajectory: CareTrajectory) -> str:
    return reverse("care:trajectory_detail", args=[trajectory.pk])


def require_care_role(by: Membership) -> None:
    if by.role not in CARE_ROLES:
        raise CareRefused(_("Only the regional hub or a care coordinator can do this."))


def lock_visible_trajectory(trajectory_id: int, by: Membership) -> CareTrajectory:
    """The trajectory locked for a change, if the membership may see it (else NotFound)."""
    if not CareTrajectory.objects.visible_to(by).filter(pk=trajectory_id).exists():
        raise NotFound
    return CareTrajectory.objects.select_for_update().get(pk=trajectory_id)


def lock_open_trajectory(trajectory_id: int, by: Membership) -> CareTrajectory:
    """As `lock_visible_trajectory`, refusing a closed trajectory (the plan, contacts and
    reflection period are changed only while care runs)."""
    trajectory = lock_visible_trajectory(trajectory_id, by)
    require_care_role(by)
    if trajectory.is_closed:
        raise CareRefused(_("The trajectory is closed; reopen it first."))
    return trajectory


def log_change(by: Membership, trajectory: CareTrajectory, action: str, **detail: object) -> None:
    record_change(
        membership=by,
        action=action,
        obj=trajectory,
        person_ids=[trajectory.person_id],
        purpose=Purpose.CARE_COORDINATION,
        detail=detail,
    )


def coordinators(trajectory: CareTrajectory) -> list:
    """Who is told about a trajectory: its organisation's care coordinators, or the hub's
    case managers when the organisation has none."""
    return recipients.staff_in_role(
        trajectory.coordinating_organisation, Role.CARE_COORDINATOR
    ) or recipients.hub_staff(trajectory.case.region)


def move(
    trajectory: CareTrajectory,
    *,
    transition: str,
    by: Membership,
    reason: str = "",
    note: str = "",
    linked_case: Case | None = None,
) -> TrajectoryStep:
    """Change a locked trajectory's status along an edge of the table and append the step.
    Checks the role and the edge, so no code path makes a move the table does not allow."""
    edge = TRANSITIONS[transition]
    if by.role not in edge.roles:
        raise CareRefused(
            _("Your role (%(role)s) cannot take the step “%(step)s”.")
            % {"role": by.get_role_display(), "step": edge.label}
        )
    if trajectory.status not in edge.sources:
        raise CareRefused(
            _("“%(step)s” is not possible now: the trajectory is “%(status)s”.")
            % {"step": edge.label, "status": trajectory.get_status_display()}
        )
    step = TrajectoryStep.objects.create(
        trajectory=trajectory,
        transition=transition,
        from_status=trajectory.status,
        to_status=edge.target,
        actor=by.user,
        actor_organisation=by.organisation,
        reason=reason,
        linked_case=linked_case,
        note=note,
    )
    trajectory.status = edge.target
    trajectory.save(update_fields=["status", "updated_at"])
    log_change(by, trajectory, AccessAction.TRANSITION, transition=transition, reason=reason)
    return step


def _coordinating_organisation(
    case: Case, by: Membership, wanted: Organisation | None
) -> Organisation:
    if by.role == Role.CARE_COORDINATOR:
        if wanted is not None and wanted != by.organisation:
            raise CareRefused(
                _("A care coordinator opens trajectories for their own organisation.")
            )
        return by.organisation
    chosen = wanted or by.organisation
    if chosen.region_id != case.region_id or chosen.type not in COORDINATING_TYPES:
        raise CareRefused(
            _(
                "Care is coordinated by the hub or a care or shelter organisation "
                "of the case's region."
            )
        )
    return chosen


@transaction.atomic
def open_trajectory(
    *,
    case_id: int,
    person_id: int,
    by: Membership,
    coordinating_organisation: Organisation | None = None,
    note: str = "",
) -> CareTrajectory:
    """Open the care trajectory of a presumed victim of a visible case, at intake."""
    if not Case.objects.visible_to(by).filter(pk=case_id).exists():
        raise NotFound
    require_care_role(by)
    # The case row serialises two openings for the same person.
    case = Case.objects.select_for_update().get(pk=case_id)
    person = InvolvedPerson.objects.filter(pk=person_id, report__case=case).first()
    if person is None:
        raise NotFound
    if person.role != PersonRole.PRESUMED_VICTIM:
        raise CareRefused(_("A care trajectory is opened only for a presumed victim."))
    if CareTrajectory.objects.filter(person=person).exists():
        raise CareRefused(_("This person already has a care trajectory."))
    organisation = _coordinating_organisation(case, by, coordinating_organisation)
    trajectory = CareTrajectory.objects.create(
        case=case,
        person=person,
        coordinating_organisation=organisation,
        status=TrajectoryStatus.INTAKE,
        opened_by=by.user,
    )
    TrajectoryStep.objects.create(
        trajectory=trajectory,
        transition="open",
        to_status=TrajectoryStatus.INTAKE,
        actor=by.user,
        actor_organisation=by.organisation,
        note=note,
    )
    log_change(by, trajectory, AccessAction.CREATE, case=case.pk)
    notify_users(
        [user for user in coordinators(trajectory) if user != by.user],
        subject=Text(
            gettext_lazy("New care trajectory %(ref)s (case %(case)s)"),
            {"ref": trajectory.reference, "case": case.reference},
        ),
        body=gettext_lazy(
            "A care trajectory was opened for a presumed victim; your organisation coordinates it."
        ),
        link=trajectory_link(trajectory),
    )
    return trajectory


@transaction.atomic
def start_plan(*, trajectory_id: int, by: Membership, note: str = "") -> CareTrajectory:
    trajectory = lock_visible_trajectory(trajectory_id, by)
    move(trajectory, transition="start_plan", by=by, note=note)
    return trajectory


@transaction.atomic
def start_care(*, trajectory_id: int, by: Membership, note: str = "") -> CareTrajectory:
    """Care starts under a plan: at least one goal."""
    trajectory = lock_visible_trajectory(trajectory_id, by)
    if trajectory.status == TrajectoryStatus.PLAN and not trajectory.goals.exists():
        raise CareRefused(_("Care starts under a plan: add at least one goal first."))
    move(trajectory, transition="start_care", by=by, note=note)
    trajectory.care_started_at = timezone.now()
    trajectory.save(update_fields=["care_started_at"])
    return trajectory


@transaction.atomic
def start_aftercare(
    *, trajectory_id: int, by: Membership, follow_up_on: datetime.date, note: str = ""
) -> CareTrajectory:
    """Aftercare against re-victimisation, with the date of the next follow-up."""
    trajectory = lock_visible_trajectory(trajectory_id, by)
    if follow_up_on < timezone.localdate():
        raise CareRefused(_("The follow-up date cannot be in the past."))
    move(trajectory, transition="start_aftercare", by=by, note=note)
    trajectory.aftercare_follow_up_on = follow_up_on
    trajectory.save(update_fields=["aftercare_follow_up_on"])
    return trajectory


@transaction.atomic
def close_trajectory(
    *, trajectory_id: int, by: Membership, outcome: str, note: str = ""
) -> CareTrajectory:
    """Close with a recorded outcome, from any stage."""
    trajectory = lock_visible_trajectory(trajectory_id, by)
    if outcome not in Outcome.values:
        raise CareRefused(_("Record the outcome of the trajectory to close it."))
    move(trajectory, transition="close", by=by, reason=outcome, note=note)
    trajectory.outcome = outcome
    trajectory.closed_at = timezone.now()
    trajectory.save(update_fields=["outcome", "closed_at"])
    return trajectory


@transaction.atomic
def reopen_trajectory(
    *,
    trajectory_id: int,
    by: Membership,
    reason: str,
    note: str,
    new_case_id: int | None = None,
) -> CareTrajectory:
    """Back to intake. A victim who fell back into exploitation is linked to the new case
    in which that was reported, so that re-victimisation is counted."""
    trajectory = lock_visible_trajectory(trajectory_id, by)
    if reason not in ReopenReason.values:
        raise CareRefused(_("Choose why the trajectory is reopened."))
    if not note.strip():
        raise CareRefused(_("Say why the trajectory is reopened."))
    new_case = None
    if reason == ReopenReason.RELAPSE:
        new_case = (
            Case.objects.visible_to(by).filter(pk=new_case_id).first() if new_case_id else None
        )
        if new_case is None or new_case.pk == trajectory.case_id:
            raise CareRefused(
                _("Name the new case in which the victim was reported again (a case you can see).")
            )
    move(trajectory, transition="reopen", by=by, reason=reason, note=note, linked_case=new_case)
    trajectory.outcome = ""
    trajectory.closed_at = None
    trajectory.relapse_case = new_case
    trajectory.aftercare_follow_up_on = None
    trajectory.save(
        update_fields=["outcome", "closed_at", "relapse_case", "aftercare_follow_up_on"]
    )
    return trajectory
