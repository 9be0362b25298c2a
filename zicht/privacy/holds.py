"""Legal holds: a case under investigation, complaint or court case is kept whole, whatever the
retention rules say, until the hold is lifted. Placed and lifted by the region's privacy
officer, each step in the access log."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.casework.models import Case
from zicht.organisations.models import Membership
from zicht.privacy.models import LegalHold

CASE_REFERENCE = re.compile(r"^\s*[Cc]-(\d{4})-0*(\d{1,12})\s*$")


class HoldRefused(Exception):
    pass


def holds_of(membership: Membership):
    return LegalHold.objects.filter(case__region_id=membership.organisation.region_id)


def case_by_reference(reference: str, membership: Membership) -> Case:
    """The case of the membership's region with this reference (C-2026-000123)."""
    match = CASE_REFERENCE.match(reference)
    if match:
        year, pk = match.group(1), int(match.group(2))
        case = Case.objects.filter(pk=pk, region_id=membership.organisation.region_id).first()
        if case is not None and case.reference == f"C-{year}-{pk:06d}":
            return case
    raise HoldRefused(_("No case of your region has this reference."))


@transaction.atomic
def place_hold(*, case_reference: str, reason: str, by: Membership) -> LegalHold:
    case = case_by_reference(case_reference, by)
    if not reason.strip():
        raise HoldRefused(_("Give the reason for the hold."))
    try:
        with transaction.atomic():
            hold = LegalHold.objects.create(case=case, reason=reason.strip(), placed_by=by.user)
    except IntegrityError:
        raise HoldRefused(_("This case is already on hold.")) from None
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=hold,
        purpose=Purpose.LEGAL_HOLD,
        detail={"case": case.pk},
    )
    return hold


@transaction.atomic
def lift_hold(*, hold_id: int, by: Membership) -> LegalHold:
    hold = holds_of(by).active().select_for_update().filter(pk=hold_id).first()
    if hold is None:
        raise HoldRefused(_("This hold has been lifted already."))
    hold.lifted_at = timezone.now()
    hold.lifted_by = by.user
    hold.save(update_fields=["lifted_at", "lifted_by"])
    record_change(
        membership=by,
        action=AccessAction.UPDATE,
        obj=hold,
        purpose=Purpose.LEGAL_HOLD,
        detail={"case": hold.case_id, "lifted": True},
    )
    return hold
