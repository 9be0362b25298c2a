"""Does a model have a unique, finite (extended) maximum likelihood estimate on these data?

Two checks, as in SparseMSE's ``checkident`` and MultipleSystemsEstimation's
``check_extended_MLE`` (Fienberg & Rinaldo 2012; Chan, Silverman & Vincent 2021):

* existence: with model matrix ``A`` on the kept cells and sufficient statistics
  ``t = A' y``, the linear programme "maximise s subject to A' x = t, x >= s, x >= 0" has
  optimum 0 exactly when the (extended) MLE does not exist -> code 1;
* identifiability: ``A`` is rank deficient -> code 2. Codes add up (3 = both fail).

The linear programme is only solved when needed. The optimum is positive exactly when some
``x > 0`` has the same margins as ``y``, i.e. when ``y + N z > 0`` for a basis ``N`` of the
null space of ``A'``. Cells with ``y > 0`` can always be kept positive by scaling ``z`` down,
so only the zero cells ``Z`` matter: the MLE exists iff ``N_Z z > 0`` has a solution. That is
certainly the case when ``N_Z`` has full row rank (take ``N_Z z = 1``), which happens exactly
when the rows of ``A`` for the positive cells alone have the full rank of ``A`` (one small
eigenvalue problem); and it certainly fails when a zero cell lies in the column space. Only the
few remaining cases go to the linear programme (HiGHS via scipy).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

RANK_TOL = 1e-9
EIG_TOL = 1e-9

EXISTS = 0
NOT_EXISTS = 1
NOT_IDENTIFIABLE = 2


def _rank(singular_values: np.ndarray, shape: tuple[int, int]) -> int:
    if singular_values.size == 0 or singular_values[0] == 0:
        return 0
    return int(np.sum(singular_values > RANK_TOL * singular_values[0] * max(shape)))


def lp_optimum(design: np.ndarray, y: np.ndarray) -> float:
    """Optimum ``s`` of the Fienberg-Rinaldo linear programme (0 means: no MLE)."""
    n_cells, n_par = design.shape
    t = design.T @ y
    # variables: x (n_cells), s; maximise s
    c = np.zeros(n_cells + 1)
    c[-1] = -1.0
    a_eq = np.hstack([design.T, np.zeros((n_par, 1))])
    a_ub = np.hstack([-np.eye(n_cells), np.ones((n_cells, 1))])  # s - x_i <= 0
    bounds = [(0, None)] * n_cells + [(0, None)]
    result = linprog(
        c, A_ub=a_ub, b_ub=np.zeros(n_cells), A_eq=a_eq, b_eq=t, bounds=bounds, method="highs"
    )
    if result.status != 0:
        return 0.0
    return float(-result.fun)


def _exists_by_projection(q: np.ndarray, zero: np.ndarray) -> bool | None:
    """True/False when the projection test decides, None when the LP is needed.

    ``I - P`` restricted to the zero cells is nonsingular exactly when ``Q_S`` (the
    orthonormal basis restricted to the positive cells) keeps full column rank, i.e. when the
    positive cells alone already pin down every parameter; that is a small eigenvalue problem
    in the number of parameters, whatever the number of zero cells.
    """
    if not zero.any():
        return True
    if np.any(np.einsum("ij,ij->i", q[zero], q[zero]) > 1 - EIG_TOL):
        return False  # a zero cell is in the column space: its fitted value is forced to 0
    support = q[~zero]
    eigenvalues = np.linalg.eigvalsh(support.T @ support)
    if eigenvalues[0] > EIG_TOL:
        return True
    return None


def check(design: np.ndarray, y: np.ndarray) -> int:
    """Existence/identifiability code (0 fine, 1 no MLE, 2 not identifiable, 3 both)."""
    u, s, _ = np.linalg.svd(design, full_matrices=False)
    rank = _rank(s, design.shape)
    code = NOT_IDENTIFIABLE if rank < design.shape[1] else EXISTS
    decided = _exists_by_projection(u[:, :rank], y == 0)
    if decided is None:
        scale = max(float(y.sum()), 1.0)
        decided = lp_optimum(design, y) > 1e-9 * scale
    if not decided:
        code += NOT_EXISTS
    return code


def check_batch(designs: np.ndarray, y: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Codes for a stack of padded designs (B, n, p) sharing counts ``y`` (n,).

    Removed cells have weight 0 and zero rows in the design; padded columns are zero. Zero
    rows and columns change neither the rank nor the answer of the existence test.
    """
    n_batch = designs.shape[0]
    u, s, _ = np.linalg.svd(designs, full_matrices=False)
    n_columns = (np.abs(designs).sum(axis=1) > 0).sum(axis=1)
    top = s[:, :1]
    keep = s > RANK_TOL * np.maximum(top, 1e-300) * max(designs.shape[1:])
    ranks = keep.sum(axis=1)
    codes = np.where(ranks < n_columns, NOT_IDENTIFIABLE, EXISTS)
    zero = (y == 0) & (weight > 0)  # (B, n)
    q = u * keep[:, None, :]
    undecided = []
    # group models by their set of zero cells so the eigenvalue problems can be stacked
    zero_q = q * zero[:, :, None]
    forced = (np.einsum("bnp,bnp->bn", zero_q, zero_q) > 1 - EIG_TOL).any(axis=1)
    support_q = q * (~zero & (weight > 0))[:, :, None]
    gram = support_q.transpose(0, 2, 1) @ support_q
    support_rank = (np.linalg.eigvalsh(gram) > EIG_TOL).sum(axis=1)
    has_zero = zero.any(axis=1)
    codes[has_zero & forced] += NOT_EXISTS
    undecided = np.flatnonzero(has_zero & ~forced & (support_rank < ranks)).tolist()
    scale = max(float(np.asarray(y).sum()), 1.0)
    for b in undecided:
        rows = weight[b] > 0
        columns = np.abs(designs[b][rows]).sum(axis=0) > 0
        if lp_optimum(designs[b][np.ix_(rows, columns)], np.asarray(y)[rows]) <= 1e-9 * scale:
            codes[b] += NOT_EXISTS
    assert codes.shape == (n_batch,)
    return codes
