"""Who may read the monitor, and how much of it (one place for the rule).

- the analyst and the hub case manager of a region's hub see everything of their region;
- a focal officer sees their region under disclosure control, and their own municipality
  in full (they have need to know for its cases);
- everyone else: nothing (403).
"""

from __future__ import annotations

from dataclasses import dataclass

from zicht.organisations.models import Membership, Municipality, Region, Role

FULL_ROLES = (Role.ANALYST, Role.HUB_CASE_MANAGER)


@dataclass(frozen=True)
class MonitorAccess:
    region: Region
    full: bool  # need to know for every case of the region
    own_municipality: Municipality | None = None

    def sees_in_full(self, municipality: Municipality | None) -> bool:
        if self.full:
            return True
        return municipality is not None and municipality == self.own_municipality

    @property
    def may_export(self) -> bool:
        return self.full

    def may_interpret(self, membership: Membership) -> bool:
        return self.full and membership.role == Role.ANALYST


def monitor_access(membership: Membership | None) -> MonitorAccess | None:
    if membership is None:
        return None
    organisation = membership.organisation
    if membership.role in FULL_ROLES and organisation.is_hub:
        return MonitorAccess(region=organisation.region, full=True)
    if membership.role == Role.FOCAL_OFFICER:
        return MonitorAccess(
            region=organisation.region, full=False, own_municipality=organisation.municipality
        )
    return None
