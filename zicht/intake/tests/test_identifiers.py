from hypothesis import given
from hypothesis import strategies as st

from zicht.intake.identifiers import address_key, name_key, phone_key


def test_name_keys_ignore_case_accents_and_particle_order():
    assert name_key("Ánna", "van der Berg") == name_key("anna", "Berg, van der") != ""
    assert name_key("Anna", "") == ""


def test_phone_keys_are_e164():
    assert phone_key("06-12345678") == phone_key("+31 6 1234 5678") == "+31612345678"
    assert phone_key("not a phone") == ""


def test_address_keys_need_postcode_and_number():
    assert address_key("7551 ab", "12 a") == "7551AB-12A"
    assert address_key("7551", "12") == ""


@given(st.text(max_size=60), st.text(max_size=60))
def test_keys_never_crash_on_any_input(first, second):
    assert isinstance(name_key(first, second), str)
    assert isinstance(phone_key(first), str)
    assert isinstance(address_key(first, second), str)
