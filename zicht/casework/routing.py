"""The operations of the meldroute. HTML views, htmx fragments, the API and
commands all call these functions; each runs in one transaction with the case
row locked, appends to the case history, writes the access log and sends its
notifications after commit.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db import transaction
from django.urls import reverse
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
    SafetyNotice,
)
from zicht.casework.telling import notify_about_case
from zicht.casework.workflow import TRANSITIONS, ClosureReason, Status
from zicht.lib.ages import is_minor_on
from zicht.notifications.delivery import notify_users
from zicht.organisations import recipients
from zicht.organisations.models import Membership, Role

DEFAULT_FEEDBACK_DAYS = 14


class RouteRefused(Exception):
    """A step the meldroute does not allow; the message is shown to the user."""


class NotFound(Exception):
    """The case is not visible to this membership: the caller answers 404."""


def _person_ids(case: Case) -> list[int]:
    """The persons of the case's reports, for the access log."""
    return [
        pk
        for pk in case.reports.order_by("pk", "persons").values_list("persons", flat=True)
        if pk is not None
    ]


def lock_visible_case(case_id: int, by: Membership) -> Case:
    """The case locked for a step, if the membership may see it (else NotFound: a 404);
    one query, which also brings what the steps read of it: its region and municipality
    with the municipality's own organisation."""
    try:
        return (
            Case.objects.visible_to(by)
            .select_for_update(of=("self",))
            .select_related("region", "municipality__organisation")
            .get(pk=case_id)
        )
    except Case.DoesNotExist:
        raise NotFound from None


def case_link(case: Case) -> str:
    return reverse("casework:case_detail", args=[case.pk])


