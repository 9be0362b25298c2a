"""Recording why a presumed victim may be reported to CoMensha: the person's written
consent, a parent's or guardian's, or the legal basis of police, KMar or the labour
inspectorate (``DisclosureBasis``). The one way a basis is written: the command
``record_disclosure_basis`` and the demo use it."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.accounts.models import User
from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import PersonRole
from zicht.monitor.figures import age_at
from zicht.monitor.models import BasisKind, DisclosureBasis

CONSENT_AGE = 16  # own consent from 16; a parent's or guardian's below


@transaction.atomic
def record_disclosure_basis(
    *,
    person_id: int,
    basis: str,
    by: User | None,
    at: datetime.datetime | None = None,
) -> DisclosureBasis:
    """Record (or replace) the basis of one presumed victim's record. A consent that does
    not fit the person's age on the day of the report is refused, so that the export does
    not have to leave the person out for it later."""
    if basis not in BasisKind.values:
        raise ValidationError(_("Choose a consent or legal basis from the list."))
    person = (
        InvolvedPerson.objects.select_for_update(of=("self",))
        .select_related("report", "disclosure_basis")
        .get(pk=person_id, role=PersonRole.PRESUMED_VICTIM)
    )
    age = age_at(person.birth_date, timezone.localdate(person.report.received_at))
    if age is not None and (
        (basis == BasisKind.CONSENT_PERSON and age < CONSENT_AGE)
        or (basis == BasisKind.CONSENT_GUARDIAN and age >= CONSENT_AGE)
    ):
        raise ValidationError(
            _(
                "A person gives consent themselves from 16; below 16 a parent or guardian"
                " does. This person was %(age)s on the day of the report."
            )
            % {"age": age}
        )
    # The person's row is locked: the basis it has (or not) cannot change under us.
    record = getattr(person, "disclosure_basis", None) or DisclosureBasis(person=person)
    record.basis = basis
    record.recorded_by = by
    record.recorded_at = at or timezone.now()
    record.save()
    return record
