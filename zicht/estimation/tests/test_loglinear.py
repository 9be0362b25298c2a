"""Log-linear model bookkeeping: the hierarchy of terms, labels and the model notation."""

import pytest

from zicht.estimation import loglinear


@pytest.mark.parametrize(
    ("n_lists", "order", "count"),
    [(3, 2, 8), (4, 2, 64), (5, 2, 1024), (6, 2, 32768), (3, 1, 1)],
)
def test_the_number_of_hierarchical_models_is_two_to_the_number_of_pairs(n_lists, order, count):
    assert sum(1 for _ in loglinear.hierarchical_models(n_lists, order)) == count


def test_every_enumerated_model_is_hierarchical():
    for model in loglinear.hierarchical_models(4, 3):
        assert loglinear.is_hierarchical(model)


def test_model_labels_use_the_generating_class_with_lists_numbered_from_one():
    pair_12 = 0b011
    pair_23 = 0b110
    assert loglinear.model_label((pair_12,), 3) == "[12,3]"
    assert loglinear.model_label((pair_12, pair_23), 3) == "[12,23]"
    assert loglinear.model_label((), 3) == "[1,2,3]"


def test_models_parse_from_numbers_and_from_list_names_to_the_same_terms():
    lists = ("A", "B", "C")
    assert loglinear.parse_model("[12,3]", lists) == loglinear.parse_model("A:B", lists) == (0b011,)
    assert loglinear.parse_model("[123]", lists) == loglinear.parse_model("A:B:C", lists)
    assert len(loglinear.parse_model("[123]", lists)) == 4  # closure: three pairs and the triple
    with pytest.raises(ValueError, match="unknown list"):
        loglinear.parse_model("A:D", lists)
