"""Administrative measures of the municipality: drafting one from the regional framework,
then the steps of its procedure (intention, hearing of views, decision, objection, appeal).
Only the municipality's own enforcement staff and safety officer register measures, and only
for their own municipality. Every date must follow the one before it: a refused step changes
nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction
from zicht.enforcement.framework import FRAMEWORK, Situation
from zicht.enforcement.models import (
    BibobOutcome,
    Establishment,
    Inspection,
    Measure,
    MeasureStatus,
    PersonMet,
    is_municipal_staff,
)
from zicht.enforcement.refusals import EnforcementRefused, NotFound
from zicht.enforcement.vocabulary import LEGAL_BASIS_REQUIRED, MeasureType
from zicht.organisations.models import Membership

# The term for views (zienswijze) when none is given: two weeks is the usual term of
# art. 4:8 Awb letters; the decision is due eight weeks after the intention (art. 4:13 Awb).
HEARING_TERM = datetime.timedelta(days=14)
DECISION_TERM = datetime.timedelta(weeks=8)

# A warning and asking the Bibob bureau for advice burden no one yet: no intention needed.
NO_INTENTION_NEEDED = frozenset({MeasureType.WARNING, MeasureType.BIBOB_ADVICE})


@dataclass(frozen=True)
class Step:
    """One step of a measure's procedure: the statuses it may start from and why."""

    label: Promise
    sources: frozenset[str]
    target: str
    why: str


S = MeasureStatus
STEPS: dict[str, Step] = {
    "intention": Step(
        gettext_lazy("Send the intention"),
        frozenset({S.DRAFT}),
        S.INTENDED,
        "the person concerned is told what the municipality intends (art. 4:8 Awb)",
    ),
    "hearing": Step(
        gettext_lazy("Record the views"),
        frozenset({S.INTENDED}),
        S.HEARD,
        "views are heard only on an intention that was sent",
    ),
    "decision": Step(
        gettext_lazy("Take the decision"),
        frozenset({S.DRAFT, S.INTENDED, S.HEARD}),
        S.DECIDED,
        "a decision follows the intention and the views, or stands alone where none is needed",
    ),
    "objection": Step(
        gettext_lazy("Record an objection"),
        frozenset({S.DECIDED}),
        S.OBJECTION,
        "objection is lodged against a decision (art. 6:4 Awb)",
    ),
    "appeal": Step(
        gettext_lazy("Record an appeal"),
        frozenset({S.DECIDED, S.OBJECTION}),
        S.APPEAL,
        "appeal follows the decision on objection, or the decision itself",
    ),
    "withdraw": Step(
        gettext_lazy("Withdraw the measure"),
        frozenset({S.DRAFT, S.INTENDED, S.HEARD}),
        S.WITHDRAWN,
        "a measure not yet decided may be dropped",
    ),
}


@dataclass(frozen=True)
class MeasureData:
    type: str
    legal_basis: str = ""
    situation: str = ""
    establishment_id: int | None = None
    person_id: int | None = None
    inspection_id: int | None = None
    intention_on: datetime.date | None = None
    hearing_ends_on: datetime.date | None = None
    decision_due_on: datetime.date | None = None
    deviation_note: str = ""


def _refuse_unless_municipal(by: Membership) -> None:
    if not is_municipal_staff(by):
        raise EnforcementRefused(
            _("Only the municipality's enforcement staff and safety officer may do this.")
        )


def _check_basis(type_: str, legal_basis: str) -> None:
    if type_ in LEGAL_BASIS_REQUIRED and not legal_basis.strip():
        raise EnforcementRefused(_("A closure must name its legal basis."))


def _check_terms(
    intention_on: datetime.date | None,
    hearing_ends_on: datetime.date | None,
    decision_due_on: datetime.date | None,
) -> None:
    if intention_on is None:
        return
    if hearing_ends_on is not None and hearing_ends_on < intention_on:
        raise EnforcementRefused(_("The term for views cannot end before the intention."))
    if decision_due_on is not None and decision_due_on < intention_on:
        raise EnforcementRefused(_("The decision cannot be due before the intention."))


def draft_measure(*, data: MeasureData, by: Membership) -> Measure:
    """Register a measure against an establishment and/or a person met, in the official's
    municipality. With an intention date it starts as sent, with its terms."""
    _refuse_unless_municipal(by)
    if data.type not in MeasureType.values:
        raise EnforcementRefused(_("Choose a type of measure from the list."))
    if data.situation and data.situation not in Situation.values:
        raise EnforcementRefused(_("Choose a situation of the framework from the list."))
    _check_basis(data.type, data.legal_basis)
    municipality = by.organisation.municipality
    assert municipality is not None  # municipal staff act for a municipality
    municipality_id = municipality.pk
    establishment = person = inspection = None
    if data.establishment_id is not None:
        establishment = Establishment.objects.filter(
            pk=data.establishment_id, municipality_id=municipality_id
        ).first()
        if establishment is None:
            raise NotFound
    if data.inspection_id is not None:
        inspection = Inspection.objects.visible_to(by).filter(pk=data.inspection_id).first()
        if inspection is None or (
            establishment is not None and inspection.establishment_id != establishment.pk
        ):
            raise NotFound
        establishment = establishment or inspection.establishment
    if data.person_id is not None:
        person = PersonMet.objects.filter(
            pk=data.person_id, inspection__in=Inspection.objects.visible_to(by)
        ).first()
        if person is None:
            raise NotFound
    if establishment is None and person is None:
        raise EnforcementRefused(_("A measure is taken against a location or a person."))
    hearing_ends_on, decision_due_on = data.hearing_ends_on, data.decision_due_on
    if data.intention_on is not None:
        hearing_ends_on = hearing_ends_on or data.intention_on + HEARING_TERM
        decision_due_on = decision_due_on or data.intention_on + DECISION_TERM
    _check_terms(data.intention_on, hearing_ends_on, decision_due_on)
    with transaction.atomic():
        measure = Measure.objects.create(
            type=data.type,
            situation=data.situation,
            municipality_id=municipality_id,
            establishment=establishment,
            person=person,
            inspection=inspection,
            legal_basis=data.legal_basis.strip(),
            status=MeasureStatus.INTENDED if data.intention_on else MeasureStatus.DRAFT,
            intention_on=data.intention_on,
            hearing_ends_on=hearing_ends_on,
            decision_due_on=decision_due_on,
            deviation_note=data.deviation_note.strip(),
            created_by=by.user,
        )
        record_change(
            membership=by,
            action=AccessAction.CREATE,
            obj=measure,
            detail={"person_met": person.pk} if person else {},
        )
    return measure


