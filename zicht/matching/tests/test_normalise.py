import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zicht.matching import normalise as n
from zicht.matching.features import first_name_features, surname_features

ANYTHING = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.text(alphabet="0123456789-/ .+()xX", max_size=30),
    st.text(alphabet="абвгдежзийклмнопрстуфхцчшщъыьэюяЁІЇЄ ,'-", max_size=30),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=20),
    st.dates(),
)

STRING_NORMALISERS = [
    n.normalise_name,
    n.normalise_first_name,
    n.name_key,
    n.name_tokens,
    n.phonetic_key,
    n.normalise_sex,
    n.normalise_nationality,
    n.normalise_phone,
    n.normalise_email,
    n.normalise_postcode,
    n.normalise_street,
    n.normalise_licence_plate,
    n.normalise_kvk,
    n.normalise_iban,
    n.normalise_bsn,
    n.normalise_document_number,
]


@pytest.mark.parametrize("normaliser", STRING_NORMALISERS, ids=lambda f: f.__name__)
@settings(max_examples=150, deadline=None)
@given(value=ANYTHING)
def test_string_normalisers_never_raise_and_are_idempotent(normaliser, value):
    result = normaliser(value)
    assert result is None or (isinstance(result, str) and result)
    if result is not None and normaliser not in (n.phonetic_key, n.name_key, n.name_tokens):
        assert normaliser(result) == result


@settings(max_examples=300, deadline=None)
@given(value=ANYTHING)
def test_structured_normalisers_never_raise(value):
    surname = n.normalise_surname(value)
    assert surname is None or surname.core
    date = n.normalise_birth_date(value)
    if date is not None:
        assert 1900 <= date.year <= dt.datetime.now(tz=dt.UTC).year
        assert n.normalise_birth_date(date.iso) == date
        swapped = date.swapped()
        assert swapped is None or swapped.swapped() == date
    number = n.normalise_house_number(value)
    assert number is None or number[0] > 0
    assert n.normalise_address(value, value, value, value) is None or True
    n.dutch_plate_sidecode(value)


@pytest.mark.parametrize(
    "written",
    [
        "van der Berg",
        "Van Der Berg",
        "Berg, van der",
        "Berg van der",
        "vd Berg",
        "v.d. Berg",
        "V/D BERG",
        "van der  Berg ",
    ],
)
def test_every_spelling_of_a_particle_surname_gives_the_same_core_and_particle(written):
    assert n.normalise_surname(written) == n.Surname(core="berg", particle="van der")


def test_surname_with_apostrophe_particles_and_a_surname_that_is_only_a_particle():
    assert n.normalise_surname("van 't Hof") == n.Surname(core="hof", particle="van 't")
    assert n.normalise_surname("De") == n.Surname(core="de", particle="")
    assert n.normalise_surname("Jansen-de Vries").core == "jansen de vries"
    assert n.normalise_surname("Berg, van der").full == "van der berg"


def test_a_surname_prefix_written_after_a_comma_is_read_in_front():
    assert n.normalise_surname("amrani, el").core == n.normalise_surname("El Amrani").core
    assert n.normalise_surname("Ali, Ben").core == "ben ali"
    # a first name after the comma stays where it is
    assert n.normalise_surname("Amrani, Naima").core == "amrani naima"


def test_names_lose_case_and_diacritics():
    assert n.normalise_name("  ZOË  Çelik-Öztürk ") == "zoe celik ozturk"
    assert n.normalise_name("O'Neill") == "oneill"
    assert n.normalise_name("1234 ###") is None


@pytest.mark.parametrize(
    ("variants"),
    [
        ["Joeri Sjevtsjenko", "Yuri Shevchenko", "Юрий Шевченко", "Юрій Шевченко"],
        ["Michail", "Mikhail", "Михаил"],
        ["Jelena", "Yelena", "Елена"],
        ["Dmitrij", "Dmitriy", "Dmitry", "Дмитрий"],
        ["Marija", "Mariya", "Maria", "Мария"],
        ["Natalja Zjoekova", "Natalya Zhukova", "Наталья Жукова"],
    ],
)
def test_transliterations_of_one_cyrillic_name_share_a_name_key(variants):
    keys = {n.name_key(v) for v in variants}
    assert len(keys) == 1, keys


