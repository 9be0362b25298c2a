"""What of a visible case a membership is shown: the second half of need to know.

`Case.objects.visible_to` decides *whether* a membership sees a case at all; this module
decides *how much* of it. The hub, the focal officer and the safety officer see the whole
case. A partner organisation sees a case only through the handovers to it, and only what
it needs for them:

- before it has accepted any of them (pending), what it needs to decide: the case
  reference, the municipality, the actions asked with their due dates and instructions;
  no persons, no identifiers and no report text;
- once it has accepted one, what its action needs as well: the reports and the persons.

A care coordinator sees what a partner sees through handovers to its organisation; where it
coordinates the care of a victim of the case, it sees the reports and the persons (whom the
care is for and what happened to them), not the rest of the case. A case table's chair or
secretary, who sees a case while it is on the table's agenda, sees the reports and the persons
as well (to prepare the agenda), not the rest of the case.

The case page and the report page ask `disclosure_for` and show nothing more; the access
log records the persons actually shown (none before acceptance) and the extent.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from zicht.audit.models import Purpose
from zicht.casework.models import Case, Handover, HandoverStatus
from zicht.organisations.models import Membership, Role


class Extent(enum.StrEnum):
    WHOLE_CASE = "whole_case"
    HANDOVER_DECISION = "handover_decision"
    ACCEPTED_HANDOVER = "accepted_handover"
    CARE_COORDINATION = "care_coordination"
    CASE_TABLE = "case_table"


@dataclass(frozen=True)
class Disclosure:
    extent: Extent
    handovers: tuple[Handover, ...] = ()  # the partner's own handovers on this case

    @property
    def shows_persons(self) -> bool:
        return self.extent != Extent.HANDOVER_DECISION

    @property
    def shows_reports(self) -> bool:
        return self.extent != Extent.HANDOVER_DECISION

    @property
    def shows_whole_case(self) -> bool:
        """The case's history, other organisations' actions, feedback, the portal
        conversation, safety notices and linked cases."""
        return self.extent == Extent.WHOLE_CASE

    @property
    def purpose(self) -> Purpose:
        """The purpose written to the access log when the case is read."""
        return {
            Extent.WHOLE_CASE: Purpose.CASE_HANDLING,
            Extent.HANDOVER_DECISION: Purpose.HANDOVER_DECISION,
            Extent.ACCEPTED_HANDOVER: Purpose.ACCEPTED_HANDOVER,
            Extent.CARE_COORDINATION: Purpose.CARE_COORDINATION,
            Extent.CASE_TABLE: Purpose.CASE_TABLE,
        }[self.extent]


def disclosure_for(case: Case, membership: Membership) -> Disclosure:
    """How much of `case` (already fetched through `visible_to`) the membership is shown."""
    if membership.role == Role.TABLE_SECRETARY:
        return Disclosure(Extent.CASE_TABLE)
    if membership.role not in (Role.PARTNER_MEMBER, Role.CARE_COORDINATOR):
        return Disclosure(Extent.WHOLE_CASE)
    handovers = tuple(
        Handover.objects.filter(
            case=case,
            to_organisation=membership.organisation,
            status__in=[HandoverStatus.PENDING, HandoverStatus.ACCEPTED],
        ).select_related("action", "to_organisation")
    )
    if (
        membership.role == Role.CARE_COORDINATOR
        # zicht.care's trajectories, by their relation (see CaseQuerySet.visible_to)
        and Case.objects.filter(
            pk=case.pk, care_trajectories__coordinating_organisation=membership.organisation
        ).exists()
    ):
        return Disclosure(Extent.CARE_COORDINATION, handovers)
    if any(handover.status == HandoverStatus.ACCEPTED for handover in handovers):
        return Disclosure(Extent.ACCEPTED_HANDOVER, handovers)
    return Disclosure(Extent.HANDOVER_DECISION, handovers)
