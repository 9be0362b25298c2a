"""Who is told what: the people behind a region's hub, a municipality's focal
officers and safety officers, and an organisation's members."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from zicht.organisations.models import Membership, Organisation, OrganisationType, Region, Role

if TYPE_CHECKING:
    # django-stubs' name for the configured user model (zicht.accounts.User); the
    # accounts app sits in a layer above this one, so its model is not imported here.
    from django.contrib.auth.models import _User


def _users(memberships: QuerySet[Membership]) -> list[_User]:
    user_ids = memberships.values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))


def hub_organisations(region: Region) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        region=region, type=OrganisationType.REGIONAL_HUB, is_active=True
    )


def hub_staff(region: Region) -> list[_User]:
    return _users(
        Membership.objects.active().filter(
            organisation__in=hub_organisations(region), role=Role.HUB_CASE_MANAGER
        )
    )


def police_contacts(region: Region) -> list[_User]:
    return _users(
        Membership.objects.active().filter(
            organisation__region=region,
            organisation__type=OrganisationType.POLICE,
            role=Role.PARTNER_MEMBER,
        )
    )


def staff_in_role(organisation: Organisation | None, role: str) -> list[_User]:
    if organisation is None:
        return []
    return _users(Membership.objects.active().filter(organisation=organisation, role=role))


def organisation_members(organisation: Organisation) -> list[_User]:
    return _users(Membership.objects.active().filter(organisation=organisation))
