"""Rotating the pseudonym key: every pseudonym is re-signed under the newest key."""

import base64
import datetime

import pytest

from zicht.matching.pseudonyms import KeyRing
from zicht.organisations.models import Municipality
from zicht.register.keys import keyring
from zicht.register.models import PersonPseudonym, PseudonymMatch
from zicht.register.rotation import rotate_pseudonyms

ANNA = {
    "first_name": "Anna",
    "last_name": "Kowalska",
    "birth_date": datetime.date(1999, 4, 2),
    "phone": "06 12345678",
}


@pytest.fixture
def enschede(demo):
    return Municipality.objects.get(cbs_code="GM0153")


def test_rotating_the_key_keeps_matches_working(make_report, person, enschede, monkeypatch):
    make_report(by="afm.enschede", municipality=enschede, persons=[person(**ANNA)])
    old = keyring()
    new_key = "v2:" + base64.b64encode(b"a second demo key of at least 32 bytes").decode()
    monkeypatch.setenv(
        "ZICHT_PSEUDONYM_KEYS", f"v1:{base64.b64encode(old.key(1)).decode()},{new_key}"
    )
    keyring.cache_clear()
    try:
        assert rotate_pseudonyms() == 2
        assert set(PersonPseudonym.objects.values_list("key_version", flat=True)) == {2}
        make_report(persons=[person(**ANNA)])
        assert PseudonymMatch.objects.count() == 1
    finally:
        keyring.cache_clear()
    assert isinstance(old, KeyRing)
