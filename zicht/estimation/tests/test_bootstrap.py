"""Bootstrap intervals: reproducible, parallel-safe, and close to the published BCa intervals.

The published intervals came from R's random numbers, so with numpy's they can only be matched
within a tolerance. All such runs here use SparseMSE's default seed 1234 (not tuned to the
published numbers) and 1,000 replicates, as in the papers. For the two New Orleans intervals
the tests also take the very replicate tables that R draws for SparseMSE's
``estimatepopulation(..., nboot = 1000, iseed = 1234)`` (stored in ``data/``, see
SOURCES.md): with those, the published intervals come out to the digit.
"""

import csv

import numpy as np
import pytest

from zicht.estimation import estimate
from zicht.estimation.bootstrap import (
    Selector,
    bca,
    bca_quantiles,
    check_resamples,
    jackknife_acceleration,
    resample,
)
from zicht.estimation.stepwise import stepwise_fit
from zicht.estimation.tests.conftest import DATA

BIC = "bic_all_hierarchical_models (MultipleSystemsEstimation, BIC = npars*log(n_obs) - 2 loglik, extended-MLE check on)"  # noqa: E501
STEPWISE = "sparsemse_stepwise_pthresh_0.02"
SEED = 1234


def within(actual: float, published: float, tolerance: float = 0.10) -> bool:
    return abs(actual - published) <= tolerance * published


def to_the_digit(actual: float, published: float) -> bool:
    """Within one unit of a published whole number (the papers round or cut off)."""
    return abs(actual - published) < 1


def r_resamples(data, name: str) -> np.ndarray:
    """Replicate tables drawn by R (one column per observed pattern, named by its 0/1
    string), in the order of the table's patterns; a pattern with count 0 gets 0."""
    with open(DATA / name, newline="") as handle:
        rows = list(csv.reader(handle))
    drawn = np.array(rows[1:], dtype=float)
    keys = ["".join(str(int(v)) for v in row) for row in data.patterns]
    counts = np.zeros((len(drawn), len(keys)))
    for j, pattern in enumerate(rows[0]):
        counts[:, keys.index(pattern)] = drawn[:, j]
    return counts


def test_resampling_keeps_the_observed_total_and_only_observed_patterns(table):
    data = table("NewOrleans_5lists_v185_SparseMSE.csv")
    counts = resample(data, 50, seed=1)
    assert counts.shape == (50, len(data.counts))
    assert np.all(counts.sum(axis=1) == data.observed)
    assert np.all(counts[:, data.counts == 0] == 0)


def test_the_same_seed_gives_the_same_interval_whatever_the_number_of_workers(table):
    data = table("Korea_3lists.csv")
    one = bca(data, Selector("stepwise"), n_boot=80, seed=5, workers=1)
    two = bca(data, Selector("stepwise"), n_boot=80, seed=5, workers=2)
    other = bca(data, Selector("stepwise"), n_boot=80, seed=6, workers=1)
    assert np.array_equal(one.replicates, two.replicates)
    assert one.interval == two.interval
    assert not np.array_equal(one.replicates, other.replicates)


def test_without_bias_or_acceleration_bca_is_the_percentile_interval():
    replicates = np.arange(1.0, 1002.0)
    ends, z0 = bca_quantiles(
        replicates, estimate=501.0, acceleration=0.0, probabilities=[0.025, 0.975]
    )
    assert z0 == pytest.approx(-0.0012, abs=0.0015)  # 500 of 1001 below the estimate
    percentile = np.quantile(
        replicates, norm_cdf([-1.959964 + 2 * z0, 1.959964 + 2 * z0]), method="median_unbiased"
    )
    assert np.allclose(ends, percentile)


def norm_cdf(values):
    from scipy.stats import norm

    return norm.cdf(values)


def test_acceleration_counts_each_pattern_once_per_person(table):
    data = table("Korea_3lists.csv")
    jack = np.linspace(100, 160, len(data.counts))
    per_person = np.repeat(jack, data.counts.astype(int))
    d = per_person.mean() - per_person
    expected = np.sum(d**3) / (6 * np.sum(d**2) ** 1.5)
    assert jackknife_acceleration(data, jack) == pytest.approx(expected, rel=1e-12)


def test_a_selected_model_gets_its_interval_only_from_the_bootstrap(table):
    data = table("Korea_3lists.csv")
    plain = estimate(data, method="stepwise")
    booted = estimate(data, method="stepwise", bootstrap=50, seed=SEED)
    assert plain.interval is None
    assert booted.interval_kind == "bca"
    assert booted.interval[0] < booted.estimate < booted.interval[1]
    assert booted.details["bootstrap"]["replicates"] == 50


def test_bic_bootstrap_on_korea_reproduces_the_published_bca_interval(table, expected):
    published = expected[BIC]["Korea_3lists.csv"]["BCa95_published"]
    result = bca(table("Korea_3lists.csv"), Selector("bic", max_order=2), n_boot=1000, seed=SEED)
    assert within(result.interval[0], published[0])
    assert within(result.interval[1], published[1])


def test_stepwise_bootstrap_on_new_orleans_8_lists_reproduces_the_published_interval(
    table, expected
):
    published = expected[STEPWISE]["NewOrleans_8lists_v185_SparseMSE.csv"]["BCa95_published"]
    data = table("NewOrleans_8lists_v185_SparseMSE.csv")
    result = bca(data, Selector("stepwise"), n_boot=1000, seed=SEED)
    assert within(result.interval[0], published[0])
    assert within(result.interval[1], published[1])


