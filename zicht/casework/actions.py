"""Follow-up actions and their handovers (step 4 of the meldroute).

The hub adds an action with an owning organisation and a due date; an action for another
organisation is a handover that it accepts or declines; the owner completes the action with
its outcome. Each operation runs in one transaction, writes the access log and tells the
organisations concerned after commit (`zicht.casework.routing` has the rules they share).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction
from zicht.casework.models import (
    ActionKind,
    ActionStatus,
    Case,
    FollowUpAction,
    Handover,
    HandoverStatus,
)
from zicht.casework.routing import (
    NotFound,
    RouteRefused,
    case_link,
    lock_visible_case,
    move,
    require_hub,
)
from zicht.casework.telling import readers_of
from zicht.casework.workflow import TRANSITIONS, Status
from zicht.notifications.delivery import Text, notify_users
from zicht.organisations import recipients
from zicht.organisations.models import Membership, Organisation, Role


@transaction.atomic
def add_action(
    *,
    case_id: int,
    by: Membership,
    kind: str,
    owner: Organisation,
    due_on: datetime.date,
    instructions: str = "",
) -> FollowUpAction:
    """Step 4: a follow-up action with an owning organisation and a due date.

    An action for another organisation is a handover that it must accept; adding
    the first action to a case reported to the hub starts its follow-up. Besides the hub,
    a case table's chair or secretary adds the actions its table decided on, for a case on
    its agenda (the visibility rule) whose follow-up the hub has started."""
    case = lock_visible_case(case_id, by)
    if by.role != Role.TABLE_SECRETARY:
        require_hub(by, case)
    if case.is_closed:
        raise RouteRefused(_("The case is closed; reopen it first."))
    if by.role == Role.TABLE_SECRETARY and case.status != Status.FOLLOW_UP:
        raise RouteRefused(
            _(
                "The regional hub starts the follow-up of this case first; then the table's "
                "decision can become an action."
            )
        )
    if owner.region_id != case.region_id and not owner.is_hub:
        raise RouteRefused(_("The owning organisation must belong to the case's region."))
    if case.status in TRANSITIONS["start_follow_up"].sources:
        move(case, transition="start_follow_up", actor=by)
    own = owner.pk == by.organisation_id
    action = FollowUpAction.objects.create(
        case=case,
        kind=kind,
        owner=owner,
        due_on=due_on,
        instructions=instructions,
        status=ActionStatus.OPEN if own else ActionStatus.AWAITING_ACCEPTANCE,
        created_by=by.user,
    )
    if not own:
        Handover.objects.create(
            case=case,
            action=action,
            from_organisation=by.organisation,
            to_organisation=owner,
            status=HandoverStatus.PENDING,
        )
        # Only the members who may open the case take on a handover (not, say, the
        # municipality's safety officer or its reporters).
        notify_users(
            readers_of(case, recipients.organisation_members(owner)),
            subject=Text(
                gettext_lazy("Handover to %(organisation)s: %(action)s (case %(ref)s)"),
                {
                    "organisation": owner.name,
                    "action": ActionKind(action.kind).label,
                    "ref": case.reference,
                },
            ),
            body=gettext_lazy(
                "The regional hub asks your organisation to take on an action. "
                "Accept or decline it in zicht."
            ),
            link=case_link(case),
        )
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=action,
        detail={"case": case.pk, "kind": kind, "owner": owner.pk},
    )
    return action


@transaction.atomic
def decide_handover(
    *, handover_id: int, by: Membership, accept: bool, reason: str = ""
) -> Handover:
    handover = (
        Handover.objects.select_for_update(of=("self",))
        .select_related("action", "case__region")
        .get(pk=handover_id)
    )
    if handover.to_organisation_id != by.organisation_id:
        raise NotFound
    if handover.status != HandoverStatus.PENDING:
        raise RouteRefused(_("This handover has already been decided."))
    if not accept and not reason.strip():
        raise RouteRefused(_("Say why your organisation declines the handover."))
    handover.status = HandoverStatus.ACCEPTED if accept else HandoverStatus.DECLINED
    handover.decided_at = timezone.now()
    handover.decided_by = by.user
    handover.decline_reason = "" if accept else reason
    handover.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
    if handover.action is not None:
        handover.action.status = ActionStatus.OPEN if accept else ActionStatus.DECLINED
        handover.action.save(update_fields=["status"])
    record_change(
        membership=by,
        action=AccessAction.UPDATE,
        obj=handover,
        detail={"case": handover.case_id, "accepted": accept},
    )
    notify_users(
        recipients.hub_staff(handover.case.region),
        subject=Text(
            gettext_lazy("Handover accepted by %(organisation)s (case %(ref)s)")
            if accept
            else gettext_lazy("Handover declined by %(organisation)s (case %(ref)s)"),
            {"organisation": by.organisation.name, "ref": handover.case.reference},
        ),
        body=reason or gettext_lazy("The handover was accepted."),
        link=case_link(handover.case),
    )
    return handover


@transaction.atomic
def complete_action(*, action_id: int, by: Membership, outcome: str) -> FollowUpAction:
    try:
        action = (
            FollowUpAction.objects.filter(case__in=Case.objects.visible_to(by))
            .select_for_update(of=("self", "case"))
            .select_related("case__region")
            .get(pk=action_id)
        )
    except FollowUpAction.DoesNotExist:
        raise NotFound from None
    if action.owner_id != by.organisation_id:
        raise RouteRefused(_("Only the owning organisation can complete this action."))
    if action.status != ActionStatus.OPEN:
        raise RouteRefused(
            _("This action cannot be completed: it is “%(status)s”.")
            % {"status": action.get_status_display()}
        )
    if not outcome.strip():
        raise RouteRefused(_("Describe the outcome of the action."))
    action.status = ActionStatus.DONE
    action.outcome = outcome
    action.completed_at = timezone.now()
    action.completed_by = by.user
    action.save(update_fields=["status", "outcome", "completed_at", "completed_by"])
    record_change(
        membership=by, action=AccessAction.UPDATE, obj=action, detail={"case": action.case_id}
    )
    notify_users(
        recipients.hub_staff(action.case.region),
        subject=Text(
            gettext_lazy("Action done: %(action)s (case %(ref)s)"),
            {"action": ActionKind(action.kind).label, "ref": action.case.reference},
        ),
        body=Text(
            gettext_lazy("%(organisation)s completed a follow-up action."),
            {"organisation": by.organisation.name},
        ),
        link=case_link(action.case),
    )
    return action
