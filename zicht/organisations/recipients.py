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


# The columns a recipient may be chosen by, and where they live.
_CONDITIONS = {
    "organisation": "m.organisation_id = %s",
    "role": "m.role = %s",
    "region": "o.region_id = %s",
    "type": "o.type = %s",
}


def _users(**conditions: object) -> list[_User]:
    """The active users with an active membership, in an active organisation, that meets
    `conditions` (keys of _CONDITIONS; a model instance stands for its id).

    Every notification asks this, so it is one query written as SQL: the ORM took five
    times longer to build it (with its two joins) than the database took to answer."""
    user_model = get_user_model()
    where = " AND ".join(_CONDITIONS[name] for name in conditions)
    params = [getattr(value, "pk", value) for value in conditions.values()]
    users, memberships, organisations = (
        model._meta.db_table for model in (user_model, Membership, Organisation)
    )
    # Table names from the models, conditions from _CONDITIONS: nothing from outside.
    sql = (
        f"SELECT DISTINCT u.* FROM {users} u"  # noqa: S608
        f" JOIN {memberships} m ON m.user_id = u.id"
        f" JOIN {organisations} o ON o.id = m.organisation_id"
        f" WHERE u.is_active AND m.is_active AND o.is_active AND {where} ORDER BY u.id"
    )
    return list(user_model.objects.raw(sql, params))


def hub_organisations(region: Region) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        region=region, type=OrganisationType.REGIONAL_HUB, is_active=True
    )


def hub_staff(region: Region) -> list[_User]:
    return _users(region=region, type=OrganisationType.REGIONAL_HUB, role=Role.HUB_CASE_MANAGER)


def police_contacts(region: Region) -> list[_User]:
    return _users(region=region, type=OrganisationType.POLICE, role=Role.PARTNER_MEMBER)


def veilig_thuis_contacts(region: Region) -> list[_User]:
    """The region's Veilig Thuis: told at once of acute danger to a minor (meldcode)."""
    return _users(region=region, type=OrganisationType.VEILIG_THUIS, role=Role.PARTNER_MEMBER)


def staff_in_role(organisation: Organisation | None, role: str) -> list[_User]:
    if organisation is None:
        return []
    return _users(organisation=organisation, role=role)


def organisation_members(organisation: Organisation) -> list[_User]:
    return _users(organisation=organisation)
