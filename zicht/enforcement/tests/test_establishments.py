"""Establishments and permits: registered by the municipality's own staff, with a checked
KvK number and a permit that cannot end before it starts; bad input changes nothing."""

import datetime

import pytest

from zicht.enforcement import establishments
from zicht.enforcement.kvk import validate_kvk
from zicht.enforcement.models import Establishment, Permit
from zicht.enforcement.refusals import EnforcementRefused, NotFound
from zicht.enforcement.tests.conftest import TODAY


def _data(**changes):
    values = {
        "name": "Autowasstraat Zuid",
        "sector": "car_wash",
        "street": "Zuiderval",
        "house_number": "3",
        "postcode": "7543AA",
        "city": "Enschede",
    }
    return establishments.EstablishmentData(**{**values, **changes})


def test_an_officer_registers_an_establishment_in_own_municipality(salon, officer):
    assert salon.municipality.cbs_code == "GM0153"
    assert salon.kvk_number == "12345678"
    assert salon.postcode == "7511AB"


@pytest.mark.parametrize("number", ["1234567", "123456789", "1234567a", "00000000", "12-34-56-78"])
def test_a_bad_kvk_number_is_refused_in_dutch(officer, number):
    with pytest.raises(EnforcementRefused, match="acht cijfers"):
        establishments.register_establishment(data=_data(kvk_number=number), by=officer)
    assert not Establishment.objects.exists()


@pytest.mark.parametrize("number", ["12345678", "9000 0001", "69599084"])
def test_eight_digits_are_a_kvk_number(number):
    validate_kvk(number.replace(" ", ""))


def test_only_municipal_staff_register(member):
    for username in ("wijkcoach.hengelo", "politie.twente", "hub.twente", "afm.enschede"):
        with pytest.raises(EnforcementRefused):
            establishments.register_establishment(data=_data(), by=member(username))
    assert not Establishment.objects.exists()


def test_a_permit_cannot_end_before_it_starts(salon, officer):
    with pytest.raises(EnforcementRefused, match="eindigen voordat"):
        establishments.add_permit(
            establishment_id=salon.pk,
            by=officer,
            type="operating",
            number="EX-1",
            valid_from=TODAY,
            valid_to=TODAY - datetime.timedelta(days=1),
        )
    assert not Permit.objects.exists()
    permit = establishments.add_permit(
        establishment_id=salon.pk, by=officer, type="operating", number="EX-1", valid_from=TODAY
    )
    assert permit.valid_to is None


def test_another_municipality_cannot_add_a_permit(salon, hengelo_officer):
    with pytest.raises(NotFound):
        establishments.add_permit(
            establishment_id=salon.pk,
            by=hengelo_officer,
            type="operating",
            number="EX-2",
            valid_from=TODAY,
        )
