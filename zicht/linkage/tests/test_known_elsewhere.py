"""“Already known?” while a report form is filled in: the counterpart and whom to contact,
nothing more (the register's own tests are in zicht/register/tests)."""

import datetime

import pytest
from django.urls import reverse

from zicht.audit.models import AccessLogEntry
from zicht.intake.submission import PersonData
from zicht.organisations.models import Municipality
from zicht.organisations.tests.factories import VLISSINGEN, FocalOfficerFactory, municipality

ANNA = PersonData(
    role="presumed_victim",
    first_name="Anna",
    last_name="Kowalska",
    birth_date=datetime.date(1999, 4, 2),
    phone="06 12345678",
)


@pytest.fixture
def enschede(demo):
    return Municipality.objects.get(cbs_code="GM0153")


def _lookup(client, **fields):
    data = {
        "person_prefix": "persons-0",
        "persons-0-role": "presumed_victim",
        "persons-0-sex": "unknown",
    }
    data.update({f"persons-0-{k}": v for k, v in fields.items()})
    return client.post(reverse("linkage:known_while_registering"), data)


def test_the_form_says_where_a_person_is_known_and_nothing_of_the_record(
    signed_in, make_report, enschede
):
    make_report(by="afm.enschede", municipality=enschede, persons=[ANNA])
    response = _lookup(
        signed_in("wijkcoach.hengelo"),
        first_name="Anna",
        last_name="Kowalska",
        birth_date="1999-04-02",
    )
    page = response.content.decode()
    assert "Gemeente Enschede" in page
    assert 'data-testid="known-elsewhere"' in page
    assert "612345678" not in page
    assert "Vrouw in woning" not in page
    assert AccessLogEntry.objects.filter(action="lookup", username="wijkcoach.hengelo").exists()


def test_an_organisation_of_another_region_gets_no_hit(signed_in, make_report, enschede):
    make_report(by="afm.enschede", municipality=enschede, persons=[ANNA])
    FocalOfficerFactory(
        user__username="afm.vlissingen",
        user__with_totp_device=True,
        organisation__municipality=municipality(VLISSINGEN),
    )
    response = _lookup(signed_in("afm.vlissingen"), phone="0612345678")
    assert 'data-testid="not-known-elsewhere"' in response.content.decode()


def test_a_similar_name_with_the_same_birth_date_is_a_possible_match(
    signed_in, make_report, enschede
):
    make_report(by="afm.enschede", municipality=enschede, persons=[ANNA])
    response = _lookup(
        signed_in("wijkcoach.hengelo"),
        first_name="Ana",
        last_name="Kowalski",
        birth_date="1999-04-02",
    )
    assert "Gemeente Enschede" in response.content.decode()
