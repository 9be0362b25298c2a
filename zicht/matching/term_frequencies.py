"""Term-frequency adjustment: agreeing on a rare value is stronger evidence than agreeing on a
common one. A Jansen in Amsterdam is weak evidence, a Chukwuemeka in Hengelo strong.

One definition, used by the batch (:func:`adjust_edges`, vectorised over the scored pairs)
and by the known-check's scorer (:func:`pair_adjustment`, one pair): for a pair whose level
of a comparison lists term-frequency columns (:data:`TF_LEVELS`), each column adds

    weight * log2(mean / tf)

bits to the match weight, where ``tf`` is the relative frequency of the value among the
records (for two different values, as in a typo or a swap, the more frequent of the two) and
``mean`` the frequency of the value of an average record (the chance that two random records
agree on it). A value as common as the average adds nothing; the sum over all columns is
capped at ``max_up`` bits, so that rare values cannot make a match on their own.

The frequencies are counted on the records being linked and kept in the model
(:data:`MODEL_KEY`): the most frequent values with their frequency, every other value counted
as ``floor`` (so a region's saved model stays small and a look-up in the known-check uses the
same numbers as the region's last linkage run).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

#: Where a model keeps its frequency tables (not a Splink setting: removed before Splink
#: reads the model).
MODEL_KEY = "zicht_term_frequencies"

#: The columns whose frequencies are counted: first name and surname (transliteration keys,
#: so spelling variants count together), city, street, and the address and phone shared by
#: a household, an agency's workers or a shelter's residents.
TF_COLUMNS = ("fn_key", "ln_key", "city", "street", "addr", "phone")

#: comparison → level → the columns whose frequency adjusts a pair at that level.
TF_LEVELS: dict[str, dict[str, tuple[str, ...]]] = {
    "name": {
        "exact first name and surname": ("fn_key", "ln_key"),
        "same transliteration keys": ("fn_key", "ln_key"),
        "first name and surname swapped": ("fn_key", "ln_key"),
        "both names within 1 edit(s), either order": ("fn_key", "ln_key"),
        "same phonetic codes": ("fn_key", "ln_key"),
        "same surname, other first name": ("ln_key",),
        "same first name, other surname": ("fn_key",),
        "first name agrees, a surname missing": ("fn_key",),
    },
    "address": {
        "same postcode and house number": ("addr",),
        "same street and house number": ("street",),
        "street within 2 edits and same house number": ("street",),
        "same city": ("city",),
    },
    "phone": {"exact": ("phone",)},
}

#: Defaults: the full adjustment (weight 1), at most 6 bits up (a factor of 64).
DEFAULT_TF_WEIGHT = 1.0
DEFAULT_TF_MAX_UP = 6.0
#: The most frequent values kept per column in a model.
_KEEP = 20_000


def frequency_tables(
    feats: pd.DataFrame,
    *,
    weight: float = DEFAULT_TF_WEIGHT,
    max_up: float = DEFAULT_TF_MAX_UP,
    columns: Sequence[str] = TF_COLUMNS,
) -> dict[str, Any]:
    """Frequency tables of the feature frame, as kept in a model under :data:`MODEL_KEY`."""
    tables: dict[str, Any] = {}
    for column in columns:
        if column not in feats.columns:
            continue
        counts = feats[column].dropna().value_counts()
        total = int(counts.sum())
        if total == 0:
            continue
        share = counts.to_numpy(dtype=float) / total
        kept = counts[counts >= 2].head(_KEEP)
        floor = (float(kept.iloc[-1]) if len(kept) == _KEEP else 1.0) / total
        tables[column] = {
            "mean": float((share * share).sum()),
            "floor": floor,
            "values": {str(k): float(v) / total for k, v in kept.items()},
        }
    return {"weight": weight, "max_up": max_up, "columns": tables}


def _bits(mean: float, tf: float, weight: float) -> float:
    return weight * math.log2(mean / tf)


def _tf(table: Mapping[str, Any], value: Any) -> float | None:
    if value is None:
        return None
    return float(table["values"].get(value, table["floor"]))


def pair_adjustment(
    levels: Mapping[str, str],
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    tables: Mapping[str, Any] | None,
) -> float:
    """The adjustment in bits for one pair of feature rows whose comparison levels are
    ``levels`` (comparison → level label)."""
    if not tables:
        return 0.0
    total = 0.0
    weight = float(tables["weight"])
    for comparison, level in levels.items():
        for column in TF_LEVELS.get(comparison, {}).get(level, ()):
            table = tables["columns"].get(column)
            if table is None:
                continue
            found = [f for f in (_tf(table, a.get(column)), _tf(table, b.get(column))) if f]
            if found:
                total += _bits(table["mean"], max(found), weight)
    return min(total, float(tables["max_up"]))


def record_frequencies(feats: pd.DataFrame, tables: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Per column, the frequency of each record's value (NaN where it has none)."""
    out = {}
    for column, table in tables["columns"].items():
        values = feats[column]
        tf = values.map(table["values"]).astype(float)
        tf[values.notna() & tf.isna()] = table["floor"]
        out[column] = tf.to_numpy(dtype=float)
    return out


def edge_adjustment(
    left: np.ndarray,
    right: np.ndarray,
    levels: Mapping[str, np.ndarray],
    frequencies: Mapping[str, np.ndarray],
    tables: Mapping[str, Any],
) -> np.ndarray:
    """:func:`pair_adjustment` for many pairs at once: ``left`` and ``right`` are row numbers
    in the feature frame, ``levels`` per comparison the level label of each pair."""
    total = np.zeros(len(left), dtype=float)
    weight = float(tables["weight"])
    for comparison, by_level in TF_LEVELS.items():
        if comparison not in levels:
            continue
        labels = levels[comparison]
        for level, columns in by_level.items():
            mask = labels == level
            if not mask.any():
                continue
            for column in columns:
                if column not in frequencies:
                    continue
                freq = frequencies[column]
                tf = np.fmax(freq[left[mask]], freq[right[mask]])
                mean = tables["columns"][column]["mean"]
                with np.errstate(invalid="ignore", divide="ignore"):
                    bits = weight * np.log2(mean / tf)
                total[mask] += np.where(np.isnan(tf), 0.0, bits)
    return np.minimum(total, float(tables["max_up"]))
