"""Registering establishments and their permits: done by the municipality's own enforcement
staff and safety officer, for their own municipality."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction
from zicht.enforcement.kvk import normalise_kvk, validate_kvk
from zicht.enforcement.models import Establishment, Permit, is_municipal_staff
from zicht.enforcement.refusals import EnforcementRefused, NotFound
from zicht.enforcement.vocabulary import EstablishmentSector, PermitType
from zicht.organisations.models import Membership


@dataclass(frozen=True)
class EstablishmentData:
    name: str
    sector: str
    street: str
    house_number: str
    postcode: str
    city: str
    kvk_number: str = ""


def _municipal(by: Membership) -> None:
    if not is_municipal_staff(by):
        raise EnforcementRefused(
            _("Only the municipality's enforcement staff and safety officer may do this.")
        )


def register_establishment(*, data: EstablishmentData, by: Membership) -> Establishment:
    """Register an establishment in the acting official's municipality."""
    _municipal(by)
    if data.sector not in EstablishmentSector.values:
        raise EnforcementRefused(_("Choose a sector from the list."))
    kvk = normalise_kvk(data.kvk_number)
    if kvk:
        try:
            validate_kvk(kvk)
        except ValidationError as error:
            raise EnforcementRefused(" ".join(error.messages)) from error
    if not (data.name.strip() and data.street.strip() and data.house_number.strip()):
        raise EnforcementRefused(_("Give the name and the address of the establishment."))
    municipality = by.organisation.municipality
    assert municipality is not None  # municipal staff act for a municipality
    with transaction.atomic():
        establishment = Establishment.objects.create(
            name=data.name.strip(),
            sector=data.sector,
            street=data.street.strip(),
            house_number=data.house_number.strip(),
            postcode=data.postcode.replace(" ", "").upper(),
            city=data.city.strip(),
            municipality=municipality,
            kvk_number=kvk,
        )
        record_change(membership=by, action=AccessAction.CREATE, obj=establishment)
    return establishment


def add_permit(
    *,
    establishment_id: int,
    by: Membership,
    type: str,
    number: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    conditions: str = "",
) -> Permit:
    """Record a permit the establishment holds."""
    _municipal(by)
    establishment = Establishment.objects.visible_to(by).filter(pk=establishment_id).first()
    if establishment is None:
        raise NotFound
    if type not in PermitType.values:
        raise EnforcementRefused(_("Choose a type of permit from the list."))
    if valid_to is not None and valid_to < valid_from:
        raise EnforcementRefused(_("A permit cannot end before it starts."))
    if not number.strip():
        raise EnforcementRefused(_("Give the permit number."))
    with transaction.atomic():
        permit = Permit.objects.create(
            establishment=establishment,
            type=type,
            number=number.strip(),
            valid_from=valid_from,
            valid_to=valid_to,
            conditions=conditions.strip(),
        )
        record_change(
            membership=by,
            action=AccessAction.CREATE,
            obj=permit,
            detail={"establishment": establishment.pk},
        )
    return permit
