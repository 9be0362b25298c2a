"""One model fitted to one table: minus-infinity terms, refusals, and the classical estimates."""

import pytest

from zicht.estimation import loglinear
from zicht.estimation.data import table_from_columns
from zicht.estimation.modelfit import fit_model, main_effects
from zicht.estimation.result import EstimationError
from zicht.estimation.stepwise import stepwise


def test_pairs_that_never_overlap_remove_their_cells_but_count_as_parameters(table):
    data = table("Artificial_3.csv")
    fitted = fit_model(data, loglinear.parse_model("[13,23]", data.lists))
    assert fitted.infinite_term_names() == ["A:C", "B:C"]
    assert fitted.layout.kept.sum() == 4
    assert fitted.n_parameters == 6
    assert fitted.layout.design.shape[1] == 4


def test_a_model_without_a_finite_estimate_is_refused_with_a_reason(table):
    data = table("Artificial_3.csv")
    with pytest.raises(EstimationError, match="does not exist"):
        fit_model(data, loglinear.parse_model("[12,3]", data.lists))


def test_two_lists_give_the_lincoln_petersen_estimate():
    data = table_from_columns(["A", "B", "count"], [[1, 0, 60], [0, 1, 40], [1, 1, 20]])
    assert main_effects(data).estimate == pytest.approx(80 * 60 / 20, rel=1e-10)
    assert stepwise(data).model_terms == "main effects"  # the pair is not identifiable


def test_a_list_without_cases_drops_out_of_the_estimate():
    three = table_from_columns(
        ["A", "B", "C", "count"], [[1, 0, 0, 60], [0, 1, 0, 40], [1, 1, 0, 20]]
    )
    result = main_effects(three)
    assert result.estimate == pytest.approx(240, rel=1e-10)
    assert result.infinite_terms == ["C"]
