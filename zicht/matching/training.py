"""The Splink model: its settings, training on the data itself, and the weights table.

The model is trained on the records to be linked: the probability that two random records
match from deterministic rules, u by random sampling, m by expectation maximisation over
several blocking rules. The trained model can be exported as Splink JSON and as a weights
table an analyst can read.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from zicht.matching import comparisons as cmp
from zicht.matching.blocking import BLOCKING_RULES, pairs_made_by, rules_for

_U_MAX_PAIRS = 2e6
#: EM sessions whose blocking rule makes more pairs train on a hash sample of the records that
#: makes about this many (Splink's ``max_pairs``); smaller data are not sampled.
_EM_MAX_PAIRS = 3e6

_M_FLOOR = 1e-3
_PRIOR_FLOOR = 1e-6
_PRIOR_CEILING = 0.5
_U_FLOOR = 1e-6
#: A date of birth does not change: among the records of one person two dates years apart
#: are rare typing errors. EM estimates this share on pairs blocked on names, where namesakes
#: (two Piotr Kowalskis) pass for matches, and can make it 0.18 (docs/linkage.md); this bounds
#: it, so that a date years off stays evidence against a match.
_STABLE_DISAGREEMENT_M_CAP = {
    ("birth_date", "years within 2"): 0.05,
    ("birth_date", "all other"): 0.05,
}

logger = logging.getLogger(__name__)


class TrainingError(ValueError):
    """The records cannot train a model; the message says why, for the user."""


# Splink warns about every comparison level a small data set never shows (hundreds of lines
# per region that hide the demo's sign-in instructions); its errors still print.
SPLINK_LOG_LEVEL = logging.ERROR


def build_settings(
    present: Iterable[str],
    comparisons: Sequence[cmp.ComparisonSpec] | None = None,
    blocking_rules: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Splink settings for the feature columns that hold data (backend independent)."""
    present = set(present)
    specs = list(comparisons) if comparisons is not None else cmp.comparisons_for(present)
    rules = (
        list(blocking_rules) if blocking_rules is not None else rules_for(BLOCKING_RULES, present)
    )
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": [
            {
                "output_column_name": spec.name,
                "comparison_description": spec.description,
                "comparison_levels": [_level_dict(spec, level) for level in spec.levels],
            }
            for spec in specs
        ],
        "blocking_rules_to_generate_predictions": rules,
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "additional_columns_to_retain": ["source"] if "source" in present else [],
        "max_iterations": 25,
        "em_convergence": 0.0001,
    }


def _level_dict(spec: cmp.ComparisonSpec, level: cmp.Level) -> dict[str, Any]:
    out: dict[str, Any] = {"sql_condition": level.sql, "label_for_charts": level.label}
    if level.is_null:
        out["is_null_level"] = True
    if level.tf_column:
        out["tf_adjustment_column"] = level.tf_column
        out["tf_adjustment_weight"] = 1.0
        out["disable_tf_exact_match_detection"] = True
    if (spec.name, level.label) in cmp.NEUTRAL_AGREEMENT:
        out["m_probability"] = out["u_probability"] = 0.5
        out["fix_m_probability"] = out["fix_u_probability"] = True
    if spec is cmp.GUARD:
        m, u = cmp.GUARD_PROBABILITIES.get(level.label, (1.0, 1.0))
        out["m_probability"] = m
        out["u_probability"] = u
        out["fix_m_probability"] = True
        out["fix_u_probability"] = True
    return out


def _bounded(model: dict[str, Any]) -> dict[str, Any]:
    """Keep every trained m and u probability away from zero. Synthetic or very clean data
    can drive EM to m = 1e-30 for a level ("this never happens for a match"), which would let
    one field veto any match; the floors bound a single comparison's weight."""
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level") or level.get("fix_m_probability"):
                continue
            if level.get("m_probability") is not None:
                cap = _STABLE_DISAGREEMENT_M_CAP.get(
                    (comparison["output_column_name"], level.get("label_for_charts")), 1.0
                )
                level["m_probability"] = min(max(level["m_probability"], _M_FLOOR), cap)
            if level.get("u_probability") is not None:
                level["u_probability"] = max(level["u_probability"], _U_FLOOR)
    return model


def _with_sane_prior(linker: Any, table: Any) -> Any:
    """A linker whose prior lies strictly between 0 and 1. A few records that the deterministic
    rules never pair estimate it as 0, whose match weight (a logarithm) cannot be computed."""
    from splink import Linker

    model = linker.misc.save_model_to_json()
    prior = model.get("probability_two_random_records_match") or 0.0
    bounded = min(max(prior, _PRIOR_FLOOR), _PRIOR_CEILING)
    if bounded == prior:
        return linker
    model["probability_two_random_records_match"] = bounded
    return Linker(table, model, log_level=SPLINK_LOG_LEVEL)


def train(
    table: Any,
    settings: dict[str, Any],
    deterministic: Sequence[str],
    em_rules: Sequence[str],
    seed: int,
    feats: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Train a model on the registered table and return it as a Splink model dict.

    An EM session whose blocking rule makes more than ``_EM_MAX_PAIRS`` pairs in ``feats``
    trains on a hash sample of the records (the same share of matches and non-matches)."""
    from splink import Linker

    linker = Linker(table, settings, log_level=SPLINK_LOG_LEVEL)
    if deterministic:
        rules: list[Any] = list(deterministic)
        try:
            linker.training.estimate_probability_two_random_records_match(rules, recall=0.7)
        except ValueError as exc:  # a few records, nearly all alike: more matches than recall
            raise TrainingError(
                "the records are too few or too much alike to train a linkage model on them; "
                "link them with a model trained on more records"
            ) from exc
        linker = _with_sane_prior(linker, table)
    linker.training.estimate_u_using_random_sampling(max_pairs=_U_MAX_PAIRS, seed=seed)
    trained = linker.misc.save_model_to_json()
    for rule in em_rules:
        try:
            large = feats is not None and pairs_made_by(feats, rule) > _EM_MAX_PAIRS
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule,
                estimate_without_term_frequencies=True,
                max_pairs=_EM_MAX_PAIRS if large else None,
            )
            trained = linker.misc.save_model_to_json()
        except Exception as exc:  # e.g. a rule that yields no pairs on this data
            logger.warning("EM session on %s skipped: %s", rule, exc)
            linker = Linker(table, copy.deepcopy(trained), log_level=SPLINK_LOG_LEVEL)
    return _bounded(copy.deepcopy(trained))


def weights_table(model: dict[str, Any]) -> pd.DataFrame:
    """One row per comparison level: m, u, Bayes factor and match weight (log2) — the table an
    analyst reads to see why records were linked."""
    rows = []
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            bf = (m / u) if m and u else None
            rows.append(
                {
                    "comparison": comparison["output_column_name"],
                    "level": level.get("label_for_charts", level["sql_condition"]),
                    "m_probability": m,
                    "u_probability": u,
                    "bayes_factor": bf,
                    "match_weight": float(np.log2(bf)) if bf else None,
                }
            )
    return pd.DataFrame(rows)
