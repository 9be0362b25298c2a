"""How long the portal keeps what it holds beside a report: the receipt with the conversation
(the reporter's way back) and the attachments. The privacy app's retention rules say how long;
the keepers below say what has expired and remove it (attachments from the disk as well),
skipping cases under a legal hold. Registered in PortalConfig.ready.

The privacy statement tells the reporter the same periods, read from the same rules
(:func:`promises`): the page and the nightly run cannot disagree."""

from __future__ import annotations

import datetime

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy, ngettext

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.casework.models import Case
from zicht.portal import files
from zicht.portal.models import PortalAttachment, PortalReceipt
from zicht.privacy.models import RecordType, RetentionRule
from zicht.privacy.retention import Keeper, closed_cases_before


def expired_conversations(cutoff: datetime.datetime) -> QuerySet[PortalReceipt]:
    return PortalReceipt.objects.filter(report__case__in=closed_cases_before(cutoff)).order_by("pk")


def expired_attachments(cutoff: datetime.datetime) -> QuerySet[PortalAttachment]:
    return PortalAttachment.objects.filter(report__case__in=closed_cases_before(cutoff)).order_by(
        "pk"
    )


def _log(case_id: int | None, record_type: str, removed: int) -> None:
    case = Case.objects.filter(pk=case_id).first() if case_id is not None else None
    if case is not None and removed:
        record_change(
            membership=None,
            action=AccessAction.DELETE,
            obj=case,
            purpose=Purpose.RETENTION,
            detail={"retention": record_type, "removed": removed},
        )


def remove_conversations(receipts: QuerySet[PortalReceipt]) -> int:
    """Delete the receipts and their messages: the code no longer opens anything."""
    count = 0
    for receipt in receipts.select_related("report").annotate(n=Count("messages")):
        case_id = receipt.report.case_id
        receipt.delete()
        _log(case_id, RecordType.PORTAL_CONVERSATION, 1 + receipt.n)  # type: ignore[attr-defined]
        count += 1
    return count


def remove_attachments(attachments: QuerySet[PortalAttachment]) -> int:
    """Delete the attachments, the file first (a row without a file is harmless, a file
    without a row would be kept for ever)."""
    count = 0
    for attachment in attachments.select_related("report"):
        case_id = attachment.report.case_id
        files.remove(attachment.stored_name)
        attachment.delete()
        _log(case_id, RecordType.PORTAL_ATTACHMENT, 1)
        count += 1
    return count


def erase_case(case: Case) -> int:
    """What the portal holds of a case being anonymised goes with it (its free text and
    images can identify anyone)."""
    return remove_conversations(
        PortalReceipt.objects.filter(report__case=case)
    ) + remove_attachments(PortalAttachment.objects.filter(report__case=case))


KEEPERS = (
    Keeper(RecordType.PORTAL_CONVERSATION, expired_conversations, remove_conversations),
    Keeper(RecordType.PORTAL_ATTACHMENT, expired_attachments, remove_attachments),
)


# What the privacy statement says of each rule, in a reporter's words; %(period)s is the period.
PROMISES = {
    RecordType.REPORT_WITHOUT_FOLLOW_UP: gettext_lazy(
        "A report that led to no further action: %(period)s after it was closed. Then your "
        "name and other details are removed; only numbers are kept."
    ),
    RecordType.CLOSED_CASE: gettext_lazy(
        "A report that led to action: %(period)s after the case was closed. Then your name and "
        "other details are removed; only numbers are kept."
    ),
    RecordType.PORTAL_CONVERSATION: gettext_lazy(
        "Your receipt code and the messages: %(period)s after the case was closed. Then they "
        "are deleted."
    ),
    RecordType.PORTAL_ATTACHMENT: gettext_lazy(
        "Photos and documents you added: %(period)s after the case was closed. Then they are "
        "deleted."
    ),
    RecordType.ACCESS_LOG: gettext_lazy(
        "The record of who read or changed your report: %(period)s."
    ),
}


def period(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(count)s year", "%(count)s years", years) % {"count": years}
    return ngettext("%(count)s month", "%(count)s months", months) % {"count": months}


def promises() -> list[str]:
    """The privacy statement's retention periods, from the rules the nightly run applies."""
    months = dict(RetentionRule.objects.values_list("record_type", "months"))
    return [
        str(text) % {"period": period(months[record_type])}
        for record_type, text in PROMISES.items()
        if record_type in months
    ]
