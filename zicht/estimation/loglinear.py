"""Log-linear models for capture-history tables: terms, design matrices, hierarchy.

A term is a set of lists, stored as a bit mask (bit ``i`` set when list ``i`` is in the term):
``0`` is the intercept, single bits are main effects, two bits a two-list interaction, and so
on. A *model* is the tuple of its interaction terms (order 2 and up); the intercept and all
main effects are always present, as in every multiple systems estimation model.

The expected count of cell (capture pattern) ``c`` is ``exp(sum of the parameters of the terms
contained in c)``; the dark figure is ``exp(intercept)``.

Terms whose lists were never seen together (their observed margin is zero) have the extended
maximum likelihood estimate minus infinity (Chan, Silverman & Vincent 2021; Silverman, Chan &
Vincent 2024): the term is dropped from the fit and every cell containing it is removed, but
it still counts as a parameter in AIC and BIC.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

Model = tuple[int, ...]


def popcount(mask: int) -> int:
    return int(mask).bit_count()


def members(mask: int) -> tuple[int, ...]:
    """Indices of the lists in a term, ascending."""
    return tuple(i for i in range(mask.bit_length()) if mask >> i & 1)


def term_sort_key(mask: int) -> tuple[int, tuple[int, ...]]:
    return (popcount(mask), members(mask))


def canonical(model: Iterable[int]) -> Model:
    """Sorted tuple of distinct interaction terms (order >= 2)."""
    return tuple(sorted({int(m) for m in model if popcount(m) >= 2}, key=term_sort_key))


def hierarchical_closure(model: Sequence[int]) -> Model:
    """Add every interaction contained in a term of the model (order >= 2)."""
    closed: set[int] = set()
    for term in model:
        lists = members(term)
        for size in range(2, len(lists) + 1):
            for subset in itertools.combinations(lists, size):
                closed.add(sum(1 << i for i in subset))
    return canonical(closed)


def is_hierarchical(model: Sequence[int]) -> bool:
    return set(canonical(model)) == set(hierarchical_closure(model))


@cache
def cell_codes(n_lists: int) -> np.ndarray:
    """Codes of the observable cells ``1 .. 2**t - 1``; the cell of code c is row ``c - 1``."""
    return np.arange(1, 2**n_lists, dtype=np.int64)


def contains(n_lists: int, term: int) -> np.ndarray:
    """Boolean vector over the observable cells: does the cell contain every list of term?"""
    codes = cell_codes(n_lists)
    return (codes & term) == term


@cache
def _main_design(n_lists: int) -> np.ndarray:
    codes = cell_codes(n_lists)
    columns = [np.ones(len(codes))] + [((codes >> i) & 1).astype(float) for i in range(n_lists)]
    design = np.column_stack(columns)
    design.setflags(write=False)
    return design


def design_matrix(n_lists: int, terms: Sequence[int]) -> np.ndarray:
    """Design over all observable cells: intercept, main effects, then the given terms."""
    base = _main_design(n_lists)
    if not terms:
        return base.copy()
    extra = np.column_stack([contains(n_lists, term).astype(float) for term in terms])
    return np.hstack([base, extra])


def parameter_names(lists: Sequence[str], terms: Sequence[int]) -> list[str]:
    return ["(intercept)", *lists, *(":".join(lists[i] for i in members(t)) for t in terms)]


def term_name(lists: Sequence[str], term: int) -> str:
    return ":".join(lists[i] for i in members(term))


# ---------------------------------------------------------------------------------------------
# names in the hierarchy notation of the R package MultipleSystemsEstimation: the generating
# class with lists numbered from 1, e.g. "[12,3]" = interaction of lists 1 and 2, main effect 3.


def _digits(mask: int, n_lists: int) -> str:
    labels = [str(i + 1) for i in members(mask)]
    return "".join(labels) if n_lists <= 9 else ".".join(labels)


def model_label(model: Sequence[int], n_lists: int) -> str:
    """Generating class of the (hierarchical closure of the) model, e.g. ``[12,23]``."""
    terms = set(hierarchical_closure(model)) | {1 << i for i in range(n_lists)}
    maximal = [t for t in terms if not any(t != u and (t & u) == t for u in terms)]
    maximal.sort(key=lambda t: (-popcount(t), _digits(t, n_lists)))
    return "[" + ",".join(_digits(t, n_lists) for t in maximal) + "]"


def model_terms_label(model: Sequence[int], lists: Sequence[str]) -> str:
    """Interactions by list name, e.g. ``D:E + A:C``; ``main effects`` when there are none."""
    terms = canonical(model)
    if not terms:
        return "main effects"
    return " + ".join(term_name(lists, t) for t in terms)


def parse_model(text: str, lists: Sequence[str]) -> Model:
    """Read a model written as ``[12,3]`` (list numbers) or ``A:B + B:C`` (list names).

    The result is the hierarchical closure, as both notations name generating classes.
    """
    n_lists = len(lists)
    text = text.strip()
    if text in {"", "main", "main effects", "[]"}:
        return ()
    masks: list[int] = []
    if text.startswith("["):
        if not text.endswith("]"):
            raise ValueError(f"unbalanced brackets in model {text!r}")
        for part in text[1:-1].split(","):
            part = part.strip()
            if not part:
                continue
            numbers = part.split(".") if "." in part else list(part)
            try:
                indices = [int(n) - 1 for n in numbers]
            except ValueError as error:
                raise ValueError(f"not a list number in model term {part!r}") from error
            if any(i < 0 or i >= n_lists for i in indices):
                raise ValueError(f"model term {part!r} refers to a list that does not exist")
            masks.append(sum(1 << i for i in set(indices)))
    else:
        index = {name: i for i, name in enumerate(lists)}
        for part in re.split(r"[+,]", text):
            part = part.strip()
            if not part:
                continue
            names = [n.strip() for n in part.split(":")]
            unknown = [n for n in names if n not in index]
            if unknown:
                raise ValueError(f"unknown list(s) in model: {', '.join(unknown)}")
            masks.append(sum(1 << index[n] for n in set(names)))
    return hierarchical_closure(masks)


# ---------------------------------------------------------------------------------------------
# enumeration


def interaction_terms(n_lists: int, max_order: int) -> list[int]:
    """All interaction terms of order 2 .. max_order, by order then lexicographically."""
    terms = []
    for size in range(2, min(max_order, n_lists) + 1):
        for subset in itertools.combinations(range(n_lists), size):
            terms.append(sum(1 << i for i in subset))
    return terms


def hierarchical_models(n_lists: int, max_order: int) -> Iterator[Model]:
    """Every hierarchical model whose interactions have order at most ``max_order``.

    A term may only be present when all its sub-interactions are; there are 2**15 = 32,768
    such models for six lists and order 2.
    """
    terms = interaction_terms(n_lists, max_order)
    sub_terms = []
    for term in terms:
        lists = members(term)
        subs = (
            [sum(1 << i for i in s) for s in itertools.combinations(lists, len(lists) - 1)]
            if len(lists) > 2
            else []
        )
        sub_terms.append(subs)

    chosen: list[int] = []
    present: set[int] = set()

    def walk(position: int) -> Iterator[Model]:
        if position == len(terms):
            yield tuple(chosen)
            return
        term = terms[position]
        yield from walk(position + 1)
        if all(s in present for s in sub_terms[position]):
            chosen.append(term)
            present.add(term)
            yield from walk(position + 1)
            chosen.pop()
            present.discard(term)

    return walk(0)


def default_max_order(n_lists: int) -> int:
    """Default maximum interaction order for BIC search, as in MultipleSystemsEstimation."""
    if n_lists <= 2:
        return 1
    if n_lists == 3:
        return 2
    if n_lists in (4, 5):
        return 3
    return 2


# ---------------------------------------------------------------------------------------------
# a model applied to data


@dataclass(frozen=True)
class Layout:
    """What a model means for one table: which terms are fitted, which are minus infinity.

    ``kept`` marks the observable cells that take part in the fit; ``design`` is the design
    matrix restricted to those cells and to the fitted (finite) terms.
    """

    n_lists: int
    model: Model
    fitted_terms: Model
    infinite_terms: Model
    kept: np.ndarray
    design: np.ndarray

    @property
    def n_parameters(self) -> int:
        """All parameters of the model, the minus-infinity ones included."""
        return 1 + self.n_lists + len(self.model)


def margins(cell_counts: np.ndarray, n_lists: int, terms: Sequence[int]) -> np.ndarray:
    """Observed count of cases on all lists of each term (regardless of other lists)."""
    return np.array([cell_counts[contains(n_lists, t)].sum() for t in terms], dtype=float)


def layout(cell_counts: np.ndarray, n_lists: int, model: Sequence[int]) -> Layout:
    model = canonical(model)
    all_terms = [1 << i for i in range(n_lists)] + list(model)
    observed = margins(cell_counts, n_lists, all_terms)
    infinite = tuple(t for t, m in zip(all_terms, observed, strict=True) if m == 0)
    kept = np.ones(2**n_lists - 1, dtype=bool)
    for term in infinite:
        kept &= ~contains(n_lists, term)
    mains_infinite = [t for t in infinite if popcount(t) == 1]
    fitted = tuple(t for t in model if t not in infinite)
    design = design_matrix(n_lists, fitted)
    if mains_infinite:
        keep_columns = [0] + [1 + i for i in range(n_lists) if (1 << i) not in mains_infinite]
        keep_columns += list(range(1 + n_lists, design.shape[1]))
        design = design[:, keep_columns]
    return Layout(
        n_lists=n_lists,
        model=model,
        fitted_terms=fitted,
        infinite_terms=infinite,
        kept=kept,
        design=design[kept],
    )
