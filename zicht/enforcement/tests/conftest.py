"""Personas and data of the administrative approach: the enforcement officers of Enschede and
Hengelo, an establishment in Enschede and an inspection of it, made through the operations."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zicht.enforcement import establishments, inspections
from zicht.organisations.models import Organisation, OrganisationType

TODAY = timezone.localdate()


@pytest.fixture
def officer(member):
    return member("handhaving.enschede")


@pytest.fixture
def hengelo_officer(member):
    return member("handhaving.hengelo")


@pytest.fixture
def police(officer):
    return Organisation.objects.get(
        region=officer.organisation.region, type=OrganisationType.POLICE
    )


@pytest.fixture
def salon(officer):
    return establishments.register_establishment(
        data=establishments.EstablishmentData(
            name="Nagelstudio Lotus",
            sector="massage_nail_salon",
            street="Haaksbergerstraat",
            house_number="12",
            postcode="7511 AB",
            city="Enschede",
            kvk_number="1234 5678",
        ),
        by=officer,
    )


@pytest.fixture
def inspection(salon, officer, police):
    return inspections.plan_inspection(
        establishment_id=salon.pk,
        by=officer,
        planned_on=TODAY - datetime.timedelta(days=1),
        team=[police],
    )


@pytest.fixture
def done_inspection(inspection, officer):
    return inspections.record_inspection(
        inspection_id=inspection.pk,
        by=officer,
        done_on=TODAY - datetime.timedelta(days=1),
        indicators=["no_id_papers", "housing_by_exploiter"],
        findings="Drie medewerksters zonder paspoort; zij slapen boven de salon.",
    )
