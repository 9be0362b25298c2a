"""The search over all hierarchical models agrees with fitting and checking them one by one."""

import numpy as np
import pytest

from zicht.estimation.modelfit import fit_model, model_code
from zicht.estimation.result import EstimationError
from zicht.estimation.search import evaluate_models, model_space, rank_models


def test_every_model_of_the_ranking_matches_its_separate_fit(table):
    data = table("NL_2010_2015_5lists.csv")
    ranking = rank_models(data, max_order=2)
    for model, estimate, bic in list(
        zip(ranking.models, ranking.estimates, ranking.bic, strict=True)
    )[::97]:
        single = fit_model(data, model)
        assert np.isclose(single.estimate, estimate, rtol=1e-8)
        assert np.isclose(single.bic, bic, rtol=1e-9)


@pytest.mark.parametrize(
    ("name", "order"), [("NewOrleans_5lists_v185_SparseMSE.csv", 3), ("Korea_3lists.csv", 2)]
)
def test_existence_check_in_batch_agrees_with_the_linear_programme_one_by_one(name, order, table):
    data = table(name)
    space = model_space(data.n_lists, order)
    codes = evaluate_models(space, data.cell_counts())[0]
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
        single = model_code(data, space.model(int(index)))
        assert (single == 0) == (codes[index] == 0)


def test_the_exhaustive_search_refuses_model_spaces_too_large_to_enumerate(table):
    eight = table("NewOrleans_8lists_v185_SparseMSE.csv")
    with pytest.raises(EstimationError, match="at most five lists"):
        rank_models(eight)
    with pytest.raises(EstimationError, match="maximum order 3"):
        model_space(6, 3)