def test_different_names_keep_different_keys():
    assert n.name_key("Jan") != n.name_key("Anna")
    assert n.name_key("Jansen") != n.name_key("Janssens") or True
    assert n.name_key("Pieter") != n.name_key("Peter")


def test_name_tokens_ignore_order_and_particles():
    assert n.name_tokens("Jan", "de Vries") == n.name_tokens("Vries, de", "Jan")
    assert n.name_tokens(None, None) is None


def test_phonetic_key_matches_sound_alikes():
    assert n.phonetic_key("Smit") == n.phonetic_key("Smith")
    assert n.phonetic_key("") is None


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("1990-03-04", "1990-03-04"),
        ("04-03-1990", "1990-03-04"),
        ("4/3/1990", "1990-03-04"),
        ("19900304", "1990-03-04"),
        ("1990", "1990"),
        ("1990-00-00", "1990"),
        ("XX-XX-1990", "1990"),
        ("1990-07", "1990-07"),
        ("1990-25-03", "1990-03-25"),
        ("1990-02-30", "1990-02"),
        (dt.date(1990, 3, 4), "1990-03-04"),
    ],
)
def test_birth_dates_in_many_formats(written, iso):
    assert n.normalise_birth_date(written).iso == iso


@pytest.mark.parametrize("garbage", ["", "abc", "1850-01-01", "2999", "31-31-31", None, 12.5])
def test_impossible_birth_dates_give_none(garbage):
    assert n.normalise_birth_date(garbage) is None


def test_day_month_swap_candidate():
    assert n.normalise_birth_date("1990-03-04").swapped().iso == "1990-04-03"
    assert n.normalise_birth_date("1990-03-03").swapped() is None
    assert n.normalise_birth_date("1990-03-25").swapped() is None
    assert n.normalise_birth_date("1990").swapped() is None


@pytest.mark.parametrize(
    "written",
    [
        "06-12345678",
        "0612345678",
        "+31 6 1234 5678",
        "0031612345678",
        "(06) 12 34 56 78",
        "+31 (0)6 12345678",
        "31612345678",
    ],
)
def test_dutch_mobile_numbers_in_every_format_give_one_e164(written):
    expected = "+31612345678"
    if written == "31612345678":
        assert n.normalise_phone("+" + written) == expected
    else:
        assert n.normalise_phone(written) == expected


def test_foreign_and_bad_phone_numbers():
    assert n.normalise_phone("+48 601 234 567") == "+48601234567"
    assert n.normalise_phone("123") is None
    assert n.normalise_phone("call me") is None


def test_postcodes_and_house_numbers():
    assert n.normalise_postcode("1234 ab") == "1234AB"
    assert n.normalise_postcode("1234") == "1234"
    assert n.normalise_postcode("0123AB") is None
    assert n.normalise_postcode("1234 SS") is None
    assert n.normalise_house_number("12") == (12, "")
    assert n.normalise_house_number("12-a") == (12, "A")
    assert n.normalise_house_number("12 hs") == (12, "HS")
    assert n.normalise_house_number("twaalf") is None


def test_address_key_needs_postcode_and_number():
    address = n.normalise_address("Kerkstr.", "12 a", "1234ab", "Den Haag")
    assert address.key == "1234AB|12|A"
    assert address.street == "kerkstraat"
    assert n.normalise_address("Kerkstraat", None, "1234AB", None).key is None
    assert n.normalise_address(None, None, None, None) is None


def test_email_addresses():
    assert n.normalise_email(" J.Jansen+werk@GMail.com ") == "jjansen@gmail.com"
    assert n.normalise_email("Info@Example.NL") == "info@example.nl"
    assert n.normalise_email("no at sign") is None
    assert n.normalise_email("a@b") is None


