"""Inspections: planned by the municipality with a team, recorded against the sector's
checklist; persons met are checked in the pseudonym register; a finding with indicators
becomes one report on the meldroute with source "inspection"."""

import datetime

import pytest

from zicht.enforcement import inspections
from zicht.enforcement.models import Inspection, PersonMet
from zicht.enforcement.refusals import EnforcementRefused, NotFound
from zicht.enforcement.tests.conftest import TODAY
from zicht.enforcement.vocabulary import checklist
from zicht.intake.models import Report
from zicht.intake.submission import PersonData
from zicht.intake.vocabulary import INDICATOR_CODES


def test_the_checklist_reuses_the_intakes_indicators_of_the_sectors_forms():
    salon = {i.code for i in checklist("massage_nail_salon")}
    assert salon <= INDICATOR_CODES
    assert "sex_many_clients" in salon
    assert "labour_low_pay" in salon
    assert "criminal_accounts" not in salon
    assert "sex_many_clients" not in {i.code for i in checklist("car_wash")}


def test_an_indicator_outside_the_sectors_checklist_is_refused(inspection, officer):
    with pytest.raises(EnforcementRefused):
        inspections.record_inspection(
            inspection_id=inspection.pk,
            by=officer,
            done_on=TODAY,
            indicators=["criminal_accounts"],
            findings="",
        )
    inspection.refresh_from_db()
    assert inspection.status == "planned"
    assert inspection.indicators == []


def test_an_inspection_cannot_be_done_in_the_future(inspection, officer):
    with pytest.raises(EnforcementRefused):
        inspections.record_inspection(
            inspection_id=inspection.pk,
            by=officer,
            done_on=TODAY + datetime.timedelta(days=1),
            indicators=[],
            findings="",
        )


def test_the_team_sees_the_inspection_and_outsiders_do_not(inspection, member, officer):
    assert Inspection.objects.visible_to(officer).get() == inspection
    assert Inspection.objects.visible_to(member("politie.twente")).get() == inspection
    for outsider in ("handhaving.hengelo", "vt.twente", "hub.twente", "wijkcoach.hengelo"):
        assert not Inspection.objects.visible_to(member(outsider)).exists()
        with pytest.raises(NotFound):
            inspections.register_person_met(
                inspection_id=inspection.pk,
                by=member(outsider),
                data=inspections.PersonMetData(first_name="X"),
            )


def test_a_person_met_known_at_another_organisation_says_where(
    make_report, done_inspection, officer
):
    # Hengelo's reporter registered her before, in a report of its own.
    make_report(
        persons=[
            PersonData(
                role="presumed_victim",
                first_name="Maria",
                last_name="Ionescu",
                birth_date=datetime.date(2001, 4, 5),
            )
        ]
    )
    person = inspections.register_person_met(
        inspection_id=done_inspection.pk,
        by=officer,
        data=inspections.PersonMetData(
            role="presumed_victim",
            first_name="Maria",
            last_name="Ionescu",
            birth_date=datetime.date(2001, 4, 5),
        ),
    )
    assert [hit["kind"] for hit in person.known_at] == ["name_birth_date"]
    stranger = inspections.register_person_met(
        inspection_id=done_inspection.pk,
        by=officer,
        data=inspections.PersonMetData(first_name="Nobody", last_name="Known"),
    )
    assert stranger.known_at == []


def test_the_finding_becomes_one_report_with_source_inspection(done_inspection, officer):
    inspections.register_person_met(
        inspection_id=done_inspection.pk,
        by=officer,
        data=inspections.PersonMetData(role="presumed_victim", first_name="Ana", last_name="P"),
    )
    report = inspections.report_finding(inspection_id=done_inspection.pk, by=officer)
    assert report.source == "inspection"
    assert report.indicators == ["housing_by_exploiter", "no_id_papers"]
    assert report.municipality.cbs_code == "GM0153"
    assert report.location.startswith("Haaksbergerstraat 12")
    assert [p.first_name for p in report.persons.all()] == ["Ana"]
    assert report.case is not None
    again = inspections.report_finding(inspection_id=done_inspection.pk, by=officer)
    assert again == report
    assert Report.objects.count() == 1


def test_a_finding_without_indicators_is_not_a_report(inspection, officer):
    inspections.record_inspection(
        inspection_id=inspection.pk, by=officer, done_on=TODAY, indicators=[], findings="Niets."
    )
    with pytest.raises(EnforcementRefused):
        inspections.report_finding(inspection_id=inspection.pk, by=officer)
    assert not Report.objects.exists()
    assert not PersonMet.objects.exists()
