"""The operations of the meldroute. HTML views, htmx fragments, the API and
commands all call these functions; each runs in one transaction with the case
row locked, appends to the case history, writes the access log and sends its
notifications after commit.
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
    ActionStatus,
    Case,
    CaseLink,
    CaseStep,
    Feedback,
    FollowUpAction,
    Handover,
    HandoverStatus,
    SafetyNotice,
)
from zicht.casework.workflow import TRANSITIONS, ClosureReason, Status
from zicht.notifications.delivery import notify_users
from zicht.organisations import recipients
from zicht.organisations.models import Membership, Organisation, Role

DEFAULT_FEEDBACK_DAYS = 14


class RouteRefused(Exception):
    """A step the meldroute does not allow; the message is shown to the user."""


class NotFound(Exception):
    """The case is not visible to this membership: the caller answers 404."""


def _person_ids(case: Case) -> list[int]:
    from zicht.intake.models import InvolvedPerson

    return list(InvolvedPerson.objects.filter(report__case=case).values_list("pk", flat=True))


def _lock_visible_case(case_id: int, by: Membership) -> Case:
    if not Case.objects.visible_to(by).filter(pk=case_id).exists():
        raise NotFound
    return Case.objects.select_for_update().get(pk=case_id)


def case_link(case: Case) -> str:
    from django.urls import reverse

    return reverse("casework:case_detail", args=[case.pk])


def move(
    case: Case,
    *,
    transition: str,
    actor: Membership | None,
    note: str = "",
) -> CaseStep:
    """Change a locked case's status along an edge of the table and append the step.

    Callers have checked the role; this checks the edge, so no code path can make
    a move the table does not allow.
    """
    edge = TRANSITIONS[transition]
    if case.status not in edge.sources:
        raise RouteRefused(
            _("“%(step)s” is not possible now: the case is “%(status)s”.")
            % {"step": edge.label, "status": case.get_status_display()}
        )
    step = CaseStep.objects.create(
        case=case,
        transition=transition,
        from_status=case.status,
        to_status=edge.target,
        actor=actor.user if actor else None,
        actor_organisation=actor.organisation if actor else None,
        note=note,
    )
    case.status = edge.target
    fields = ["status", "updated_at"]
    if edge.target == Status.ACUTE:
        case.is_acute = True
        fields.append("is_acute")
    if edge.target == Status.REPORTED_TO_HUB and case.reported_to_hub_at is None:
        case.reported_to_hub_at = step.at
        fields.append("reported_to_hub_at")
    case.save(update_fields=fields)
    return step


def record_receipt(case: Case, actor: Membership | None) -> CaseStep:
    """The first step of every case: received (not a transition, the start)."""
    return CaseStep.objects.create(
        case=case,
        transition="receive",
        from_status="",
        to_status=Status.RECEIVED,
        actor=actor.user if actor else None,
        actor_organisation=actor.organisation if actor else None,
    )


def _check_role(transition: str, by: Membership) -> None:
    if by.role not in TRANSITIONS[transition].roles:
        raise RouteRefused(
            _("Your role (%(role)s) cannot take the step “%(step)s”.")
            % {"role": by.get_role_display(), "step": TRANSITIONS[transition].label}
        )


def _log_step(by: Membership | None, case: Case, transition: str, **detail) -> None:
    record_change(
        membership=by,
        action=AccessAction.TRANSITION,
        obj=case,
        person_ids=_person_ids(case),
        detail={"transition": transition, **detail},
    )


@transaction.atomic
def start_enriching(*, case_id: int, by: Membership, note: str = "") -> Case:
    case = _lock_visible_case(case_id, by)
    _check_role("start_enriching", by)
    move(case, transition="start_enriching", actor=by, note=note)
    _log_step(by, case, "start_enriching")
    return case


def announce_acute(case: Case) -> None:
    """Acute danger reaches a person at once: the hub and the police contact."""
    users = recipients.hub_staff(case.region) + recipients.police_contacts(case.region)
    notify_users(
        users,
        subject=_("ACUTE: case %(ref)s in %(municipality)s")
        % {"ref": case.reference, "municipality": case.municipality.name},
        body=_(
            "A report of acute danger was received. Contact the reporter and the police now; "
            "call 112 when a life is threatened."
        ),
        link=case_link(case),
        urgent=True,
    )


@transaction.atomic
def escalate_acute(*, case_id: int, by: Membership, note: str = "") -> Case:
    case = _lock_visible_case(case_id, by)
    _check_role("escalate_acute", by)
    move(case, transition="escalate_acute", actor=by, note=note)
    _log_step(by, case, "escalate_acute")
    announce_acute(case)
    return case


def _request_feedback(case: Case, feedback_days: int) -> Feedback | None:
    focal_organisation = getattr(case.municipality, "organisation", None)
    if focal_organisation is None:
        return None
    return Feedback.objects.create(
        case=case,
        to_organisation=focal_organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=feedback_days),
    )


def hand_to_hub(
    case: Case, *, by: Membership | None, note: str = "", feedback_days: int = DEFAULT_FEEDBACK_DAYS
) -> None:
    """Move a locked case to the hub, agree the feedback term and tell the hub."""
    move(case, transition="report_to_hub", actor=by, note=note)
    _request_feedback(case, feedback_days)
    notify_users(
        recipients.hub_staff(case.region),
        subject=_("New case for the hub: %(ref)s (%(municipality)s)")
        % {"ref": case.reference, "municipality": case.municipality.name},
        body=_("A case was reported to the regional hub."),
        link=case_link(case),
        urgent=case.is_acute,
    )


@transaction.atomic
def report_to_hub(
    *, case_id: int, by: Membership, note: str = "", feedback_days: int = DEFAULT_FEEDBACK_DAYS
) -> Case:
    """Step 3: always possible from the focal officer, always recorded."""
    case = _lock_visible_case(case_id, by)
    _check_role("report_to_hub", by)
    if feedback_days < 1 or feedback_days > 90:
        raise RouteRefused(_("The feedback term must be between 1 and 90 days."))
    hand_to_hub(case, by=by, note=note, feedback_days=feedback_days)
    _log_step(by, case, "report_to_hub", feedback_days=feedback_days)
    return case


@transaction.atomic
def start_follow_up(*, case_id: int, by: Membership, note: str = "") -> Case:
    case = _lock_visible_case(case_id, by)
    _check_role("start_follow_up", by)
    move(case, transition="start_follow_up", actor=by, note=note)
    _log_step(by, case, "start_follow_up")
    return case


CLOSURE_NEEDS_DONE_ACTION = gettext_lazy(
    "The case cannot be closed yet: at least one follow-up action must be done."
)
CLOSURE_NEEDS_SECURED = gettext_lazy(
    "The case cannot be closed yet: confirm that the follow-up is secured."
)


@transaction.atomic
def close_case(
    *,
    case_id: int,
    by: Membership,
    reason: str,
    follow_up_secured: bool,
    note: str = "",
) -> Case:
    """Step 5: close only when a follow-up action has taken place and someone
    confirms the follow-up is secured (seed 004, §6.1)."""
    case = _lock_visible_case(case_id, by)
    _check_role("close", by)
    if reason not in ClosureReason.values:
        raise RouteRefused(_("Choose a reason for closing."))
    if case.status != Status.CLOSED:
        if not case.actions.filter(status=ActionStatus.DONE).exists():
            raise RouteRefused(str(CLOSURE_NEEDS_DONE_ACTION))
        if not follow_up_secured:
            raise RouteRefused(str(CLOSURE_NEEDS_SECURED))
    move(case, transition="close", actor=by, note=note)
    case.closure_reason = reason
    case.closed_at = timezone.now()
    case.follow_up_secured_by = by.user
    case.save(update_fields=["closure_reason", "closed_at", "follow_up_secured_by"])
    _log_step(by, case, "close", reason=reason)
    return case


@transaction.atomic
def reopen_case(*, case_id: int, by: Membership, note: str) -> Case:
    case = _lock_visible_case(case_id, by)
    _check_role("reopen", by)
    if not note.strip():
        raise RouteRefused(_("Say why the case is reopened."))
    move(case, transition="reopen", actor=by, note=note)
    case.closure_reason = ""
    case.closed_at = None
    case.save(update_fields=["closure_reason", "closed_at"])
    _log_step(by, case, "reopen")
    return case


def _require_hub(by: Membership, case: Case) -> None:
    if by.role != Role.HUB_CASE_MANAGER:
        raise RouteRefused(_("Only the regional hub can do this."))


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
    the first action to a case reported to the hub starts its follow-up."""
    case = _lock_visible_case(case_id, by)
    _require_hub(by, case)
    if case.is_closed:
        raise RouteRefused(_("The case is closed; reopen it first."))
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
        notify_users(
            recipients.organisation_members(owner),
            subject=_("Handover to %(organisation)s: %(action)s (case %(ref)s)")
            % {
                "organisation": owner.name,
                "action": action.get_kind_display(),
                "ref": case.reference,
            },
            body=_(
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
        .select_related("action", "case")
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
        subject=(
            _("Handover accepted by %(organisation)s (case %(ref)s)")
            if accept
            else _("Handover declined by %(organisation)s (case %(ref)s)")
        )
        % {"organisation": by.organisation.name, "ref": handover.case.reference},
        body=reason or _("The handover was accepted."),
        link=case_link(handover.case),
    )
    return handover


@transaction.atomic
def complete_action(*, action_id: int, by: Membership, outcome: str) -> FollowUpAction:
    action = FollowUpAction.objects.select_for_update().select_related("case").get(pk=action_id)
    if not Case.objects.visible_to(by).filter(pk=action.case_id).exists():
        raise NotFound
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
        subject=_("Action done: %(action)s (case %(ref)s)")
        % {"action": action.get_kind_display(), "ref": action.case.reference},
        body=_("%(organisation)s completed a follow-up action.")
        % {"organisation": by.organisation.name},
        link=case_link(action.case),
    )
    return action


