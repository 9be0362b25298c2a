"""The support plan (goals per domain), the providers involved and the contact moments of
a trajectory. Each change locks the open trajectory, checks its input and writes the log."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.audit.models import AccessAction
from zicht.care.models import (
    CareTrajectory,
    ConsentBy,
    ContactKind,
    ContactMoment,
    GoalDomain,
    GoalStatus,
    LegalBasis,
    ProviderInvolvement,
    SupportGoal,
)
from zicht.care.trajectories import (
    CareRefused,
    NotFound,
    lock_open_trajectory,
    log_change,
)
from zicht.lib.ages import age_on as age_on
from zicht.organisations.models import Membership, Organisation

# Under 16 a parent or guardian consents for the victim (AVG art. 8, UAVG art. 5).
OWN_CONSENT_AGE = 16


def _require_regional(trajectory: CareTrajectory, organisation: Organisation) -> None:
    if not organisation.is_active or (
        organisation.region_id != trajectory.case.region_id and not organisation.is_hub
    ):
        raise CareRefused(_("Choose an active organisation of the case's region."))


@transaction.atomic
def add_goal(
    *,
    trajectory_id: int,
    by: Membership,
    domain: str,
    description: str,
    owner: Organisation,
    due_on: datetime.date,
) -> SupportGoal:
    trajectory = lock_open_trajectory(trajectory_id, by)
    if domain not in GoalDomain.values:
        raise CareRefused(_("Choose the domain of the goal."))
    if not description.strip():
        raise CareRefused(_("Describe the goal."))
    if due_on < timezone.localdate():
        raise CareRefused(_("The due date cannot be in the past."))
    _require_regional(trajectory, owner)
    goal = SupportGoal.objects.create(
        trajectory=trajectory,
        domain=domain,
        description=description.strip(),
        owner=owner,
        due_on=due_on,
        created_by=by.user,
    )
    log_change(by, trajectory, AccessAction.UPDATE, goal=goal.pk, domain=domain)
    return goal


@transaction.atomic
def set_goal_status(*, goal_id: int, by: Membership, status: str) -> SupportGoal:
    goal = SupportGoal.objects.filter(pk=goal_id).only("trajectory_id").first()
    if goal is None:
        raise NotFound
    trajectory = lock_open_trajectory(goal.trajectory_id, by)
    if status not in GoalStatus.values:
        raise CareRefused(_("Choose the status of the goal."))
    goal = SupportGoal.objects.get(pk=goal_id)
    goal.status = status
    goal.save(update_fields=["status", "updated_at"])
    log_change(by, trajectory, AccessAction.UPDATE, goal=goal.pk, status=status)
    return goal


@transaction.atomic
def involve_provider(
    *,
    trajectory_id: int,
    by: Membership,
    provider: Organisation,
    purpose: str,
    legal_basis: str,
    consent_on: datetime.date | None = None,
    consent_by: str = "",
) -> ProviderInvolvement:
    """Record a provider in the trajectory with the purpose and legal basis of what it is
    told; on consent, the date and who gave it (a parent or guardian under 16)."""
    trajectory = lock_open_trajectory(trajectory_id, by)
    _require_regional(trajectory, provider)
    if not purpose.strip():
        raise CareRefused(_("State the purpose for which the provider receives the data."))
    if legal_basis not in LegalBasis.values:
        raise CareRefused(_("Choose the legal basis of the disclosure."))
    if legal_basis == LegalBasis.CONSENT:
        if consent_on is None or consent_by not in ConsentBy.values:
            raise CareRefused(_("With consent as the basis, record when and by whom it was given."))
        if consent_on > timezone.localdate():
            raise CareRefused(_("Consent cannot be given on a date in the future."))
        birth_date = trajectory.person.birth_date
        if (
            birth_date is not None
            and age_on(birth_date, consent_on) < OWN_CONSENT_AGE
            and consent_by != ConsentBy.PARENT
        ):
            raise CareRefused(_("Under 16, a parent or guardian gives consent."))
    else:
        consent_on, consent_by = None, ""
    if trajectory.providers.filter(provider=provider).exists():
        raise CareRefused(_("This provider is already involved in the trajectory."))
    involvement = ProviderInvolvement.objects.create(
        trajectory=trajectory,
        provider=provider,
        purpose=purpose.strip(),
        legal_basis=legal_basis,
        consent_on=consent_on,
        consent_by=consent_by,
        recorded_by=by.user,
    )
    log_change(
        by,
        trajectory,
        AccessAction.UPDATE,
        provider=provider.pk,
        legal_basis=legal_basis,
        purpose=involvement.purpose,
    )
    return involvement


@transaction.atomic
def record_contact(
    *, trajectory_id: int, by: Membership, on: datetime.date, kind: str, summary: str
) -> ContactMoment:
    trajectory = lock_open_trajectory(trajectory_id, by)
    if kind not in ContactKind.values:
        raise CareRefused(_("Choose the kind of contact."))
    if on > timezone.localdate():
        raise CareRefused(_("A contact moment cannot lie in the future."))
    if not summary.strip():
        raise CareRefused(_("Summarise the contact."))
    contact = ContactMoment.objects.create(
        trajectory=trajectory, on=on, kind=kind, summary=summary.strip(), recorded_by=by.user
    )
    log_change(by, trajectory, AccessAction.UPDATE, contact=contact.pk)
    return contact
