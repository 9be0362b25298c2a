"""The training register: a municipality's departments and who of their staff followed
which training when. One operation per change; the focal officer or safety officer of the
municipality keeps it."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from zicht.baseline.models import Department, Training
from zicht.baseline.progress import BaselineRefused, check_date, editable_municipality
from zicht.organisations.models import Membership


@transaction.atomic
def add_department(*, municipality_id: int, name: str, by: Membership) -> Department:
    municipality = editable_municipality(municipality_id=municipality_id, by=by)
    name = " ".join(name.split())
    if not name:
        raise BaselineRefused(_("Give the department a name."))
    if Department.objects.filter(municipality=municipality, name__iexact=name).exists():
        raise BaselineRefused(
            _("%(name)s is already a department of %(municipality)s.")
            % {"name": name, "municipality": municipality.name}
        )
    return Department.objects.create(municipality=municipality, name=name)


@transaction.atomic
def record_training(
    *,
    municipality_id: int,
    department_id: int,
    participant: str,
    title: str,
    followed_on: datetime.date,
    by: Membership,
) -> Training:
    """One member of staff of one of the municipality's departments followed a training."""
    municipality = editable_municipality(municipality_id=municipality_id, by=by)
    department = Department.objects.filter(pk=department_id).first()
    if department is None or department.municipality_id != municipality.pk:
        raise BaselineRefused(
            _("Choose a department of %(municipality)s.") % {"municipality": municipality.name}
        )
    participant, title = " ".join(participant.split()), " ".join(title.split())
    if not participant or not title:
        raise BaselineRefused(_("Give the name of the participant and of the training."))
    check_date(followed_on)
    return Training.objects.create(
        department=department,
        participant=participant,
        title=title,
        followed_on=followed_on,
        recorded_by=by.user,
    )
