"""The reporters' messages that wait for an answer, as a group of the staff inbox
(`zicht.casework.inbox`). Only that a message waits is shown there, never its text."""

from __future__ import annotations

import datetime

from django.db.models import DateTimeField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from zicht.casework.inbox import InboxQuery, WaitingGroup, WaitingItem, group_from
from zicht.portal.models import Direction, PortalMessage, PortalReceipt
from zicht.portal.reporting import STAFF_WHO_ANSWER

LONG_AGO = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def unanswered_messages(query: InboxQuery) -> WaitingGroup | None:
    """Conversations whose last message came from the reporter, waiting since the first
    message after the team's last answer."""
    if query.membership.role not in STAFF_WHO_ANSWER:
        return None
    thread = PortalMessage.objects.filter(receipt=OuterRef("pk"))
    last_answer = Coalesce(
        Subquery(
            thread.filter(direction=Direction.TO_REPORTER)
            .order_by("-created_at")
            .values("created_at")[:1]
        ),
        Value(LONG_AGO, output_field=DateTimeField()),
    )
    receipts = (
        PortalReceipt.objects.filter(report__case__in=query.cases)
        .annotate(last_answer=last_answer)
        .annotate(
            waiting_since=Subquery(
                thread.filter(direction=Direction.TO_STAFF, created_at__gt=OuterRef("last_answer"))
                .order_by("created_at")
                .values("created_at")[:1]
            )
        )
        .filter(waiting_since__isnull=False)
        .select_related("report__case__municipality")
    )
    return group_from(
        query,
        key="messages",
        title=_("Messages from reporters to answer"),
        rows=receipts,
        item=lambda receipt: WaitingItem(
            case=receipt.case, what=_("Message from the reporter"), since=receipt.waiting_since
        ),
        order=["waiting_since", "pk"],
    )
