"""The reminder of open table decisions: a decision whose action is past its due date and
not done is brought to the table's chair and secretaries once per due date, so that it
comes back at the next meeting (``zicht.notifications.reminders``). The message names the
agenda item's reference, never a person."""

from __future__ import annotations

import datetime
from functools import partial

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zicht.casetable.models import CaseTable, Decision
from zicht.casework.models import ActionStatus
from zicht.notifications.delivery import Text
from zicht.notifications.reminders import claim, remind_once
from zicht.organisations import recipients
from zicht.organisations.models import Role

OPEN_ACTION = [ActionStatus.OPEN, ActionStatus.AWAITING_ACCEPTANCE]


def open_decisions() -> QuerySet[Decision]:
    """Decisions whose follow-up action is not done (nor declined or cancelled)."""
    return Decision.objects.filter(action__status__in=OPEN_ACTION)


def organisers(table: CaseTable) -> list[object]:
    """The table's chair and secretaries, or the region's hub where it has none."""
    return list(recipients.staff_in_role(table.chair_organisation, Role.TABLE_SECRETARY)) or list(
        recipients.hub_staff(table.region)
    )


def remind_open_decisions(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    due = open_decisions().filter(action__due_on__lt=today)
    for decision in due.select_related("item__meeting__table__region", "action"):
        item = decision.item
        due_on = decision.action.due_on
        if remind_once(
            claimed=partial(claim, "table_decision", decision.pk, due_on),
            users=organisers(item.meeting.table),
            subject=Text(
                gettext_lazy("Table decision open since %(date)s: agenda item %(ref)s"),
                {"date": due_on, "ref": item.reference},
            ),
            body=gettext_lazy(
                "A decision of the case table has not been carried out by its due date. "
                "Put it on the next meeting's agenda."
            ),
            link=reverse("casetable:item_detail", args=[item.pk]),
        ):
            sent += 1
    return sent