def test_stepwise_bootstrap_on_new_orleans_5_lists_is_near_the_published_interval(table, expected):
    """The upper end matches within 10%. The lower end is the smallest bootstrap replicate
    (z0 = -0.7 and a = -0.055 push its BCa level to about 0.01%, below the first order
    statistic), so it moves with the seed: over numpy seeds 1-60 it lies between 457 and 583
    (5% and 95%, median 520), and SparseMSE itself, rerun with 2,000 replicates (MSETools), gave
    517. The published 589 is the smallest of the 1,000 replicates that R drew with seed 1234
    (see the tests with R's tables below); with numpy's seed 1234 the smallest is 497. We ask
    for 20% there and 10% from that rerun."""
    published = expected[STEPWISE]["NewOrleans_5lists_v185_SparseMSE.csv"]["BCa95_published"]
    rerun = expected["monte_carlo (compare with tolerance)"]["SparseMSE BCa nboot=2000 (MSETools)"][
        "NewOrl5_v185"
    ]
    data = table("NewOrleans_5lists_v185_SparseMSE.csv")
    result = bca(data, Selector("stepwise"), n_boot=1000, seed=SEED)
    assert within(result.interval[1], published[1])
    assert within(result.interval[0], published[0], tolerance=0.20)
    assert within(result.interval[0], rerun[0])
    assert within(result.interval[1], rerun[1])


def test_bic_bootstrap_on_the_uk_data_reproduces_the_published_interval(table, expected):
    published = expected[BIC]["UK_2013_5lists.csv maxorder 2"]["BCa95_published_ntopInf"]
    data = table("UK_2013_5lists.csv")
    result = bca(data, Selector("bic", max_order=2), n_boot=1000, seed=SEED)
    assert within(result.interval[0], published[0])
    assert within(result.interval[1], published[1])


def test_with_rs_replicate_tables_new_orleans_5_lists_gives_the_published_interval(table, expected):
    """Same method, R's random numbers: the published [589, 1703] (588.8, 1703.7)."""
    published = expected[STEPWISE]["NewOrleans_5lists_v185_SparseMSE.csv"]["BCa95_published"]
    data = table("NewOrleans_5lists_v185_SparseMSE.csv")
    drawn = r_resamples(data, "NewOrleans_5lists_v185_R_seed1234.csv")
    result = bca(data, Selector("stepwise"), resamples=drawn)
    assert result.replicates.size == 1000
    assert result.seed is None
    assert to_the_digit(result.interval[0], published[0])
    assert to_the_digit(result.interval[1], published[1])


def test_with_rs_replicate_tables_new_orleans_8_lists_gives_the_published_interval(table, expected):
    published = expected[STEPWISE]["NewOrleans_8lists_v185_SparseMSE.csv"]["BCa95_published"]
    data = table("NewOrleans_8lists_v185_SparseMSE.csv")
    drawn = r_resamples(data, "NewOrleans_8lists_v185_R_seed1234.csv")
    result = bca(data, Selector("stepwise"), resamples=drawn)
    assert to_the_digit(result.interval[0], published[0])  # 717.2
    assert to_the_digit(result.interval[1], published[1])  # 1657.6


def test_with_rs_replicate_tables_korea_bic_gives_the_published_interval(table, expected):
    """MultipleSystemsEstimation draws over all patterns in its own order (tidy_lists), so
    these tables follow that order; the published [128, 349] comes out as 128.3 - 349.1."""
    published = expected[BIC]["Korea_3lists.csv"]["BCa95_published"]
    data = table("Korea_3lists.csv")
    drawn = r_resamples(data, "Korea_3lists_R_seed1234.csv")
    result = bca(data, Selector("bic", max_order=2), resamples=drawn)
    assert to_the_digit(result.interval[0], published[0])
    assert to_the_digit(result.interval[1], published[1])


def test_stepwise_stays_at_main_effects_when_a_resample_leaves_a_list_empty(table):
    """Replicate 134 of R's draw has nobody on list B. SparseMSE's existence check then fails
    for every candidate pair, so its stepwise fit is main effects with N = 1110.461 (the
    extended estimate would go on to add D:E, N = 1360, and the upper end of the 8-list
    interval would drop to 1643)."""
    data = table("NewOrleans_8lists_v185_SparseMSE.csv")
    drawn = r_resamples(data, "NewOrleans_8lists_v185_R_seed1234.csv")[133]
    assert drawn[[i for i, p in enumerate(data.patterns) if p[1] == 1]].sum() == 0
    fitted = stepwise_fit(data.with_counts(drawn))
    assert fitted.model == ()
    assert fitted.estimate == pytest.approx(1110.461, rel=1e-6)


def test_given_resamples_must_be_resamples_of_the_table(table):
    data = table("Korea_3lists.csv")
    good = resample(data, 3, seed=1)
    assert np.array_equal(check_resamples(data, good), good)
    with pytest.raises(ValueError, match="columns"):
        check_resamples(data, good[:, :-1])
    shifted = good.copy()
    shifted[0, 0] += 1
    with pytest.raises(ValueError, match="observed total"):
        check_resamples(data, shifted)
    moved = good.copy()
    moved[0, data.counts > 0] = 0
    moved[0, np.flatnonzero(data.counts == 0)[0]] = data.observed
    with pytest.raises(ValueError, match="not observed"):
        check_resamples(data, moved)
    with pytest.raises(ValueError, match="n_boot"):
        bca(data, Selector("main"), n_boot=5, resamples=good)
