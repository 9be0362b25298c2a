import re

import pandas as pd
import pytest

from testdata.febrl import febrl_truth
from testdata.synthetic_persons import generate
from zicht.matching.bloom import ENCODED_COLUMNS, dedupe_private, dice, encode, link_encoded
from zicht.matching.clusters import pairwise_scores


def test_dice_of_similar_names_is_high_and_of_different_names_low(keyring):
    records = pd.DataFrame(
        {
            "record_id": ["1", "2", "3"],
            "first_name": ["Joeri", "Yuri", "Fleur"],
            "last_name": ["Sjevtsjenko", "Shevchenko", "Bakker"],
        }
    )
    encoded = encode(records, keyring)
    assert dice(encoded.bf_name[0], encoded.bf_name[1]) == 1.0
    assert dice(encoded.bf_name[0], encoded.bf_name[2]) < 0.4


def test_no_clear_identifier_leaves_an_organisation_in_private_mode(keyring, tmp_path):
    records = generate(1000, seed=3).drop(columns=["person_id"])
    records["record_id"] = [f"org-a-{i}" for i in range(len(records))]
    encoded = encode(records, keyring)
    assert tuple(encoded.columns) == ENCODED_COLUMNS
    path = tmp_path / "encoded.csv"
    encoded.to_csv(path, index=False)
    text = path.read_text()
    rows = text.lower().splitlines()[1:]
    clear_columns = [c for c in records.columns if c not in ("record_id", "source")]
    for i, (record, line) in enumerate(zip(records.itertuples(index=False), rows, strict=True)):
        payload = line.split(",", 2)[2]  # what follows record_id and source
        for column in clear_columns:
            value = getattr(record, column)
            if value is None or (isinstance(value, float) and value != value):
                continue
            tokens = {str(value).lower(), *re.split(r"[\s,/\-()+]+", str(value).lower())}
            for token in tokens:
                if len(token) >= 5:
                    assert token not in payload, (i, column, token)
    # and the normalised forms do not appear either
    assert "+316" not in text
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", text)


def test_linking_refuses_frames_with_clear_columns(keyring):
    records = generate(50, seed=4).drop(columns=["person_id"])
    encoded = encode(records, keyring)
    encoded["first_name"] = records["first_name"]
    with pytest.raises(ValueError, match="nothing else"):
        link_encoded(encoded)


def test_private_mode_on_febrl3_reaches_f1_0_99(febrl3, keyring):
    clusters = dedupe_private(febrl3, keyring).at()
    assert pairwise_scores(clusters.cluster_id, febrl_truth(clusters.record_id))["f1"] >= 0.99


def test_private_mode_on_febrl4_from_two_organisations_reaches_f1_0_99(febrl4, keyring):
    a = encode(febrl4[febrl4.source == "A"], keyring)
    b = encode(febrl4[febrl4.source == "B"], keyring)
    clusters = link_encoded([a, b]).at()
    assert pairwise_scores(clusters.cluster_id, febrl_truth(clusters.record_id))["f1"] >= 0.99
