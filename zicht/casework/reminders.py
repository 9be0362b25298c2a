"""The reminder of follow-up actions past their due date, sent once per action and due
date (``zicht.notifications.reminders``) to the owning organisation's members who may open
the case, and to the region's hub. Runs daily in the task worker's reminder run
(registered in ``CaseworkConfig.ready``). The message names the case reference and the kind
of action, never a person."""

from __future__ import annotations

import datetime
from functools import partial

from django.utils import timezone
from django.utils.translation import gettext_lazy

from zicht.casework.models import ActionKind, ActionStatus, FollowUpAction
from zicht.casework.routing import case_link
from zicht.casework.telling import readers_of
from zicht.casework.workflow import Status
from zicht.notifications.delivery import Text
from zicht.notifications.reminders import claim, remind_once
from zicht.organisations import recipients


def overdue_actions(today: datetime.date) -> list[FollowUpAction]:
    return list(
        FollowUpAction.objects.filter(
            status__in=[ActionStatus.OPEN, ActionStatus.AWAITING_ACCEPTANCE], due_on__lt=today
        )
        .exclude(case__status=Status.CLOSED)
        .select_related("case__region", "owner")
    )


def remind_overdue_actions(today: datetime.date | None = None) -> int:
    """Tell the owner and the hub of every open action past its due date, once per due
    date; returns how many reminders were sent."""
    today = today or timezone.localdate()
    sent = 0
    for action in overdue_actions(today):
        case = action.case
        users = readers_of(case, recipients.organisation_members(action.owner))
        users += recipients.hub_staff(case.region)
        if remind_once(
            claimed=partial(claim, "overdue_action", action.pk, action.due_on),
            users=users,
            subject=Text(
                gettext_lazy("Action overdue since %(date)s: %(action)s (case %(ref)s)"),
                {
                    "date": action.due_on,
                    "action": ActionKind(action.kind).label,
                    "ref": case.reference,
                },
            ),
            body=Text(
                gettext_lazy("A follow-up action of %(organisation)s is past its due date."),
                {"organisation": action.owner.name},
            ),
            link=case_link(case),
        ):
            sent += 1
    return sent
