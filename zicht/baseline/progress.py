"""Recording where a municipality stands on a criterion of the baseline: one operation,
called by the page, the demo and the tests.

Every status is a new row of the append-only history (`CriterionChange`); the municipality's
current state (`CriterionState`) points at the latest by date. Criteria that a record proves
(the focal officer, the training register) are not typed by hand: see proof.py.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.baseline.access import baseline_access
from zicht.baseline.models import (
    Criterion,
    CriterionChange,
    CriterionState,
    ProvedBy,
    Status,
)
from zicht.lib.bounds import EARLIEST_DATE
from zicht.organisations.models import Membership, Municipality


class BaselineRefused(Exception):
    """A change the rules do not allow; the message says why, for the user."""


class NotFound(Exception):
    """The record is not there, or not for this membership to see."""


def editable_municipality(*, municipality_id: int, by: Membership) -> Municipality:
    """The municipality, locked, once `by` may change its baseline; NotFound outside the
    membership's region, BaselineRefused for another municipality of the region."""
    access = baseline_access(by)
    if access is None:
        raise NotFound
    municipality = (
        access.municipalities().select_for_update(of=("self",)).filter(pk=municipality_id).first()
    )
    if municipality is None:
        raise NotFound
    if not access.may_edit(municipality):
        raise BaselineRefused(
            _(
                "Only the focal officer or the safety officer of %(municipality)s may change "
                "its baseline."
            )
            % {"municipality": municipality.name}
        )
    return municipality


def check_date(day: datetime.date) -> None:
    if day > timezone.localdate():
        raise BaselineRefused(_("The date lies in the future: enter today or an earlier day."))
    if day < EARLIEST_DATE:
        raise BaselineRefused(_("The date lies too far in the past."))


@transaction.atomic
def record_status(
    *,
    municipality_id: int,
    criterion_code: str,
    status: str,
    effective_on: datetime.date,
    by: Membership,
    evidence_link: str = "",
    evidence_text: str = "",
) -> CriterionChange:
    """Record the status of one criterion for the membership's own municipality, with its
    evidence and the date it holds from."""
    municipality = editable_municipality(municipality_id=municipality_id, by=by)
    criterion = Criterion.objects.filter(code=criterion_code).first()
    if criterion is None:
        raise BaselineRefused(_("That criterion does not exist: choose one from the list."))
    if criterion.proved_by:
        raise BaselineRefused(
            _("%(criterion)s is proved by %(record)s, not typed by hand.")
            % {"criterion": criterion.label, "record": ProvedBy(criterion.proved_by).label}
        )
    if status not in Status.values:
        raise BaselineRefused(_("Choose a status from the list."))
    check_date(effective_on)
    evidence_link, evidence_text = evidence_link.strip(), evidence_text.strip()
    if status == Status.MET and not (evidence_link or evidence_text):
        raise BaselineRefused(
            _("A criterion that is met needs its evidence: a link to a document or a text.")
        )
    change = CriterionChange.objects.create(
        municipality=municipality,
        criterion=criterion,
        status=status,
        effective_on=effective_on,
        evidence_link=evidence_link,
        evidence_text=evidence_text,
        recorded_by=by.user,
        recorded_for=by.organisation,
    )
    state = CriterionState.objects.filter(municipality=municipality, criterion=criterion).first()
    if state is None:
        CriterionState.objects.create(
            municipality=municipality, criterion=criterion, status=status, latest=change
        )
    elif state.latest is None or state.latest.effective_on <= effective_on:
        # A status recorded later for an earlier day joins the history, but does not
        # overwrite what holds today.
        state.status, state.latest = status, change
        state.save(update_fields=["status", "latest"])
    return change
