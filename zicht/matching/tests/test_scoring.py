"""The known-check's scorer builds features record by record, without pandas: it must give
exactly the batch model's features and therefore the same scores."""

from __future__ import annotations

import itertools
import json
import random

import pandas as pd
import pytest

from testdata.synthetic_persons import generate
from zicht.matching import comparisons as cmp
from zicht.matching import features as feat
from zicht.matching.scoring import (
    DEFAULT_PRIOR,
    DEFAULT_WEIGHTS,
    _score_features,
    record_features,
    score_candidates,
    score_pair,
)


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    """Synthetic records, some with a field left out (as in a half-filled form)."""
    frame = generate(3000, seed=23)
    rng = random.Random(23)
    for column in ("first_name", "last_name", "birth_date", "phone", "postcode", "city"):
        blank = [rng.random() < 0.05 for _ in range(len(frame))]
        frame.loc[blank, column] = None
    return frame


def _as_dicts(frame: pd.DataFrame) -> list[dict]:
    return frame.drop(columns=["person_id"]).to_dict("records")


def _pairs(frame: pd.DataFrame) -> list[tuple[int, int]]:
    """Records of one person (true pairs), records sharing a surname or a date of birth (the
    known-check's candidates) and random pairs."""
    rng = random.Random(5)
    positions = list(range(len(frame)))
    pairs: list[tuple[int, int]] = []
    for column in ("person_id", "last_name", "birth_date", "postcode"):
        for _, group in frame.reset_index(drop=True).groupby(column).groups.items():
            members = list(group)[:4]
            pairs.extend(itertools.combinations(members, 2))
    pairs.extend((rng.choice(positions), rng.choice(positions)) for _ in range(3000))
    return pairs


def test_record_features_equal_the_batch_features(records):
    batch = feat.features(records).to_dict("records")
    for raw, expected in zip(_as_dicts(records), batch, strict=True):
        assert record_features(raw) == {column: expected[column] for column in feat.FEATURE_COLUMNS}


def test_scores_equal_those_on_the_batch_features_on_generated_pairs(records):
    raw = _as_dicts(records)
    batch = feat.features(records).to_dict("records")
    levels_seen: dict[str, set[str]] = {}
    pairs = _pairs(records)
    assert len(pairs) > 5000
    for i, j in pairs:
        expected = _score_features(batch[i], batch[j], DEFAULT_WEIGHTS, DEFAULT_PRIOR)
        scored = score_pair(raw[i], raw[j])
        assert scored == expected
        for comparison, label in scored.levels.items():
            levels_seen.setdefault(comparison, set()).add(label)
    # the pairs reach every level of the name and date-of-birth comparisons
    assert levels_seen["name"] == {level.label for level in cmp.NAME.levels}
    assert levels_seen["birth_date"] == {level.label for level in cmp.DOB.levels}


@pytest.mark.parametrize(
    "shape",
    [
        ("first_name", "last_name", "birth_date"),
        ("phone",),
        ("postcode", "house_number"),
        ("first_name", "last_name", "birth_date", "phone", "sex"),
    ],
    ids=["name and date", "phone", "address", "name, date, phone and sex"],
)
def test_a_record_with_a_few_fields_scores_as_on_the_batch_features(records, shape):
    """What the known-check asks with: the candidates' other fields are not normalised,
    and the scores are the same."""
    raw = _as_dicts(records)
    batch = feat.features(records).to_dict("records")
    rng = random.Random(len(shape))
    queries = pd.DataFrame([{c: raw[i].get(c) for c in shape} for i in range(0, 3000, 60)])
    queries["record_id"] = range(len(queries))
    query_features = feat.features(queries).to_dict("records")
    query_records = queries.drop(columns=["record_id"]).to_dict("records")
    same_person = records.reset_index(drop=True).groupby("person_id").indices
    persons = records["person_id"].tolist()
    for i, query, expected_features in zip(
        range(0, 3000, 60), query_records, query_features, strict=True
    ):
        picked = [*same_person[persons[i]][:5], *rng.sample(range(len(raw)), 35)]
        expected = [
            _score_features(expected_features, batch[j], DEFAULT_WEIGHTS, DEFAULT_PRIOR)
            for j in picked
        ]
        assert score_candidates(query, [raw[j] for j in picked]) == expected


