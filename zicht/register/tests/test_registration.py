"""Registering persons: pseudonyms rather than identifiers, and a match with another
organisation tells both sides whom to contact, nothing more."""

import datetime

import pytest
from django.core import mail

from zicht.organisations.models import Municipality
from zicht.register.models import PersonPseudonym, PseudonymMatch

ANNA = {
    "first_name": "Anna",
    "last_name": "Kowalska",
    "birth_date": datetime.date(1999, 4, 2),
    "phone": "06 12345678",
}


@pytest.fixture
def enschede(demo):
    return Municipality.objects.get(cbs_code="GM0153")


def test_pseudonyms_not_identifiers_are_stored(make_report, person):
    make_report(persons=[person(**ANNA)])
    stored = list(PersonPseudonym.objects.values_list("digest", flat=True))
    assert len(stored) == 2  # name + date of birth, phone
    assert all("anna" not in digest and "612345678" not in digest for digest in stored)


def test_a_match_with_another_organisation_notifies_both_sides(make_report, person, enschede):
    make_report(by="afm.enschede", municipality=enschede, persons=[person(**ANNA)])
    mail.outbox.clear()
    make_report(persons=[person(first_name="ANNA", last_name="kowalska", phone="+31 6 1234 5678")])
    match = PseudonymMatch.objects.get()
    assert match.kind == "phone"
    assert match.organisation.municipality.cbs_code == "GM0164"  # Hengelo registered second
    assert match.other_organisation.municipality == enschede
    recipients = {
        m.to[0] for m in mail.outbox if "also known" in m.subject or "ook bekend" in m.subject
    }
    assert "afm.enschede@demo.zicht.invalid" in recipients
    assert "wijkcoach.hengelo@demo.zicht.invalid" not in recipients  # reporters are not contacts
    assert all("Kowalska" not in m.body and "5678" not in m.body for m in mail.outbox)