def move(
    case: Case,
    *,
    transition: str,
    actor: Membership | None,
    note: str = "",
    changes: Mapping[str, object] | None = None,
) -> CaseStep:
    """Change a locked case's status along an edge of the table and append the step;
    `changes` are other fields of the case that change with the step, saved with it.

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
    for name, value in (changes or {}).items():
        setattr(case, name, value)
        fields.append(name)
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


def _log_step(by: Membership | None, case: Case, transition: str, **detail: object) -> None:
    record_change(
        membership=by,
        action=AccessAction.TRANSITION,
        obj=case,
        person_ids=_person_ids(case),
        detail={"transition": transition, **detail},
    )


def _take_step(transition: str, *, case_id: int, by: Membership, note: str) -> Case:
    """The shape of a plain step: the visible case locked, the role checked, the move made
    along the table and logged."""
    case = lock_visible_case(case_id, by)
    _check_role(transition, by)
    move(case, transition=transition, actor=by, note=note)
    _log_step(by, case, transition)
    return case


@transaction.atomic
def start_enriching(*, case_id: int, by: Membership, note: str = "") -> Case:
    """Step 2: the focal officer gathers social-domain and safety information."""
    return _take_step("start_enriching", case_id=case_id, by=by, note=note)


def announce_acute(case: Case, *, minor: bool = False) -> None:
    """Acute danger reaches a person at once: the hub and the police contact, and, when a
    presumed victim is a minor, the region's Veilig Thuis too (for minors the route is
    police and Veilig Thuis; suspected exploitation of a minor always counts as acute).
    The message names the case and the municipality, never a person."""
    users = recipients.hub_staff(case.region) + recipients.police_contacts(case.region)
    notify_about_case(
        case,
        users,
        subject=_("ACUTE: case %(ref)s in %(municipality)s")
        % {"ref": case.reference, "municipality": case.municipality.name},
        body=_(
            "A report of acute danger was received. Contact the reporter and the police now; "
            "call 112 when a life is threatened."
        ),
        urgent=True,
    )
    if minor:
        notify_about_case(
            case,
            recipients.veilig_thuis_contacts(case.region),
            subject=_("ACUTE, minor: case %(ref)s in %(municipality)s")
            % {"ref": case.reference, "municipality": case.municipality.name},
            body=_(
                "A report of acute danger to a minor was received in your region. The regional "
                "hub and the police were told at the same time; contact the regional hub now "
                "to agree who acts."
            ),
            urgent=True,
        )


def involves_minor(case: Case) -> bool:
    """Whether a presumed victim of the case is a minor today, by the recorded birth dates."""
    today = timezone.localdate()
    # The person roles are intake's vocabulary (a layer above): named by their value.
    births = case.reports.filter(
        persons__role="presumed_victim", persons__birth_date__isnull=False
    ).values_list("persons__birth_date", flat=True)
    return any(is_minor_on(birth, today) for birth in births)


@transaction.atomic
def escalate_acute(*, case_id: int, by: Membership, note: str = "") -> Case:
    """Acute danger bypasses the route at any moment before follow-up."""
    case = _take_step("escalate_acute", case_id=case_id, by=by, note=note)
    announce_acute(case, minor=involves_minor(case))
    return case


def _request_feedback(case: Case, feedback_days: int) -> Feedback | None:
    focal_organisation = case.municipality.own_organisation
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
    case = lock_visible_case(case_id, by)
    _check_role("report_to_hub", by)
    if feedback_days < 1 or feedback_days > 90:
        raise RouteRefused(_("The feedback term must be between 1 and 90 days."))
    hand_to_hub(case, by=by, note=note, feedback_days=feedback_days)
    _log_step(by, case, "report_to_hub", feedback_days=feedback_days)
    return case


@transaction.atomic
def start_follow_up(*, case_id: int, by: Membership, note: str = "") -> Case:
    """Step 4: the hub takes up a case reported to it (an acute case comes straight here)."""
    return _take_step("start_follow_up", case_id=case_id, by=by, note=note)


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
    case = lock_visible_case(case_id, by)
    _check_role("close", by)
    if reason not in ClosureReason.values:
        raise RouteRefused(_("Choose a reason for closing."))
    if case.status != Status.CLOSED:
        if not case.actions.filter(status=ActionStatus.DONE).exists():
            raise RouteRefused(str(CLOSURE_NEEDS_DONE_ACTION))
        if not follow_up_secured:
            raise RouteRefused(str(CLOSURE_NEEDS_SECURED))
    move(
        case,
        transition="close",
        actor=by,
        note=note,
        changes={
            "closure_reason": reason,
            "closed_at": timezone.now(),
            "follow_up_secured_by": by.user,
        },
    )
    _log_step(by, case, "close", reason=reason)
    return case


@transaction.atomic
def reopen_case(*, case_id: int, by: Membership, note: str) -> Case:
    case = lock_visible_case(case_id, by)
    _check_role("reopen", by)
    if not note.strip():
        raise RouteRefused(_("Say why the case is reopened."))
    move(
        case,
        transition="reopen",
        actor=by,
        note=note,
        changes={"closure_reason": "", "closed_at": None},
    )
    _log_step(by, case, "reopen")
    return case


def require_hub(by: Membership, case: Case) -> None:
    """The steps that only the regional hub takes: actions, feedback, links."""
    if by.role != Role.HUB_CASE_MANAGER:
        raise RouteRefused(_("Only the regional hub can do this."))


@transaction.atomic
def give_feedback(*, case_id: int, by: Membership, text: str) -> Feedback:
    """The hub's feedback to the focal officer: fills the open request, or adds one."""
    case = lock_visible_case(case_id, by)
    require_hub(by, case)
    if not text.strip():
        raise RouteRefused(_("Write the feedback."))
    feedback = (
        case.feedback.filter(given_at__isnull=True)
        .select_related("to_organisation")
        .order_by("due_on")
        .first()
    )
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
    case = lock_visible_case(case_id, by)
    if by.role not in (Role.HUB_CASE_MANAGER, Role.FOCAL_OFFICER):
        raise RouteRefused(_("Only the focal officer or the regional hub can flag a safety risk."))
    organisation = case.municipality.own_organisation
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
    case = lock_visible_case(case_id, by)
    require_hub(by, case)
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
