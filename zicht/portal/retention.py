"""How long the portal keeps what it holds beside a report: the receipt with the conversation
(the reporter's way back) and the attachments. The privacy app's retention rules say how long;
the keepers below say what has expired and remove it (attachments from the disk as well),
skipping cases under a legal hold. Registered in PortalConfig.ready."""

from __future__ import annotations

import datetime

from django.db.models import Count, QuerySet

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.casework.models import Case
from zicht.portal import files
from zicht.portal.models import PortalAttachment, PortalReceipt
from zicht.privacy.models import RecordType
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