def _step(measure_id: int, by: Membership, step: str) -> Measure:
    _refuse_unless_municipal(by)
    measure = (
        Measure.objects.visible_to(by).select_for_update(of=("self",)).filter(pk=measure_id).first()
    )
    if measure is None:
        raise NotFound
    if measure.status not in STEPS[step].sources:
        raise EnforcementRefused(
            _("This step is not possible now (status: %(status)s).")
            % {"status": measure.get_status_display()}
        )
    return measure


def _save(measure: Measure, by: Membership, step: str, fields: list[str]) -> Measure:
    measure.status = STEPS[step].target
    measure.save(update_fields=["status", *fields])
    record_change(membership=by, action=AccessAction.TRANSITION, obj=measure, detail={"step": step})
    return measure


@transaction.atomic
def send_intention(
    *,
    measure_id: int,
    by: Membership,
    intention_on: datetime.date,
    hearing_ends_on: datetime.date | None = None,
) -> Measure:
    measure = _step(measure_id, by, "intention")
    hearing_ends_on = hearing_ends_on or intention_on + HEARING_TERM
    decision_due_on = measure.decision_due_on or intention_on + DECISION_TERM
    _check_terms(intention_on, hearing_ends_on, decision_due_on)
    measure.intention_on, measure.hearing_ends_on = intention_on, hearing_ends_on
    measure.decision_due_on = decision_due_on
    return _save(measure, by, "intention", ["intention_on", "hearing_ends_on", "decision_due_on"])


@transaction.atomic
def record_views(
    *, measure_id: int, by: Membership, heard_on: datetime.date, summary: str
) -> Measure:
    """The views (zienswijze) of the person concerned on the intention, heard on a date."""
    measure = _step(measure_id, by, "hearing")
    if measure.intention_on and heard_on < measure.intention_on:
        raise EnforcementRefused(_("Views cannot be heard before the intention was sent."))
    measure.heard_on, measure.views_summary = heard_on, summary.strip()
    return _save(measure, by, "hearing", ["heard_on", "views_summary"])


@transaction.atomic
def take_decision(
    *,
    measure_id: int,
    by: Membership,
    decided_on: datetime.date,
    decision_text: str,
    bibob_outcome: str = "",
) -> Measure:
    measure = _step(measure_id, by, "decision")
    if measure.intention_on is None and measure.type not in NO_INTENTION_NEEDED:
        raise EnforcementRefused(
            _("This measure needs an intention and a term for views before the decision.")
        )
    if measure.intention_on and decided_on < measure.intention_on:
        raise EnforcementRefused(_("The decision cannot be taken before the intention."))
    if measure.heard_on and decided_on < measure.heard_on:
        raise EnforcementRefused(_("The decision cannot be taken before the views were heard."))
    if bibob_outcome not in BibobOutcome.values or (
        bibob_outcome and measure.type != MeasureType.BIBOB_ADVICE
    ):
        raise EnforcementRefused(_("Only a Bibob advice has a Bibob outcome."))
    _check_basis(measure.type, measure.legal_basis)
    measure.decided_on, measure.decision_text = decided_on, decision_text.strip()
    measure.bibob_outcome = bibob_outcome
    return _save(measure, by, "decision", ["decided_on", "decision_text", "bibob_outcome"])


@transaction.atomic
def record_objection(*, measure_id: int, by: Membership, lodged_on: datetime.date) -> Measure:
    measure = _step(measure_id, by, "objection")
    if measure.decided_on and lodged_on < measure.decided_on:
        raise EnforcementRefused(_("An objection cannot be lodged before the decision."))
    measure.objection_on = lodged_on
    return _save(measure, by, "objection", ["objection_on"])


@transaction.atomic
def record_appeal(*, measure_id: int, by: Membership, lodged_on: datetime.date) -> Measure:
    measure = _step(measure_id, by, "appeal")
    earliest = measure.objection_on or measure.decided_on
    if earliest and lodged_on < earliest:
        raise EnforcementRefused(_("An appeal cannot be lodged before the decision."))
    measure.appeal_on = lodged_on
    return _save(measure, by, "appeal", ["appeal_on"])


@transaction.atomic
def withdraw_measure(*, measure_id: int, by: Membership) -> Measure:
    return _save(_step(measure_id, by, "withdraw"), by, "withdraw", [])


def framework_advice(measure: Measure) -> tuple[str | None, bool]:
    """What the regional framework advises for the measure's situation, and whether the
    measure deviates from it."""
    rule = FRAMEWORK.get(measure.situation)
    if rule is None:
        return None, False
    return str(rule.advised_label), rule.advised != measure.type