@transaction.atomic
def give_feedback(*, case_id: int, by: Membership, text: str) -> Feedback:
    """The hub's feedback to the focal officer: fills the open request, or adds one."""
    case = _lock_visible_case(case_id, by)
    _require_hub(by, case)
    if not text.strip():
        raise RouteRefused(_("Write the feedback."))
    feedback = case.feedback.filter(given_at__isnull=True).order_by("due_on").first()
    if feedback is None:
        feedback = _request_feedback(case, 0)
        if feedback is None:
            raise RouteRefused(_("This municipality has no organisation to give feedback to."))
    feedback.text = text
    feedback.given_at = timezone.now()
    feedback.given_by = by.user
    feedback.save(update_fields=["text", "given_at", "given_by"])
    record_change(membership=by, action=AccessAction.CREATE, obj=feedback, detail={"case": case.pk})
    notify_users(
        recipients.staff_in_role(feedback.to_organisation, Role.FOCAL_OFFICER),
        subject=_("Feedback from the regional hub on case %(ref)s") % {"ref": case.reference},
        body=_("The regional hub has given feedback."),
        link=case_link(case),
    )
    return feedback


@transaction.atomic
def flag_safety_risk(*, case_id: int, by: Membership, note: str = "") -> SafetyNotice:
    """A safety risk always informs the municipality's safety officer (step 4)."""
    case = _lock_visible_case(case_id, by)
    if by.role not in (Role.HUB_CASE_MANAGER, Role.FOCAL_OFFICER):
        raise RouteRefused(_("Only the focal officer or the regional hub can flag a safety risk."))
    organisation = getattr(case.municipality, "organisation", None)
    if organisation is None:
        raise RouteRefused(_("This municipality has no organisation in zicht."))
    notice, created = SafetyNotice.objects.get_or_create(
        case=case, organisation=organisation, defaults={"created_by": by.user, "note": note}
    )
    if not case.has_safety_risk:
        case.has_safety_risk = True
        case.save(update_fields=["has_safety_risk", "updated_at"])
    if created:
        record_change(
            membership=by, action=AccessAction.CREATE, obj=notice, detail={"case": case.pk}
        )
        notify_users(
            recipients.staff_in_role(organisation, Role.SAFETY_OFFICER),
            subject=_("Safety risk on case %(ref)s (%(municipality)s)")
            % {"ref": case.reference, "municipality": case.municipality.name},
            body=_("A case with a safety risk in your municipality was flagged to you."),
            link=case_link(case),
            urgent=True,
        )
    return notice


@transaction.atomic
def link_cases(*, case_id: int, other_case_id: int, by: Membership, matched_on: str) -> CaseLink:
    case = _lock_visible_case(case_id, by)
    _require_hub(by, case)
    if (
        not Case.objects.visible_to(by).filter(pk=other_case_id).exists()
        or other_case_id == case_id
    ):
        raise NotFound
    link, created = CaseLink.objects.get_or_create(
        case=case,
        linked_case_id=other_case_id,
        defaults={"matched_on": matched_on, "created_by": by.user},
    )
    CaseLink.objects.get_or_create(
        case_id=other_case_id,
        linked_case=case,
        defaults={"matched_on": matched_on, "created_by": by.user},
    )
    if created:
        record_change(
            membership=by,
            action=AccessAction.UPDATE,
            obj=case,
            detail={"linked_case": other_case_id, "matched_on": matched_on},
        )
    return link
