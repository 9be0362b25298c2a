"""Who may add information to a case, and when (step 2 of the meldroute, enriching).

The focal officer gathers information from the social domain and about safety, and may
add persons and indicators; the regional hub may do the same. Both can do so only while
the case is still being assessed: received, being enriched, or reported to the hub. The
operation that adds the information is `zicht.intake.enrichment.enrich_case` (a
supplementary report belongs to intake); the case page asks the same rule to show its form.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zicht.casework.models import Case
from zicht.casework.workflow import Status
from zicht.organisations.models import Membership, Role

ENRICHING_ROLES = frozenset({Role.FOCAL_OFFICER, Role.HUB_CASE_MANAGER})
ENRICHABLE_STATUSES = frozenset({Status.RECEIVED, Status.ENRICHING, Status.REPORTED_TO_HUB})


def enriching_refusal(case: Case, by: Membership) -> str | None:
    """Why `by` cannot add information to the (visible) case now, or None when it can."""
    if by.role not in ENRICHING_ROLES:
        return _("Only the focal officer or the regional hub can add information to a case.")
    if case.status not in ENRICHABLE_STATUSES:
        return _(
            "Information can be added only while the case is received, being enriched "
            "or reported to the regional hub; it is now “%(status)s”."
        ) % {"status": case.get_status_display()}
    return None
