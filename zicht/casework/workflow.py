"""The meldroute as one explicit table of allowed transitions.

Statuses follow the route of the Twente plan (seed 004, §6.1): signal received,
enriched by the focal officer, reported to the regional hub, follow-up, closure.
Each edge names who may take it and why the edge exists. Nothing moves a case's
status except `zicht.casework.routing.apply_transition`, which checks this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zicht.organisations.models import Role


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACUTE = "acute", _("Acute danger")
    ENRICHING = "enriching", _("Being enriched")
    REPORTED_TO_HUB = "reported_to_hub", _("Reported to the regional hub")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


class ClosureReason(models.TextChoices):
    NO_INDICATION = "no_indication", _("No indication of trafficking")
    INSUFFICIENT_INFORMATION = "insufficient_information", _("Insufficient information")
    REFERRED_POLICE = "referred_police", _("Referred to the police")
    REFERRED_NLA = "referred_nla", _("Referred to the labour inspectorate")
    REFERRED_VEILIG_THUIS = "referred_veilig_thuis", _("Referred to Veilig Thuis")
    REFERRED_CARE = "referred_care", _("Referred to the care coordinator")
    ADMINISTRATIVE_MEASURE = "administrative_measure", _("Administrative measure taken")
    VICTIM_IN_CARE = "victim_in_care", _("Victim in care")
    VICTIM_LEFT_REGION = "victim_left_region", _("Victim left the region")
    VICTIM_DECLINED = "victim_declined", _("Victim declined help")
    DUPLICATE = "duplicate", _("Duplicate")

    @classmethod
    def referred(cls) -> set[str]:
        """Reasons that HTCDS calls "Closed Referred"."""
        return {
            cls.REFERRED_POLICE,
            cls.REFERRED_NLA,
            cls.REFERRED_VEILIG_THUIS,
            cls.REFERRED_CARE,
        }


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    why: str


HUB = Role.HUB_CASE_MANAGER
FOCAL = Role.FOCAL_OFFICER

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "escalate_acute",
            _("Mark as acute danger"),
            frozenset({Status.RECEIVED, Status.ENRICHING, Status.REPORTED_TO_HUB}),
            Status.ACUTE,
            frozenset({FOCAL, HUB}),
            "Acute danger bypasses the route at any moment before follow-up starts.",
        ),
        Transition(
            "start_enriching",
            _("Start enriching"),
            frozenset({Status.RECEIVED}),
            Status.ENRICHING,
            frozenset({FOCAL}),
            "Step 2: the focal officer gathers social-domain and safety information.",
        ),
        Transition(
            "report_to_hub",
            _("Report to the regional hub"),
            frozenset({Status.RECEIVED, Status.ENRICHING, Status.ACUTE}),
            Status.REPORTED_TO_HUB,
            frozenset({FOCAL, HUB}),
            "Step 3: on any suspicion the focal officer reports to the hub, always; "
            "the hub itself registers what reached it directly.",
        ),
        Transition(
            "start_follow_up",
            _("Start follow-up"),
            frozenset({Status.REPORTED_TO_HUB, Status.ACUTE}),
            Status.FOLLOW_UP,
            frozenset({HUB}),
            "Step 4: the hub decides on follow-up actions; an acute case goes straight here.",
        ),
        Transition(
            "close",
            _("Close the case"),
            frozenset({Status.FOLLOW_UP}),
            Status.CLOSED,
            frozenset({HUB}),
            "Step 5: only once a follow-up action has taken place and the follow-up is "
            "secured (checked in routing.close_case).",
        ),
        Transition(
            "reopen",
            _("Reopen"),
            frozenset({Status.CLOSED}),
            Status.FOLLOW_UP,
            frozenset({HUB}),
            "New information on a closed case brings it back to follow-up, with history.",
        ),
    )
}


def allowed_transitions(status: str, role: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources and role in t.roles]
