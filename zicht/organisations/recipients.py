"""Who is told what: the people behind a region's hub, a municipality's focal
officers and safety officers, and an organisation's members."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from zicht.organisations.models import Organisation, OrganisationType, Region, Role

if TYPE_CHECKING:
    # django-stubs' name for the configured user model (zicht.accounts.User); the
    # accounts app sits in a layer above this one, so its model is not imported here.
    from django.contrib.auth.models import _User


def _users(**membership: object) -> list[_User]:
    """The active users with an active membership, in an active organisation, that matches
    `membership` (lookups on Membership). One query with two joins: the conditions sit in one
    filter, so that they hold for the same membership."""
    lookups = {f"memberships__{name}": value for name, value in membership.items()}
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__organisation__is_active=True,
            **lookups,
        )
        .distinct()
        .order_by("pk")
    )


def hub_organisations(region: Region) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        region=region, type=OrganisationType.REGIONAL_HUB, is_active=True
    )


def hub_staff(region: Region) -> list[_User]:
    return _users(
        organisation__region=region,
        organisation__type=OrganisationType.REGIONAL_HUB,
        role=Role.HUB_CASE_MANAGER,
    )


def police_contacts(region: Region) -> list[_User]:
    return _users(
        organisation__region=region,
        organisation__type=OrganisationType.POLICE,
        role=Role.PARTNER_MEMBER,
    )


def staff_in_role(organisation: Organisation | None, role: str) -> list[_User]:
    if organisation is None:
        return []
    return _users(organisation=organisation, role=role)


def organisation_members(organisation: Organisation) -> list[_User]:
    return _users(organisation=organisation)
