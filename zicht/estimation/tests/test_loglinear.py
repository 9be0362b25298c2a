"""Model bookkeeping and fitting, checked against counts known from the literature and against
statsmodels' own GLM."""

import numpy as np
import pytest
import statsmodels.api as sm

from zicht.estimation import loglinear, methods
from zicht.estimation.fit import Lattice, fit_batch, superset_sums


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


def test_superset_sums_add_every_cell_that_contains_the_subset():
    values = np.arange(8, dtype=float)
    sums = superset_sums(values, 3)
    for subset in range(8):
        assert sums[subset] == sum(v for c, v in enumerate(values) if c & subset == subset)


def test_batched_fit_agrees_with_statsmodels_glm(table):
    data = table("UK_2013_5lists.csv")
    y = data.cell_counts()
    model = loglinear.parse_model("[12,23,45]", data.lists)
    design = loglinear.design_matrix(5, model)
    reference = sm.GLM(y, design, family=sm.families.Poisson()).fit(tol=1e-12)
    terms = [0] + [1 << i for i in range(5)] + list(model)
    lattice = Lattice(5, terms)
    fitted = fit_batch(lattice, y, np.ones((1, len(y))), np.ones((1, len(terms)), dtype=bool))
    assert np.allclose(fitted.beta[0], reference.params, rtol=1e-7, atol=1e-8)
    assert np.isclose(fitted.loglik[0], reference.llf, rtol=1e-10)
    assert np.isclose(fitted.deviance[0], reference.deviance, rtol=1e-8)


def test_single_fit_covariance_agrees_with_statsmodels(table):
    data = table("NewOrleans_5lists_v185_SparseMSE.csv")
    fitted = methods.fit_model(data, ())
    reference = sm.GLM(
        data.cell_counts(), loglinear.design_matrix(5, ()), family=sm.families.Poisson()
    ).fit(tol=1e-12)
    assert np.isclose(fitted.log_dark_se, reference.bse[0], rtol=1e-7)


def test_every_model_of_the_ranking_matches_its_separate_fit(table):
    data = table("NL_2010_2015_5lists.csv")
    ranking = methods.rank_models(data, max_order=2)
    for model, estimate, bic in list(
        zip(ranking.models, ranking.estimates, ranking.bic, strict=True)
    )[::97]:
        single = methods.fit_model(data, model)
        assert np.isclose(single.estimate, estimate, rtol=1e-8)
        assert np.isclose(single.bic, bic, rtol=1e-9)


def test_pairs_that_never_overlap_remove_their_cells_but_count_as_parameters(table):
    data = table("Artificial_3.csv")
    fitted = methods.fit_model(data, loglinear.parse_model("[13,23]", data.lists))
    assert fitted.infinite_term_names() == ["A:C", "B:C"]
    assert fitted.layout.kept.sum() == 4
    assert fitted.n_parameters == 6
    assert fitted.layout.design.shape[1] == 4


def test_a_model_without_a_finite_estimate_is_refused_with_a_reason(table):
    data = table("Artificial_3.csv")
    with pytest.raises(methods.EstimationError, match="does not exist"):
        methods.fit_model(data, loglinear.parse_model("[12,3]", data.lists))


@pytest.mark.parametrize(
    ("name", "order"), [("NewOrleans_5lists_v185_SparseMSE.csv", 3), ("Korea_3lists.csv", 2)]
)
def test_existence_check_in_batch_agrees_with_the_linear_programme_one_by_one(name, order, table):
    data = table(name)
    space = methods.model_space(data.n_lists, order)
    codes = methods.evaluate_models(space, data.cell_counts())[0]
    rng = np.random.default_rng(7)
    failing = np.flatnonzero(codes != 0)
    passing = np.flatnonzero(codes == 0)
    assert failing.size > 0
    assert passing.size > 0
    sample = np.concatenate(
        [
            rng.choice(failing, min(30, failing.size), replace=False),
            rng.choice(passing, min(30, passing.size), replace=False),
        ]
    )
    for index in sample:
        single = methods.model_code(data, space.model(int(index)))
        assert (single == 0) == (codes[index] == 0)


def test_two_lists_give_the_lincoln_petersen_estimate():
    from zicht.estimation.data import table_from_columns

    data = table_from_columns(["A", "B", "count"], [[1, 0, 60], [0, 1, 40], [1, 1, 20]])
    assert methods.main_effects(data).estimate == pytest.approx(80 * 60 / 20, rel=1e-10)
    assert methods.stepwise(data).model_terms == "main effects"  # the pair is not identifiable


def test_a_list_without_cases_drops_out_of_the_estimate():
    from zicht.estimation.data import table_from_columns

    three = table_from_columns(
        ["A", "B", "C", "count"], [[1, 0, 0, 60], [0, 1, 0, 40], [1, 1, 0, 20]]
    )
    result = methods.main_effects(three)
    assert result.estimate == pytest.approx(240, rel=1e-10)
    assert result.infinite_terms == ["C"]


def test_the_exhaustive_search_refuses_model_spaces_too_large_to_enumerate(table):
    eight = table("NewOrleans_8lists_v185_SparseMSE.csv")
    with pytest.raises(methods.EstimationError, match="at most five lists"):
        methods.rank_models(eight)
    with pytest.raises(methods.EstimationError, match="maximum order 3"):
        methods.model_space(6, 3)
