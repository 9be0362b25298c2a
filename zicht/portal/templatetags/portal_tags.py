"""The portal section of the staff case page: one entry per portal receipt of the case."""

from __future__ import annotations

from django import template
from django.template.context import Context
from django.utils.translation import get_language_info

from zicht.casework.models import Case
from zicht.portal.models import PortalAttachment, PortalReceipt
from zicht.portal.reporting import STAFF_WHO_ANSWER

register = template.Library()


def language_name(code: str) -> str:
    try:
        info = get_language_info(code)
    except KeyError:
        return code
    return f"{info['name_translated']} ({info['name_local']})"


@register.simple_tag(takes_context=True)
def portal_thread(context: Context, case: Case) -> list[dict[str, object]]:
    """The case's portal receipts with their messages and attachments; the case
    itself came through Case.objects.visible_to in the view that renders the page."""
    membership = context.get("membership")
    receipts = PortalReceipt.objects.filter(report__case=case).select_related("report")
    items = []
    for receipt in receipts:
        items.append(
            {
                "receipt": receipt,
                "language_name": language_name(receipt.report.language),
                "messages": receipt.messages.select_related("author"),
                "attachments": PortalAttachment.objects.filter(report=receipt.report),
                "can_answer": membership is not None and membership.role in STAFF_WHO_ANSWER,
            }
        )
    return items


# ALTCHA names its translations by region where Django names the script (its i18n folder).
_ALTCHA_LANGUAGES = {"zh-hans": "zh-cn"}


@register.simple_tag
def altcha_language(code: str) -> str:
    return _ALTCHA_LANGUAGES.get(code, code)
