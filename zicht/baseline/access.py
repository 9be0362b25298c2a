"""Who may read and who may change the municipal baseline (one place for the rule).

- the hub case manager and the analyst of a region's hub read every municipality of the
  region;
- the focal officer and the safety officer of a municipality read the region too (the
  baseline holds no case or person) and change their own municipality's baseline and
  training register;
- everyone else: nothing (403).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from zicht.organisations.models import Membership, Municipality, Region, Role

HUB_ROLES = (Role.HUB_CASE_MANAGER, Role.ANALYST)
MUNICIPAL_ROLES = (Role.FOCAL_OFFICER, Role.SAFETY_OFFICER)


@dataclass(frozen=True)
class BaselineAccess:
    region: Region
    own_municipality: Municipality | None = None

    def may_edit(self, municipality: Municipality) -> bool:
        return self.own_municipality is not None and municipality.pk == self.own_municipality.pk

    def municipalities(self) -> QuerySet[Municipality]:
        """The municipalities of the region, as the baseline shows them (valid today)."""
        return Municipality.objects.filter(region=self.region).valid_on()


def baseline_access(membership: Membership | None) -> BaselineAccess | None:
    if membership is None:
        return None
    organisation = membership.organisation
    if membership.role in HUB_ROLES and organisation.is_hub:
        return BaselineAccess(region=organisation.region)
    if membership.role in MUNICIPAL_ROLES and organisation.municipality is not None:
        return BaselineAccess(
            region=organisation.region, own_municipality=organisation.municipality
        )
    return None
