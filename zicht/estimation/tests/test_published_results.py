"""Every deterministic value of expected.json, to a relative error of 1e-6.

Values that were published with fewer digits than that (e.g. the Wald interval 644.9-1617.5)
are compared to half a unit of their last printed digit instead.
"""

import pytest

from zicht.estimation.loglinear import parse_model
from zicht.estimation.modelfit import fit_model, main_effects, model_code
from zicht.estimation.search import information_criterion, rank_models
from zicht.estimation.stepwise import stepwise

STEPWISE = "sparsemse_stepwise_pthresh_0.02"
MAIN = "main_effects_independence"
BIC = "bic_all_hierarchical_models (MultipleSystemsEstimation, BIC = npars*log(n_obs) - 2 loglik, extended-MLE check on)"  # noqa: E501
REL = 1e-6


def close(actual: float, wanted: float, rel: float = REL) -> bool:
    return abs(actual - wanted) <= rel * abs(wanted)


def printed_close(actual: float, printed: float) -> bool:
    """Equal up to the rounding of a value printed with few decimals."""
    text = repr(printed)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return abs(actual - printed) <= 0.5 * 10**-decimals + 1e-9


@pytest.mark.parametrize(
    "name",
    [
        "Korea_3lists.csv",
        "NewOrleans_8lists_v185_SparseMSE.csv",
        "NewOrleans_5lists_v185_SparseMSE.csv",
        "UK_2013_5lists.csv",
        "NL_2010_2015_5lists.csv",
    ],
)
def test_stepwise_reproduces_the_published_sparsemse_estimate(name, table, expected):
    wanted = expected[STEPWISE][name]
    result = stepwise(table(name), threshold=0.02)
    assert close(result.estimate, wanted["N"])
    if "published" in wanted:
        assert round(result.estimate) == wanted["published"]


def test_stepwise_on_korea_matches_model_aic_bic_and_deviance(table, expected):
    wanted = expected[STEPWISE]["Korea_3lists.csv"]
    result = stepwise(table("Korea_3lists.csv"))
    assert result.model == wanted["model"]
    assert close(result.aic, wanted["aic"])
    assert close(result.bic, wanted["bic_nobs"])
    assert close(result.deviance, wanted["deviance"])


def test_stepwise_chooses_the_published_models_for_new_orleans(table, expected):
    eight = stepwise(table("NewOrleans_8lists_v185_SparseMSE.csv"))
    assert eight.model_terms == expected[STEPWISE]["NewOrleans_8lists_v185_SparseMSE.csv"]["model"]
    five = stepwise(table("NewOrleans_5lists_v185_SparseMSE.csv"))
    assert five.model_terms == expected[STEPWISE]["NewOrleans_5lists_v185_SparseMSE.csv"]["model"]


@pytest.mark.parametrize(
    "name",
    [
        "NewOrleans_8lists_v185_SparseMSE.csv",
        "UK_2013_5lists.csv",
        "NL_2010_2015_5lists.csv",
        "NewOrleans_5lists_v185_SparseMSE.csv",
    ],
)
def test_main_effects_reproduce_the_published_estimate(name, table, expected):
    wanted = expected[MAIN][name]
    result = main_effects(table(name))
    assert close(result.estimate, wanted["N"]) or printed_close(result.estimate, wanted["N"])
    if "published" in wanted:
        assert round(result.estimate) == wanted["published"]


def test_main_effects_wald_interval_for_new_orleans_matches_the_paper(table, expected):
    wanted = expected[MAIN]["NewOrleans_8lists_v185_SparseMSE.csv"]
    low, high = main_effects(table("NewOrleans_8lists_v185_SparseMSE.csv")).intervals["wald"]
    assert printed_close(low, wanted["wald95"][0])
    assert printed_close(high, wanted["wald95"][1])
    assert (round(low), round(high)) == (645, 1618)  # published: 644-1618 (truncated low end)
    assert wanted["published_CI"][0] <= low <= wanted["published_CI"][0] + 1


@pytest.mark.parametrize(
    "name",
    ["UK_2013_5lists.csv", "NL_2010_2015_5lists.csv", "NewOrleans_5lists_v185_SparseMSE.csv"],
)
def test_main_effects_profile_interval_matches_r_confint(name, table, expected):
    low, high = expected[MAIN][name]["profile95_intercept"]
    result = main_effects(table(name))
    assert result.interval_kind == "profile"
    assert close(result.interval[0], low)
    assert close(result.interval[1], high)


def test_exact_profile_roots_lie_within_a_hair_of_the_interpolated_interval(table):
    fitted = fit_model(table("UK_2013_5lists.csv"), ())
    exact = fitted.profile_interval(exact=True)
    interpolated = fitted.profile_interval()
    for a, b in zip(exact, interpolated, strict=True):
        assert a != b
        assert close(a, b, rel=1e-4)


def test_korea_bic_table_lists_the_six_admissible_models_in_order(table, expected):
    wanted = expected[BIC]["Korea_3lists.csv maxorder 2"]
    ranking = rank_models(table("Korea_3lists.csv"), max_order=2)
    assert len(ranking.models) == wanted["admissible_models"] == 6
    for row, (label, estimate, bic) in zip(ranking.rows(), wanted["table"], strict=True):
        assert row["model"] == label
        assert close(row["estimate"], estimate)
        assert close(row["bic"], bic)


@pytest.mark.parametrize(
    ("key", "name", "order"),
    [
        ("UK_2013_5lists.csv maxorder 2", "UK_2013_5lists.csv", 2),
        ("UK_2013_5lists.csv maxorder 4", "UK_2013_5lists.csv", 4),
        ("NL_2010_2015_5lists.csv maxorder 2", "NL_2010_2015_5lists.csv", 2),
        ("Korea_3lists.csv", "Korea_3lists.csv", 2),
    ],
)
def test_bic_choice_reproduces_the_recorded_estimate(key, name, order, table, expected):
    wanted = expected[BIC][key]
    result = information_criterion(table(name), max_order=order)
    assert close(result.estimate, wanted["computed"])
    if "N" in wanted:
        assert round(result.estimate) == wanted["N"]


@pytest.mark.parametrize("model", ["[12,13,23]", "[12,3]", "[13,23,1,2]"])
def test_artificial_3_existence_and_identifiability_codes(model, table, expected):
    data = table("Artificial_3.csv")
    wanted = expected["check_extended_MLE Artificial_3"][model]
    assert model_code(data, parse_model(model, data.lists)) == wanted
