import numpy as np
import pandas as pd
import pytest

from zicht.matching.clusters import (
    capture_histories,
    cluster_table,
    expected_f1_threshold,
    pairwise_scores,
)


def test_pairwise_scores_count_pairs_not_records():
    scores = pairwise_scores(["a", "a", "a", "b"], [1, 1, 2, 2])
    assert scores["true_pairs"] == 2
    assert scores["predicted_pairs"] == 3
    assert scores["precision"] == pytest.approx(1 / 3)
    assert scores["recall"] == pytest.approx(1 / 2)


def test_capture_histories_have_one_column_per_source_and_a_count():
    clusters = pd.DataFrame(
        {
            "cluster_id": ["p1", "p1", "p2", "p3", "p3", "p4"],
            "source": ["politie", "zorg", "politie", "zorg", "zorg", "gemeente"],
        }
    )
    histories = capture_histories(clusters)
    assert list(histories.columns) == ["gemeente", "politie", "zorg", "count"]
    as_tuples = {tuple(r[:-1]): r[-1] for r in histories.itertuples(index=False)}
    assert as_tuples == {(0, 1, 1): 1, (0, 1, 0): 1, (0, 0, 1): 1, (1, 0, 0): 1}
    assert histories["count"].sum() == 4


def _clusters(pairs, threshold=0.5, support=0.3, attach=None, n=None):
    """Cluster ids of records r0.. rN from (left, right, probability) pairs."""
    ids = sorted({r for a, b, _ in pairs for r in (a, b)} | {f"r{i}" for i in range(n or 0)})
    feats = pd.DataFrame({"unique_id": ids, "source": [None] * len(ids)})
    edges = pd.DataFrame(pairs, columns=["unique_id_l", "unique_id_r", "match_probability"])
    table = cluster_table(feats, edges, (threshold,), support, attach)
    return dict(zip(table["record_id"], table.iloc[:, -1], strict=True))


# two persons of two records each, well linked within
TWO_GROUPS = [("r0", "r1", 0.99), ("r2", "r3", 0.99)]


def test_one_link_between_two_groups_is_cut_when_the_other_pairs_disagree():
    pairs = [*TWO_GROUPS, ("r1", "r2", 0.8), ("r0", "r2", 0.02), ("r1", "r3", 0.03)]
    clusters = _clusters(pairs)
    assert clusters["r0"] == clusters["r1"] != clusters["r2"] == clusters["r3"]
    # plain connected components chain them into one
    assert len(set(_clusters(pairs, support=0).values())) == 1


def test_two_groups_stay_one_with_a_second_path_or_when_most_pairs_agree():
    second_path = [*TWO_GROUPS, ("r1", "r2", 0.8), ("r0", "r3", 0.7)]
    assert len(set(_clusters(second_path).values())) == 1
    agreeing = [*TWO_GROUPS, ("r1", "r2", 0.8), ("r0", "r2", 0.45), ("r1", "r3", 0.4)]
    assert len(set(_clusters(agreeing).values())) == 1


def test_a_single_record_joined_by_one_link_is_not_cut_off():
    pairs = [("r0", "r1", 0.99), ("r1", "r2", 0.7)]
    assert len(set(_clusters(pairs).values())) == 1


def test_a_single_record_joins_its_most_probable_partner_below_the_threshold():
    pairs = [*TWO_GROUPS, ("r4", "r0", 0.3), ("r4", "r2", 0.25), ("r5", "r6", 0.1)]
    clusters = _clusters(pairs, attach=0.2, n=7)
    assert clusters["r4"] == clusters["r0"] != clusters["r2"]
    assert clusters["r5"] != clusters["r6"]  # below the attach level
    assert len(set(_clusters(pairs, attach=None, n=7).values())) == 5


def test_attaching_never_fuses_two_groups():
    pairs = [*TWO_GROUPS, ("r1", "r2", 0.4)]
    clusters = _clusters(pairs, attach=0.2)
    assert clusters["r1"] != clusters["r2"]


def test_the_expected_f1_threshold_separates_sure_pairs_from_doubtful_ones():
    sure = [0.99] * 50
    doubtful = [0.2] * 200  # a fifth of these are matches: linking them costs more than it gains
    threshold = expected_f1_threshold(np.array(sure + doubtful))
    assert 0.2 < threshold <= 0.99
    assert expected_f1_threshold(np.array([0.6] * 10)) <= 0.6  # all alike: link them all
