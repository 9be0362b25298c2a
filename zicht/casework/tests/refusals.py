"""A refused operation: which refusal it was (the English message, under the
`english` fixture) and what it must leave as it was."""

from __future__ import annotations

from typing import Any

from zicht.audit.models import AccessLogEntry
from zicht.casework.models import Case, CaseLink
from zicht.notifications.models import Notification

# Fragments of the refusals of routing.py.
ROLE = "cannot take the step"  # the role is not on the edge of the table
NOT_NOW = "is not possible now"  # the table has no such edge from the case's status
ONLY_HUB = "Only the regional hub"


def route_state(case: Case) -> dict[str, Any]:
    """The case, its rows, the notifications and the access log."""
    case.refresh_from_db()
    return {
        "case": (
            case.status,
            case.is_acute,
            case.has_safety_risk,
            case.closure_reason,
            case.closed_at,
            case.reported_to_hub_at,
        ),
        "steps": list(case.steps.values_list("pk", flat=True)),
        "actions": list(case.actions.values_list("pk", "status", "outcome").order_by("pk")),
        "handovers": list(
            case.handovers.values_list("pk", "status", "decline_reason").order_by("pk")
        ),
        "feedback": list(case.feedback.values_list("pk", "given_at", "text").order_by("pk")),
        "safety_notices": list(case.safety_notices.values_list("pk", flat=True)),
        "links": CaseLink.objects.filter(case=case).count()
        + CaseLink.objects.filter(linked_case=case).count(),
        "notifications": Notification.objects.count(),
        "access_log": AccessLogEntry.objects.count(),
    }
