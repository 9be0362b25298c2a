"""Instruments used per barrier, counted from the inspections done and measures registered."""

from zicht.enforcement import measures
from zicht.enforcement.barriers import instruments_used
from zicht.enforcement.tests.conftest import TODAY


def test_inspections_and_measures_count_in_their_barriers(salon, officer, done_inspection):
    region_id = officer.organisation.region_id
    measures.draft_measure(
        data=measures.MeasureData(
            type="closure_174a", legal_basis="art. 174a Gemeentewet", establishment_id=salon.pk
        ),
        by=officer,
    )
    withdrawn = measures.draft_measure(
        data=measures.MeasureData(type="bibob_advice", establishment_id=salon.pk), by=officer
    )
    measures.withdraw_measure(measure_id=withdrawn.pk, by=officer)
    used = instruments_used(region_id, TODAY.year)
    assert used["work"].measures == {"closure_174a": 1}
    assert used["work"].inspections == {"massage_nail_salon": 1}
    assert used["housing"].measures == {"closure_174a": 1}
    assert "finances" not in used
    assert instruments_used(region_id, TODAY.year - 1) == {}
