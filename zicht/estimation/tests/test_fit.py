"""The Newton fits, checked against statsmodels' own GLM."""

import numpy as np
import statsmodels.api as sm

from zicht.estimation import loglinear
from zicht.estimation.fit import Lattice, fit_batch, superset_sums
from zicht.estimation.modelfit import fit_model


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
    fitted = fit_model(data, ())
    reference = sm.GLM(
        data.cell_counts(), loglinear.design_matrix(5, ()), family=sm.families.Poisson()
    ).fit(tol=1e-12)
    assert np.isclose(fitted.log_dark_se, reference.bse[0], rtol=1e-7)
