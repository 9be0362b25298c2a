"""The portal conversation's events on the case timeline (`zicht.casework.timeline`).

Only that a message came or went is shown there; its text stays in the portal section."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from zicht.casework.models import Case
from zicht.casework.timeline import TimelineEntry
from zicht.portal.models import Direction, PortalMessage


def portal_entries(case: Case) -> Iterable[TimelineEntry]:
    messages = PortalMessage.objects.filter(receipt__report__case=case).select_related("author")
    for message in messages:
        from_reporter = message.direction == Direction.TO_STAFF
        yield TimelineEntry(
            at=message.created_at,
            kind="portal",
            title=_("Portal: message from the reporter")
            if from_reporter
            else _("Portal: answer to the reporter"),
        )
