"""Bootstrap intervals: reproducible, parallel-safe, and close to the published BCa intervals.

The published intervals came from R's random numbers, so they can only be matched within a
tolerance. All runs here use SparseMSE's default seed 1234 (not tuned to the published
numbers) and 1,000 replicates, as in the papers.
"""

import numpy as np
import pytest

from zicht.estimation import estimate
from zicht.estimation.bootstrap import (
    Selector,
    bca,
    bca_quantiles,
    jackknife_acceleration,
    resample,
)

BIC = "bic_all_hierarchical_models (MultipleSystemsEstimation, BIC = npars*log(n_obs) - 2 loglik, extended-MLE check on)"  # noqa: E501
STEPWISE = "sparsemse_stepwise_pthresh_0.02"
SEED = 1234


def within(actual: float, published: float, tolerance: float = 0.10) -> bool:
    return abs(actual - published) <= tolerance * published


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
    """The upper end matches within 10%. The lower end is the most extreme bootstrap
    replicate (z0 = -0.7 and a = -0.055 push its BCa level to about 0.003%), so it moves by
    15% between seeds: SparseMSE itself, rerun with 2,000 replicates (MSETools), gave 517
    against the published 589. We ask for 20% there and compare with that rerun too."""
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
