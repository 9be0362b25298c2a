"""Score one candidate pair of person records with the linkage model, without a database.

For the web app's "already known?" check: candidates found by exact pseudonyms or a trigram
search are ranked by the match weight of the trained Splink model (a saved model JSON), or by
the default weights below when no model has been trained yet.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from zicht.linkage import model as mdl

__all__ = ["DEFAULT_WEIGHTS", "PairScore", "load_weights", "score_candidates", "score_pair"]

#: Default Bayes factors (m/u) per comparison level, used without a trained model: rounded
#: from a model trained on 10,000 synthetic Dutch records (docs/linkage.md). Levels not listed
#: count as neutral (1.0).
DEFAULT_WEIGHTS: dict[str, dict[str, float]] = {
    "name": {
        "exact first name and surname": 4700.0,
        "same transliteration keys": 4900.0,
        "first name and surname swapped": 5000.0,
        "both names within 1 edit(s), either order": 2500.0,
        "same phonetic codes": 1500.0,
        "both names within 2 edit(s), either order": 68.0,
        "same surname, other first name": 1.1,
        "same first name, other surname": 3.3,
        "all other": 0.026,
    },
    "birth_date": {
        "exact date": 4600.0,
        "day and month swapped": 2000.0,
        "partial date agrees": 41.0,
        "one digit differs": 110.0,
        "same year": 0.8,
        "all other": 0.058,
    },
    "phone": {"exact": 4500.0, "all other": 0.17},
    "address": {"same postcode and house number": 4000.0, "same city": 0.33, "all other": 0.26},
    "email": {"exact": 1500.0, "all other": 0.001},
    "id_number": {"exact": 1700.0, "all other": 0.001},
    "sex": {"exact": 1.8, "all other": 0.016},
    "nationality": {"exact": 6.0, "all other": 0.075},
    "different_person_guard": {
        "other first name and other date of birth": mdl.GUARD_M / mdl.GUARD_U,
        "all other": 1.0,
    },
}
DEFAULT_PRIOR = 1e-4  # probability that two random records are the same person


@dataclass(frozen=True)
class PairScore:
    match_weight: float
    match_probability: float
    levels: dict[str, str]  # comparison → label of the level the pair fell into


def load_weights(
    model: Mapping[str, Any] | str | Path,
) -> tuple[dict[str, dict[str, float]], float]:
    """Bayes factors per comparison level and the prior from a saved Splink model."""
    data = json.loads(Path(model).read_text()) if isinstance(model, str | Path) else model
    weights: dict[str, dict[str, float]] = {}
    for comparison in data["comparisons"]:
        levels = {}
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if level.get("is_null_level") or not m or not u:
                continue
            levels[level.get("label_for_charts", level["sql_condition"])] = m / u
        weights[comparison["output_column_name"]] = levels
    return weights, float(data.get("probability_two_random_records_match", DEFAULT_PRIOR))


def _feature_rows(records: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    frame = pd.DataFrame([{**record, "record_id": str(i)} for i, record in enumerate(records)])
    return mdl.features(frame).to_dict("records")


def _score_features(
    fa: Mapping[str, Any],
    fb: Mapping[str, Any],
    weights: Mapping[str, Mapping[str, float]],
    prior: float,
) -> PairScore:
    total = math.log2(prior / (1 - prior))
    chosen: dict[str, str] = {}
    for spec in mdl.ALL_COMPARISONS:
        if spec.name not in weights:
            continue
        for level in spec.levels:
            if level.test(fa, fb):
                chosen[spec.name] = level.label
                if not level.is_null:
                    bf = weights[spec.name].get(level.label, 1.0)
                    total += math.log2(bf)
                break
    probability = 1.0 / (1.0 + 2.0 ** (-total))
    return PairScore(match_weight=total, match_probability=probability, levels=chosen)


def _weights(
    model: Mapping[str, Any] | str | Path | None,
) -> tuple[Mapping[str, Mapping[str, float]], float]:
    return (DEFAULT_WEIGHTS, DEFAULT_PRIOR) if model is None else load_weights(model)


def score_pair(
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    model: Mapping[str, Any] | str | Path | None = None,
) -> PairScore:
    """Match weight and probability of two person records given as dicts with the CLI's
    column names (raw values; they are normalised here)."""
    return score_candidates(a, [b], model)[0]


def score_candidates(
    record: Mapping[str, Any],
    candidates: list[Mapping[str, Any]],
    model: Mapping[str, Any] | str | Path | None = None,
) -> list[PairScore]:
    """Score one record against many candidates, normalising all of them in one pass
    (the known-check ranks its candidates with this)."""
    if not candidates:
        return []
    weights, prior = _weights(model)
    features = _feature_rows([record, *candidates])
    return [_score_features(features[0], other, weights, prior) for other in features[1:]]