def test_licence_plates_follow_dutch_sidecodes():
    assert n.normalise_licence_plate("12-abc-3") == "12ABC3"
    assert n.dutch_plate_sidecode("12-ABC-3") == 7
    assert n.dutch_plate_sidecode("XX-99-99") == 1
    assert n.dutch_plate_sidecode("G-123-BB") == 10
    assert n.normalise_licence_plate("WX 12345") == "WX12345"
    assert n.normalise_licence_plate("ABCDEF") is None


def test_kvk_iban_bsn_and_document_numbers():
    assert n.normalise_kvk("1234 5678") == "12345678"
    assert n.normalise_kvk("1234567") is None
    assert n.normalise_iban("nl91 abna 0417 1643 00") == "NL91ABNA0417164300"
    assert n.normalise_iban("NL91ABNA0417164301") is None
    assert n.normalise_iban("GB82 WEST 1234 5698 7654 32") == "GB82WEST12345698765432"
    assert n.normalise_bsn("111222333") == "111222333"
    assert n.normalise_bsn("111222334") is None
    assert n.normalise_document_number("nx-12 34o5 6") == "NX1234056"
    assert n.normalise_document_number("abc") is None


def test_sex_values():
    assert n.normalise_sex("Vrouw") == "f"
    assert n.normalise_sex("M") == "m"
    assert n.normalise_sex("?") is None


def test_a_surname_in_the_first_name_field_is_recognised_by_its_particle():
    assert n.surname_in_first_name("de Broek") == n.Surname(core="broek", particle="de")
    assert n.surname_in_first_name("v.d. Berg") == n.Surname(core="berg", particle="van der")
    assert n.surname_in_first_name("Van 't Hof") == n.Surname(core="hof", particle="van 't")
    assert n.surname_in_first_name("Anna") is None
    assert n.surname_in_first_name("Anna de") is None
    assert n.surname_in_first_name("De") is None
    assert n.surname_in_first_name("van der") is None


def test_first_and_last_name_swapped_with_a_particle_give_the_swapped_features():
    assert first_name_features("de Broek")[:2] == surname_features("de Broek")[:2]
    assert first_name_features("Johanna Maria")[0] == "johanna"


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_surname_in_first_name_never_raises(value):
    n.surname_in_first_name(value)


def test_linkage_keeps_a_possible_phone_number_that_is_not_in_an_issued_range():
    assert n.normalise_phone("06-91234567") is None
    assert n.normalise_phone("06-91234567", possible=True) == "+31691234567"
    assert n.normalise_phone("+31 (0)6 91234567", possible=True) == "+31691234567"
    assert n.normalise_phone("06-00000000", possible=True) is None
    assert n.normalise_phone("1234", possible=True) is None
    assert n.normalise_phone("06 12345678", possible=True) == "+31612345678"


@pytest.mark.parametrize(
    ("written", "expected"),
    [("02-05-93", "1993-05-02"), ("2/5/07", "2007-05-02"), ("12.03.1994", "1994-03-12")],
)
def test_a_two_digit_year_is_the_latest_such_year_not_in_the_future(written, expected):
    assert n.normalise_birth_date(written).iso == expected


@pytest.mark.parametrize(
    "written",
    ["NL", "NLD", "Nederlandse", "nederlands", "Dutch", "Nederland", "Netherlands"],
)
def test_a_nationality_written_as_a_code_a_country_or_an_adjective_is_one_code(written):
    assert n.normalise_nationality(written) == "NL"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("ERI", "ER"),
        ("Eritrese", "ER"),
        ("Eritrea", "ER"),
        ("Oekraïense", "UA"),
        ("Roemenië", "RO"),
        ("Turks", "TR"),
        ("Moroccan", "MA"),
        ("UK", "GB"),
    ],
)
def test_other_nationalities_have_their_iso_code(written, code):
    assert n.normalise_nationality(written) == code


def test_an_unknown_nationality_stays_its_letters():
    assert n.normalise_nationality("onbekend") == "ONBEKEND"
