"""Inspections and administrative measures in the monitor: counted in their period and
municipality, by sector, by type and by where the procedure stands, shown on the dashboard."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zicht.enforcement import establishments, inspections, measures
from zicht.monitor.figures import Scope
from zicht.monitor.figures.enforcement import enforcement_figures
from zicht.organisations.models import Municipality, Organisation, OrganisationType

TODAY = timezone.localdate()


@pytest.fixture
def enforced(member):
    """In Enschede: a salon inspected yesterday, with a closure drafted and a warning
    withdrawn; a planned inspection that was not done."""
    officer = member("handhaving.enschede")
    police = Organisation.objects.get(region__code="VR05", type=OrganisationType.POLICE)
    salon = establishments.register_establishment(
        data=establishments.EstablishmentData(
            name="Salon", sector="massage_nail_salon", street="Markt", house_number="1",
            postcode="7511AA", city="Enschede",
        ),
        by=officer,
    )  # fmt: skip
    yesterday = TODAY - datetime.timedelta(days=1)
    done = inspections.plan_inspection(
        establishment_id=salon.pk, by=officer, planned_on=yesterday, team=[police]
    )
    inspections.record_inspection(
        inspection_id=done.pk, by=officer, done_on=yesterday, indicators=["no_id_papers"],
        findings="",
    )  # fmt: skip
    inspections.plan_inspection(
        establishment_id=salon.pk, by=officer, planned_on=TODAY, team=[police]
    )
    measures.draft_measure(
        data=measures.MeasureData(
            type="closure_174a", legal_basis="art. 174a Gemeentewet",
            establishment_id=salon.pk, intention_on=TODAY,
        ),
        by=officer,
    )  # fmt: skip
    warning = measures.draft_measure(
        data=measures.MeasureData(type="warning", establishment_id=salon.pk), by=officer
    )
    measures.withdraw_measure(measure_id=warning.pk, by=officer)
    return officer.organisation.region


def figures(scope: Scope) -> dict:
    return {f.key: f for f in enforcement_figures(scope)}


def test_inspections_done_and_measures_by_type_and_stand(enforced):
    shown = figures(Scope.year(enforced, TODAY.year))
    assert shown["inspections_sector"].counts["massage_nail_salon"] == 1
    assert shown["inspections_sector"].total == 1
    assert shown["measures_type"].counts["closure_174a"] == 1
    assert shown["measures_type"].counts["warning"] == 1
    assert shown["measures_status"].counts["withdrawn"] == 1
    assert shown["measures_status"].total == 2


def test_another_municipality_and_another_year_count_none(enforced):
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    assert figures(Scope.year(enforced, TODAY.year, hengelo))["measures_type"].total == 0
    assert figures(Scope.year(enforced, TODAY.year - 1))["inspections_sector"].total == 0


def test_the_dashboard_shows_them_in_dutch(enforced, signed_in):
    page = signed_in("analist.twente").get("/monitor/").content.decode()
    assert "Bestuurlijke aanpak" in page
    assert "Uitgevoerde controles, naar sector" in page
