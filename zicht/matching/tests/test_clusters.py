import pandas as pd
import pytest

from zicht.matching.clusters import capture_histories, pairwise_scores


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
