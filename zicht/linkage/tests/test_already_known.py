"""The "already known?" check of identifiers typed in a form: exact hits on pseudonyms,
possible matches from the date of birth, nothing of the other record, every look-up logged."""

from __future__ import annotations

import datetime
import math

import pytest

from zicht.audit.models import AccessLogEntry
from zicht.intake.submission import PersonData
from zicht.linkage.already_known import FUZZY_PROBABILITY, _one_digit_off, already_known
from zicht.linkage.models import LinkageRun
from zicht.linkage.region_weights import region_model
from zicht.matching import term_frequencies as tf
from zicht.matching.scoring import DEFAULT_PRIOR, DEFAULT_WEIGHTS, record_features
from zicht.organisations.models import Municipality

ANNA = PersonData(
    role="presumed_victim",
    first_name="Anna",
    last_name="Kowalska",
    birth_date=datetime.date(1999, 4, 2),
    phone="06 12345678",
    postcode="7511 AB",
    house_number="12",
)
YURI = PersonData(
    role="presumed_victim",
    first_name="Юрий",
    last_name="Шевченко",
    birth_date=datetime.date(1987, 11, 5),
)


@pytest.fixture
def enschede(demo):
    return Municipality.objects.get(cbs_code="GM0153")


@pytest.fixture
def registered(make_report, enschede):
    """Anna and Yuri registered by the municipality of Enschede."""
    make_report(by="afm.enschede", municipality=enschede, persons=[ANNA, YURI])


def _lookup(member, username: str = "wijkcoach.hengelo", **values):
    return already_known(values, by=member(username))


def _names(organisations) -> list[str]:
    return [hit.organisation.name for hit in organisations]


@pytest.mark.parametrize(
    "values",
    [
        {"phone": "+31 6 1234 5678"},
        {"postcode": "7511ab", "house_number": "12"},
        {"first_name": "ANNA", "last_name": "kowalska", "birth_date": datetime.date(1999, 4, 2)},
    ],
    ids=["phone", "address", "name and date of birth"],
)
def test_an_exact_identifier_is_known_at_the_organisation_that_registered_it(
    registered, member, values
):
    result = _lookup(member, **values)
    assert _names(result.known) == ["Gemeente Enschede"]
    assert result.possible == []


def test_the_kind_of_the_hit_is_the_strongest_identifier_in_common(registered, member):
    result = _lookup(
        member,
        first_name="Anna",
        last_name="Kowalska",
        birth_date=datetime.date(1999, 4, 2),
        phone="0612345678",
    )
    assert [hit.kind for hit in result.known] == ["name_birth_date"]


@pytest.mark.parametrize(
    "values",
    [
        # day and month swapped, surname misspelt
        {"first_name": "Anna", "last_name": "Kowalski", "birth_date": datetime.date(1999, 2, 4)},
        # one digit of the date mistyped
        {"first_name": "Anna", "last_name": "Kowalska", "birth_date": datetime.date(1999, 4, 3)},
        # another transliteration, day and month swapped
        {
            "first_name": "Joeri",
            "last_name": "Sjevtsjenko",
            "birth_date": datetime.date(1987, 5, 11),
        },
        # first name and surname swapped, one digit of the date mistyped
        {"first_name": "Kowalska", "last_name": "Anna", "birth_date": datetime.date(1999, 4, 12)},
    ],
    ids=["swapped date", "one digit off", "transliteration", "swapped names"],
)
def test_a_close_name_and_date_of_birth_is_a_possible_match(registered, member, values):
    result = _lookup(member, **values)
    assert result.known == []
    assert _names(result.possible) == ["Gemeente Enschede"]
    assert result.possible[0].probability >= FUZZY_PROBABILITY
    assert not result.possible[0].on_name_only


@pytest.mark.parametrize(
    "values",
    [
        {"first_name": "Anna", "last_name": "Kowalska", "birth_date": datetime.date(1975, 9, 30)},
        {"first_name": "Fleur", "last_name": "de Vries", "birth_date": datetime.date(1999, 4, 2)},
        {"first_name": "Anna", "last_name": "Kowalska"},
        {"first_name": "Zzyzx", "last_name": "Qwerty", "phone": "0687654321"},
    ],
    ids=["namesake", "same birthday", "name only", "unknown"],
)
def test_others_are_not_known(registered, member, values):
    result = _lookup(member, **values)
    assert result.known == []
    assert result.possible == []


def test_what_ones_own_organisation_registered_is_not_reported(registered, member):
    result = _lookup(member, "afm.enschede", phone="0612345678")
    assert result.known == []
    result = _lookup(
        member,
        "afm.enschede",
        first_name="Anna",
        last_name="Kowalski",
        birth_date=datetime.date(1999, 2, 4),
    )
    assert result.possible == []


def test_every_look_up_is_logged_with_where_it_was_known(registered, member):
    before = AccessLogEntry.objects.filter(action="lookup").count()
    _lookup(member, phone="0612345678")
    _lookup(member, phone="0600000000")
    entries = list(AccessLogEntry.objects.filter(action="lookup").order_by("id"))[before:]
    assert len(entries) == 2
    assert entries[0].username == "wijkcoach.hengelo"
    assert len(entries[0].detail["known_at"]) == 1
    assert entries[1].detail == {"known_at": [], "possibly_at": [], "on_name_only_at": []}
    assert all("0612345678" not in str(entry.detail) for entry in entries)


