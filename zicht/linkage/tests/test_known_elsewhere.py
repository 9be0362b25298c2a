"""“Already known?” across organisations: the counterpart and whom to contact, nothing more."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from zicht.audit.models import AccessLogEntry
from zicht.intake.submission import PersonData
from zicht.linkage.keys import keyring
from zicht.linkage.models import KnownMatch, PersonPseudonym
from zicht.linkage.pseudonyms import KeyRing
from zicht.linkage.registry import rotate_pseudonyms
from zicht.organisations.models import Municipality

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


def test_pseudonyms_not_identifiers_are_stored(make_report):
    make_report(persons=[ANNA])
    stored = list(PersonPseudonym.objects.values_list("digest", flat=True))
    assert len(stored) == 2  # name + date of birth, phone
    assert all("anna" not in digest and "612345678" not in digest for digest in stored)


def test_a_match_with_another_organisation_notifies_both_sides(make_report, enschede):
    make_report(by="afm.enschede", municipality=enschede, persons=[ANNA])
    mail.outbox.clear()
    make_report(
        persons=[
            PersonData(
                role="presumed_victim",
                first_name="ANNA",
                last_name="kowalska",
                phone="+31 6 1234 5678",
            )
        ]
    )
    match = KnownMatch.objects.get()
    assert match.kind == "phone"
    assert match.organisation.municipality.cbs_code == "GM0164"  # Hengelo registered second
    assert match.other_organisation.municipality == enschede
    recipients = {
        m.to[0] for m in mail.outbox if "also known" in m.subject or "ook bekend" in m.subject
    }
    assert "afm.enschede@demo.zicht.invalid" in recipients
    assert "wijkcoach.hengelo@demo.zicht.invalid" not in recipients  # reporters are not contacts
    assert all("Kowalska" not in m.body and "5678" not in m.body for m in mail.outbox)


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


def test_an_organisation_of_another_region_gets_no_hit(signed_in, make_report, enschede, member):
    from zicht.demo.organisations import _user
    from zicht.organisations.models import Membership, Organisation, Role

    make_report(by="afm.enschede", municipality=enschede, persons=[ANNA])
    user = _user("afm.vlissingen", "AFM", "Vlissingen")
    Membership.objects.create(
        user=user,
        organisation=Organisation.objects.get(name="Gemeente Vlissingen"),
        role=Role.FOCAL_OFFICER,
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


def test_rotating_the_key_keeps_matches_working(make_report, enschede, monkeypatch):
    make_report(by="afm.enschede", municipality=enschede, persons=[ANNA])
    old = keyring()
    new_key = (
        "v2:" + __import__("base64").b64encode(b"a second demo key of at least 32 bytes").decode()
    )
    monkeypatch.setenv(
        "ZICHT_PSEUDONYM_KEYS",
        f"v1:{__import__('base64').b64encode(old.key(1)).decode()},{new_key}",
    )
    keyring.cache_clear()
    try:
        assert rotate_pseudonyms() == 2
        assert set(PersonPseudonym.objects.values_list("key_version", flat=True)) == {2}
        make_report(persons=[ANNA])
        assert KnownMatch.objects.count() == 1
    finally:
        keyring.cache_clear()
    assert isinstance(old, KeyRing)
