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

from .fit import Lattice

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
    from scipy.optimize import linprog  # imported here: it is slow to import and rarely needed

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


def _full_rank(gram: np.ndarray) -> np.ndarray:
    eigenvalues = np.linalg.eigvalsh(gram)
    return eigenvalues[:, 0] > EIG_TOL * np.maximum(eigenvalues[:, -1], 1e-300)


def _gram_full_rank(lattice: Lattice, cells: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """Does ``X[cells][:, columns]`` have full column rank? (batched over rows of columns)"""
    n_par = columns.shape[1]
    gram = lattice.gram(np.broadcast_to(cells, (columns.shape[0], cells.shape[-1])))
    pad = np.zeros_like(gram)
    idx = np.arange(n_par)
    pad[:, idx, idx] = ~columns
    return _full_rank(gram * (columns[:, :, None] & columns[:, None, :]) + pad)


def admissible_batch(
    lattice: Lattice,
    y: np.ndarray,
    weight: np.ndarray,
    columns: np.ndarray,
    groups: np.ndarray,
) -> np.ndarray:
    """Codes for many models given as column subsets of one lattice design.

    weight: (B, n) kept cells; columns: (B, P) bool; groups: (B,) label such that models with
    the same label have the same kept cells. The answer is exact for every model with full
    rank (0 or 1); rank-deficient models get code 2 without the existence test, since they
    are rejected whatever it says.

    Both properties are monotone within a group (same cells): a subset of the columns of a
    full-rank matrix has full rank, and an ``x > 0`` that matches the margins of a model
    matches those of every model with fewer columns. So each group is first settled as a
    whole through the union of its models' columns, and only models of groups where that
    fails are examined one by one (skipping models that contain one already known to fail).
    """
    y = np.asarray(y, dtype=float)
    codes = np.zeros(len(columns), dtype=int)
    positive_cells = (y > 0).astype(float)
    scale = max(float(y.sum()), 1.0)
    design = lattice.design

    def exists(kept: np.ndarray, cols: np.ndarray) -> bool:
        return lp_optimum(design[np.ix_(kept, cols)], y[kept]) > 1e-9 * scale

    for group in np.unique(groups):
        members = np.flatnonzero(groups == group)
        kept_weight = weight[members[0]]
        kept = kept_weight > 0
        union = columns[members].any(axis=0)
        if not _gram_full_rank(lattice, kept_weight, union[None])[0]:
            ok = _gram_full_rank(lattice, kept_weight, columns[members])
            codes[members[~ok]] = NOT_IDENTIFIABLE
            members = members[ok]
        if members.size == 0 or not np.any(kept & (y == 0)):
            continue
        positive = kept_weight * positive_cells
        union = columns[members].any(axis=0)
        if _gram_full_rank(lattice, positive, union[None])[0] or exists(kept, union):
            continue
        fast = _gram_full_rank(lattice, positive, columns[members])
        undecided = members[~fast]
        undecided = undecided[np.argsort(columns[undecided].sum(axis=1), kind="stable")]
        failing: list[np.ndarray] = []
        for b in undecided:
            cols = columns[b]
            if any(np.all(cols >= f) for f in failing) or not exists(kept, cols):
                failing.append(cols)
                codes[b] += NOT_EXISTS
    return codes