def test_dates_one_digit_off_are_those_of_the_models_level():
    dates = _one_digit_off(datetime.date(1990, 3, 4))
    assert datetime.date(1980, 3, 4) in dates
    assert datetime.date(1990, 8, 4) in dates
    assert datetime.date(1990, 3, 24) in dates
    assert datetime.date(1990, 4, 3) not in dates  # the swap is two digits
    assert all(
        sum(a != b for a, b in zip(d.isoformat(), "1990-03-04", strict=True)) == 1 for d in dates
    )
    assert all(1900 <= d.year <= datetime.datetime.now(tz=datetime.UTC).year for d in dates)


def test_only_an_agreeing_date_of_birth_makes_a_possible_match():
    """Why the candidates come from the date of birth: without a date that agrees (exactly,
    swapped or but for one digit; both dates are full, so never "partial") even the best name,
    with a phone and an address that differ or are missing (an equal one is an exact hit; the
    same number with another country code is the same phone and may make a possible match
    with the name), stays below FUZZY_PROBABILITY under the weights the look-up uses."""

    def best(comparison: str, leave_out: set[str]) -> float:
        levels = DEFAULT_WEIGHTS[comparison]
        return max(
            [1.0] + [bf for label, bf in levels.items() if label not in leave_out]
        )  # 1.0: the null level, a field left empty

    agreeing = {"exact date", "day and month swapped", "one digit differs", "partial date agrees"}
    bits = math.log2(DEFAULT_PRIOR / (1 - DEFAULT_PRIOR))
    bits += math.log2(best("name", set()))
    bits += math.log2(
        max(bf for label, bf in DEFAULT_WEIGHTS["birth_date"].items() if label not in agreeing)
    )
    bits += math.log2(best("phone", {"exact", "same number, another country code"}))
    bits += math.log2(best("address", {"same postcode and house number"}))
    bits += math.log2(best("different_person_guard", set()))
    assert 1 / (1 + 2**-bits) < FUZZY_PROBABILITY


def splink_model(weights: dict[str, dict[str, float]], prior: float) -> dict:
    """A saved model in Splink's form (what a linkage run stores) with these Bayes factors."""
    u = 1e-3
    return {
        "probability_two_random_records_match": prior,
        "comparisons": [
            {
                "output_column_name": name,
                "comparison_levels": [
                    {
                        "sql_condition": label,
                        "label_for_charts": label,
                        "m_probability": bf * u,
                        "u_probability": u,
                    }
                    for label, bf in levels.items()
                ],
            }
            for name, levels in weights.items()
        ],
    }


SWAPPED = {"first_name": "Anna", "last_name": "Kowalski", "birth_date": datetime.date(1999, 2, 4)}


def test_the_regions_trained_model_decides_a_possible_match(registered, member, enschede):
    assert _names(_lookup(member, **SWAPPED).possible) == ["Gemeente Enschede"]
    # A model trained on the region's data in which swapped days and months are common
    # among different persons: the same look-up is no longer a possible match.
    sceptical = {name: dict(levels) for name, levels in DEFAULT_WEIGHTS.items()}
    sceptical["birth_date"]["day and month swapped"] = 1.0
    LinkageRun.objects.create(
        region=enschede.region, threshold=0.5, model=splink_model(sceptical, DEFAULT_PRIOR)
    )
    assert region_model(enschede.region_id) is not None
    assert _lookup(member, **SWAPPED).possible == []
    # A newer run whose model agrees with the defaults gives the match again.
    LinkageRun.objects.create(
        region=enschede.region, threshold=0.5, model=splink_model(DEFAULT_WEIGHTS, DEFAULT_PRIOR)
    )
    assert _names(_lookup(member, **SWAPPED).possible) == ["Gemeente Enschede"]


def test_a_run_without_a_trained_model_leaves_the_default_weights(registered, member, enschede):
    LinkageRun.objects.create(region=enschede.region, threshold=0.5, model={})
    assert region_model(enschede.region_id) is None
    assert _names(_lookup(member, **SWAPPED).possible) == ["Gemeente Enschede"]


def _with_frequencies(first: dict[str, float], surname: dict[str, float]) -> dict:
    """A saved model with the default weights and term frequencies of the region's names
    (zicht.matching.term_frequencies), as a linkage run stores it."""
    model = splink_model(DEFAULT_WEIGHTS, DEFAULT_PRIOR)
    model[tf.MODEL_KEY] = {
        "weight": 1.0,
        "max_up": tf.DEFAULT_TF_MAX_UP,
        "columns": {
            "fn_key": {"mean": 0.01, "floor": 1e-4, "values": first},
            "ln_key": {"mean": 0.005, "floor": 1e-4, "values": surname},
        },
    }
    return model


NAME_ONLY = {"first_name": "ANNA", "last_name": "Kowalska"}


def test_a_rare_name_without_a_date_of_birth_is_a_possible_match_on_the_name_alone(
    registered, member, enschede
):
    """In a region where Anna Kowalska is a rare name, the same name is a likely match even
    without a date of birth, and the answer says that it rests on the name alone."""
    LinkageRun.objects.create(
        region=enschede.region, threshold=0.5, model=_with_frequencies({}, {})
    )
    result = _lookup(member, **NAME_ONLY)
    assert _names(result.possible) == ["Gemeente Enschede"]
    assert result.possible[0].on_name_only
    entry = AccessLogEntry.objects.filter(action="lookup").latest("id")
    assert entry.detail["on_name_only_at"] == entry.detail["possibly_at"]


def test_a_common_name_without_a_date_of_birth_is_not_a_possible_match(
    registered, member, enschede
):
    keys = record_features(NAME_ONLY)  # the tables hold transliteration keys: "ana"
    common = _with_frequencies({keys["fn_key"]: 0.03}, {keys["ln_key"]: 0.02})
    LinkageRun.objects.create(region=enschede.region, threshold=0.5, model=common)
    assert _lookup(member, **NAME_ONLY).possible == []
