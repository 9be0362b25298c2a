"""Measures: registered by the municipality's own staff, from the regional framework, with a
legal basis where the law asks for one and dates in their order; a refused step changes
nothing; the framework's advice and a deviation from it are shown."""

import datetime

import pytest

from zicht.enforcement import establishments, measures
from zicht.enforcement.models import Measure
from zicht.enforcement.refusals import EnforcementRefused, NotFound
from zicht.enforcement.tests.conftest import TODAY

DAY = datetime.timedelta(days=1)


def _closure(salon, officer, **changes):
    values = {
        "type": "closure_174a",
        "legal_basis": "art. 174a Gemeentewet",
        "situation": "serious_disturbance",
        "establishment_id": salon.pk,
        "intention_on": TODAY - 20 * DAY,
    }
    return measures.draft_measure(data=measures.MeasureData(**{**values, **changes}), by=officer)


def test_a_closure_without_legal_basis_is_refused(salon, officer):
    with pytest.raises(EnforcementRefused, match="rechtsgrond"):
        _closure(salon, officer, legal_basis="  ")
    assert not Measure.objects.exists()


def test_an_intention_gets_its_terms(salon, officer):
    measure = _closure(salon, officer)
    assert measure.status == "intended"
    assert measure.hearing_ends_on == measure.intention_on + measures.HEARING_TERM
    assert measure.decision_due_on == measure.intention_on + measures.DECISION_TERM


def test_a_decision_before_the_intention_is_refused(salon, officer):
    measure = _closure(salon, officer)
    with pytest.raises(EnforcementRefused, match="voornemen"):
        measures.take_decision(
            measure_id=measure.pk,
            by=officer,
            decided_on=measure.intention_on - DAY,
            decision_text="Sluiting voor drie maanden.",
        )
    measure.refresh_from_db()
    assert (measure.status, measure.decided_on, measure.decision_text) == ("intended", None, "")


def test_views_before_the_intention_are_refused(salon, officer):
    measure = _closure(salon, officer)
    with pytest.raises(EnforcementRefused):
        measures.record_views(
            measure_id=measure.pk, by=officer, heard_on=measure.intention_on - DAY, summary=""
        )
    measure.refresh_from_db()
    assert measure.heard_on is None


def test_the_procedure_in_order(salon, officer):
    measure = _closure(salon, officer)
    measures.record_views(
        measure_id=measure.pk, by=officer, heard_on=TODAY - 10 * DAY, summary="Ontkent alles."
    )
    with pytest.raises(EnforcementRefused):
        measures.take_decision(
            measure_id=measure.pk, by=officer, decided_on=TODAY - 11 * DAY, decision_text="x"
        )
    measures.take_decision(
        measure_id=measure.pk, by=officer, decided_on=TODAY - 5 * DAY, decision_text="Sluiting."
    )
    with pytest.raises(EnforcementRefused):
        measures.record_objection(measure_id=measure.pk, by=officer, lodged_on=TODAY - 6 * DAY)
    measures.record_objection(measure_id=measure.pk, by=officer, lodged_on=TODAY)
    measure = measures.record_appeal(measure_id=measure.pk, by=officer, lodged_on=TODAY)
    assert measure.status == "appeal"
    with pytest.raises(EnforcementRefused):
        measures.withdraw_measure(measure_id=measure.pk, by=officer)


def test_a_burdening_measure_needs_an_intention_before_its_decision(salon, officer):
    measure = _closure(salon, officer, intention_on=None)
    assert measure.status == "draft"
    with pytest.raises(EnforcementRefused):
        measures.take_decision(
            measure_id=measure.pk, by=officer, decided_on=TODAY, decision_text="Sluiting."
        )
    warning = measures.draft_measure(
        data=measures.MeasureData(type="warning", establishment_id=salon.pk), by=officer
    )
    measures.take_decision(measure_id=warning.pk, by=officer, decided_on=TODAY, decision_text="")


def test_only_a_bibob_advice_has_a_bibob_outcome(salon, officer):
    advice = measures.draft_measure(
        data=measures.MeasureData(type="bibob_advice", establishment_id=salon.pk), by=officer
    )
    measures.take_decision(
        measure_id=advice.pk,
        by=officer,
        decided_on=TODAY,
        decision_text="",
        bibob_outcome="serious_risk",
    )
    closure = _closure(salon, officer)
    with pytest.raises(EnforcementRefused):
        measures.take_decision(
            measure_id=closure.pk,
            by=officer,
            decided_on=TODAY,
            decision_text="",
            bibob_outcome="no_risk",
        )


def test_only_the_municipalitys_own_staff_register_measures(salon, member, hengelo_officer):
    for username in ("politie.twente", "afm.enschede", "hub.twente"):
        with pytest.raises(EnforcementRefused):
            _closure(salon, member(username))
    with pytest.raises(NotFound):
        _closure(salon, hengelo_officer)
    assert not Measure.objects.exists()
    measure = _closure(salon, member("handhaving.enschede"))
    assert not Measure.objects.visible_to(hengelo_officer).exists()
    assert not Measure.objects.visible_to(member("politie.twente")).exists()
    with pytest.raises(NotFound):
        measures.withdraw_measure(measure_id=measure.pk, by=hengelo_officer)


def test_the_framework_advice_and_a_deviation(salon, officer):
    follows = _closure(salon, officer)
    assert measures.framework_advice(follows) == ("Sluiting (art. 174a Gemeentewet)", False)
    deviates = _closure(salon, officer, type="warning", legal_basis="")
    advice, deviation = measures.framework_advice(deviates)
    assert deviation
    assert advice == "Sluiting (art. 174a Gemeentewet)"
    assert measures.framework_advice(_closure(salon, officer, situation="")) == (None, False)


def test_a_measure_names_an_inspection_of_its_own_establishment(salon, officer, done_inspection):
    other = establishments.register_establishment(
        data=establishments.EstablishmentData(
            name="Carwash",
            sector="car_wash",
            street="Havenweg",
            house_number="2",
            postcode="7500AA",
            city="Enschede",
        ),
        by=officer,
    )
    with pytest.raises(NotFound):
        _closure(other, officer, inspection_id=done_inspection.pk)
    assert _closure(salon, officer, inspection_id=done_inspection.pk).inspection == done_inspection
