"""Passwords are hashed at OWASP's cost; hashes made at Django's higher default still work."""

from django.contrib.auth.hashers import (
    PBKDF2PasswordHasher,
    check_password,
    identify_hasher,
    make_password,
)
from django.test import override_settings

from zicht.accounts.hashers import OwaspPBKDF2PasswordHasher

HASHERS = ["zicht.accounts.hashers.OwaspPBKDF2PasswordHasher"]


def test_the_cost_is_owasps_recommendation_for_pbkdf2_sha256():
    assert OwaspPBKDF2PasswordHasher.algorithm == "pbkdf2_sha256"
    assert OwaspPBKDF2PasswordHasher.iterations == 600_000


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_a_hash_at_djangos_default_cost_verifies_and_is_renewed():
    old = PBKDF2PasswordHasher().encode("een lang wachtwoord", "somesalt1234")
    renewed = []
    assert check_password("een lang wachtwoord", old, setter=renewed.append)
    assert renewed == ["een lang wachtwoord"]
    assert identify_hasher(make_password("x")).decode(make_password("x"))["iterations"] == 600_000