def test_one_record_against_many_candidates_scores_each_pair(records):
    raw = _as_dicts(records)
    candidates = raw[1:41]
    assert score_candidates(raw[0], candidates) == [score_pair(raw[0], c) for c in candidates]
    assert score_candidates(raw[0], []) == []


def test_a_saved_model_file_is_read_again_when_it_changes(tmp_path):
    anna = {"first_name": "Anna", "last_name": "de Vries", "birth_date": "1990-03-04"}
    same = {"first_name": "Anna", "last_name": "Vries", "birth_date": "1990-03-04"}

    def model(bayes_factor: float) -> dict:
        return {
            "probability_two_random_records_match": 0.01,
            "comparisons": [
                {
                    "output_column_name": "name",
                    "comparison_levels": [
                        {
                            "sql_condition": "fn1_l = fn1_r AND ln_l = ln_r",
                            "label_for_charts": "exact first name and surname",
                            "m_probability": 0.5,
                            "u_probability": 0.5 / bayes_factor,
                        }
                    ],
                }
            ],
        }

    path = tmp_path / "model.json"
    path.write_text(json.dumps(model(4.0)))
    first = score_pair(anna, same, path)
    path.write_text(json.dumps(model(64.0)) + "\n")
    second = score_pair(anna, same, str(path))
    assert second.match_weight == pytest.approx(first.match_weight + 4.0)


def test_a_match_on_the_name_alone_says_so():
    anna = {"first_name": "Anna", "last_name": "Kowalska", "nationality": "PL", "sex": "V"}
    same_name = {"first_name": "anna", "last_name": "KOWALSKA", "birth_date": "1999-04-02"}
    assert score_pair(anna, same_name).rests_on_name_alone
    with_phone = {**anna, "phone": "0612345678"}
    assert not score_pair(with_phone, {**same_name, "phone": "06-12345678"}).rests_on_name_alone
    dated = {**anna, "birth_date": "1999-04-02"}
    assert not score_pair(dated, same_name).rests_on_name_alone


def test_twins_with_one_date_of_birth_meet_the_guard():
    marcin = {"first_name": "Marcin", "last_name": "Krol", "birth_date": "11-01-1971"}
    mateusz = {"first_name": "MATEUSZ", "last_name": "Król", "birth_date": "1971-01-11"}
    twins = score_pair(marcin, mateusz)
    assert twins.levels["different_person_guard"] == cmp.GUARD_TWIN_LABEL
    assert twins.match_probability < 0.01
    # a typo or an initial in the first name is not another person
    typo = score_pair(mateusz, {**mateusz, "first_name": "Matejsz"})
    assert typo.levels["different_person_guard"] == "all other"
    initial = score_pair(mateusz, {**mateusz, "first_name": "M."})
    assert initial.levels["different_person_guard"] == "all other"


def test_a_surname_inside_the_other_has_its_own_name_level():
    short = {"first_name": "Abraham", "last_name": "Yonas", "birth_date": "16-07-2004"}
    long = {"first_name": "ABRAHAM", "last_name": "Yonas Tesfamariam"}
    level = score_pair(short, long).levels["name"]
    assert level == "same first name, one surname inside the other"
    other = score_pair(short, {**long, "last_name": "Tesfamariam"}).levels["name"]
    assert other == "same first name, other surname"


def test_a_foreign_number_without_its_country_code_is_the_same_number():
    with_code = {"first_name": "Alina", "last_name": "Balan", "phone": "0040741970391"}
    without = {"first_name": "Alina", "last_name": "Bălan", "phone": "0741970391"}
    assert score_pair(with_code, without).levels["phone"] == "same number, another country code"
    other = score_pair(with_code, {**without, "phone": "0741970392"})
    assert other.levels["phone"] == "all other"
