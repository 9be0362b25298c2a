"""Term-frequency adjustment: one definition for the batch (vectorised) and the known-check's
scorer (one pair)."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from testdata.second_generator import generate
from zicht.matching import term_frequencies as tf
from zicht.matching.comparisons import ALL_COMPARISONS
from zicht.matching.features import features


@pytest.fixture(scope="module")
def feats() -> pd.DataFrame:
    return features(generate(3000, seed=7).drop(columns=["person_id"]))


def test_a_rare_name_weighs_more_than_a_common_one(feats):
    tables = tf.frequency_tables(feats)
    names = tables["columns"]["ln_key"]["values"]
    common = max(names, key=names.get)
    rare = "zzyzxqw"  # not in the table: counted at the floor
    level = {"name": "same surname, other first name"}
    up = tf.pair_adjustment(level, {"ln_key": rare}, {"ln_key": rare}, tables)
    down = tf.pair_adjustment(level, {"ln_key": common}, {"ln_key": common}, tables)
    assert down < 0 < up <= tf.DEFAULT_TF_MAX_UP


def test_the_batch_and_the_scorer_adjust_every_pair_alike(feats):
    tables = tf.frequency_tables(feats, weight=0.7, max_up=5.0)
    rng = random.Random(3)
    n = len(feats)
    left = np.array([rng.randrange(n) for _ in range(2000)])
    right = np.array([rng.randrange(n) for _ in range(2000)])
    # every level that has columns, at random
    levels = {
        spec.name: np.array([rng.choice([lv.label for lv in spec.levels]) for _ in left])
        for spec in ALL_COMPARISONS
    }
    batch = tf.edge_adjustment(left, right, levels, tf.record_frequencies(feats, tables), tables)
    rows = feats.to_dict("records")
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        chosen = {name: str(labels[i]) for name, labels in levels.items()}
        one = tf.pair_adjustment(chosen, rows[a], rows[b], tables)
        assert batch[i] == pytest.approx(one, abs=1e-9)


def test_without_tables_nothing_is_adjusted():
    level = {"name": "exact first name and surname"}
    assert tf.pair_adjustment(level, {"fn_key": "a"}, {"fn_key": "a"}, None) == 0.0
