"""Batch deduplication and linkage of person records with Splink: :func:`dedupe`.

The same settings code runs on DuckDB (default) and on Spark. The model is trained on the data
itself: the probability that two random records match from deterministic rules, u by random
sampling, m by expectation maximisation over several blocking rules. The trained model can be
exported as Splink JSON and as a weights table an analyst can read.
"""

from __future__ import annotations

import copy
import json
import math
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from zicht.matching import backends
from zicht.matching import term_frequencies as tf
from zicht.matching.backends import Backend
from zicht.matching.blocking import (
    DETERMINISTIC_RULES,
    EM_BLOCKING_RULES,
    blocking_rules_for,
    rules_for,
)
from zicht.matching.clusters import (
    DEFAULT_ATTACH,
    DEFAULT_BRIDGE_SUPPORT,
    LinkageResult,
    cluster_table,
    expected_f1_threshold,
)
from zicht.matching.features import features, present_features
from zicht.matching.training import SPLINK_LOG_LEVEL, build_settings, train

__all__ = ["DEFAULT_THRESHOLD", "DEFAULT_THRESHOLDS", "dedupe"]

#: The threshold used when the model's own (expected-F1) threshold is not asked for: private
#: mode and an explicit ``threshold=DEFAULT_THRESHOLD``. ``dedupe`` derives its threshold
#: from the trained model unless one is given (docs/linkage.md).
DEFAULT_THRESHOLD = 0.55
DEFAULT_THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9, 0.95, 0.99)
#: Scored pairs below this probability (after the term-frequency adjustment) are dropped:
#: they count neither towards a cluster, nor towards the expected-F1 threshold or the
#: support of a bridge.
_KEEP_PROBABILITY = 0.01
_SEED = 5


def dedupe(
    records: pd.DataFrame,
    *,
    threshold: float | None = None,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    backend: Backend = "duckdb",
    spark: Any = None,
    model: dict[str, Any] | str | Path | None = None,
    seed: int = _SEED,
    keep_pairs: bool = False,
    tf_weight: float = tf.DEFAULT_TF_WEIGHT,
    tf_max_up: float = tf.DEFAULT_TF_MAX_UP,
    bridge_support: float = DEFAULT_BRIDGE_SUPPORT,
    attach: float | None = DEFAULT_ATTACH,
) -> LinkageResult:
    """Cluster person records (CLI input columns, ``record_id`` required) into persons.

    Trains a model on ``records`` unless a saved Splink model (dict or JSON path) is given.
    Without a ``threshold`` the model's expected-F1 threshold is used (``result.threshold``);
    ``tf_weight`` 0 switches the term-frequency adjustment off, ``bridge_support`` 0 the
    splitting of weakly bridged clusters, ``attach`` None the attaching of single records
    below the threshold (docs/linkage.md).
    """
    feats = features(records)
    present = present_features(feats)
    return _run(
        feats,
        present,
        threshold,
        thresholds,
        backend,
        spark,
        model,
        seed,
        keep_pairs,
        tf_tables=tf.frequency_tables(feats, weight=tf_weight, max_up=tf_max_up),
        bridge_support=bridge_support,
        attach=attach,
    )


def _splink_model(model: dict[str, Any]) -> dict[str, Any]:
    """The model without what is ours (the frequency tables), as Splink reads it."""
    return {k: copy.deepcopy(v) for k, v in model.items() if k != tf.MODEL_KEY}


def _probability(weight: float) -> float:
    return 1.0 / (1.0 + 2.0 ** (-weight))


def _weight(probability: float) -> float:
    return math.log2(probability / (1.0 - probability))


def _level_labels(model: dict[str, Any], edges: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per comparison, the label of the level each scored pair fell into, read from the
    comparison's match weight (``mw_<comparison>``, which Splink outputs with its
    intermediate columns; the level numbers come only with every compared column). Each
    level has its own weight, log2(m / u); 0 is read as the null level."""
    out = {}
    for comparison in model["comparisons"]:
        name = comparison["output_column_name"]
        column = f"mw_{name}"
        if column not in edges.columns:
            continue
        weights = edges[column].to_numpy(dtype=float)
        labels = np.full(len(weights), "null", dtype=object)
        for level in reversed(comparison["comparison_levels"]):
            m, u = level.get("m_probability"), level.get("u_probability")
            if level.get("is_null_level") or not m or not u:
                continue
            mask = np.isclose(weights, math.log2(m / u), rtol=0.0, atol=1e-9) & (weights != 0)
            labels[mask] = level.get("label_for_charts", "")
        out[name] = labels
    return out


def _adjusted(
    edges: pd.DataFrame, feats: pd.DataFrame, model: dict[str, Any], tables: dict[str, Any]
) -> pd.DataFrame:
    """The scored pairs with the term-frequency adjustment added to their match weight."""
    if len(edges) and tables.get("columns"):
        index = pd.Index(feats["unique_id"].astype(str))
        left = index.get_indexer(edges["unique_id_l"].astype(str))
        right = index.get_indexer(edges["unique_id_r"].astype(str))
        adjustment = tf.edge_adjustment(
            left,
            right,
            _level_labels(model, edges),
            tf.record_frequencies(feats, tables),
            tables,
        )
        weight = edges["match_weight"].to_numpy(dtype=float) + adjustment
        edges = edges.assign(match_weight=weight, match_probability=1.0 / (1.0 + np.exp2(-weight)))
    keep = [c for c in edges.columns if not c.startswith(("mw_", "gamma_", "bf_", "tf_"))]
    return edges.loc[edges["match_probability"] >= _KEEP_PROBABILITY, keep]


def _run(
    feats: pd.DataFrame,
    present: set[str],
    threshold: float | None,
    thresholds: Sequence[float],
    backend: Backend,
    spark: Any,
    model: dict[str, Any] | str | Path | None,
    seed: int,
    keep_pairs: bool,
    settings: dict[str, Any] | None = None,
    deterministic: Sequence[str] | None = None,
    em_rules: Sequence[str] | None = None,
    tf_tables: dict[str, Any] | None = None,
    bridge_support: float = DEFAULT_BRIDGE_SUPPORT,
    attach: float | None = DEFAULT_ATTACH,
) -> LinkageResult:
    from splink import Linker

    tables = tf_tables or {}
    if feats["unique_id"].duplicated().any():
        raise ValueError("record_id values must be unique")
    with tempfile.TemporaryDirectory(prefix="zicht-link-") as temp_dir:
        db_api = backends.connect(backend, spark, temp_dir)
        table = backends.load_features(db_api, feats, backend, spark)
        if model is not None:
            loaded = json.loads(Path(model).read_text()) if isinstance(model, str | Path) else model
            loaded = _splink_model(loaded)
        else:
            loaded = train(
                table,
                settings
                or build_settings(present, blocking_rules=blocking_rules_for(feats, present)),
                rules_for(DETERMINISTIC_RULES, present) if deterministic is None else deterministic,
                rules_for(EM_BLOCKING_RULES, present) if em_rules is None else em_rules,
                seed,
                feats,
            )
        predicting = copy.deepcopy(loaded)
        predicting["retain_intermediate_calculation_columns"] = bool(tables.get("columns"))
        linker = Linker(table, predicting, log_level=SPLINK_LOG_LEVEL)
        # rare values can lift a pair by up to max_up bits: score down to where that matters
        lowest = _probability(_weight(_KEEP_PROBABILITY) - float(tables.get("max_up", 0.0)))
        predictions = linker.inference.predict(threshold_match_probability=lowest)
        edges = predictions.as_pandas_dataframe()
        if backend == "duckdb":
            db_api.duckdb_con.close()
    if tables:
        loaded = {**loaded, tf.MODEL_KEY: tables}
    edges = _adjusted(edges, feats, loaded, tables)
    edges = edges.sort_values(["unique_id_l", "unique_id_r"]).reset_index(drop=True)
    derived = expected_f1_threshold(edges["match_probability"].to_numpy(dtype=float))
    chosen = derived if threshold is None else threshold
    all_thresholds = tuple(sorted({*thresholds, chosen}))
    clusters = cluster_table(feats, edges, all_thresholds, bridge_support, attach)
    return LinkageResult(
        clusters=clusters,
        thresholds=all_thresholds,
        threshold=chosen,
        model=loaded,
        n_pairs_scored=int((edges["match_probability"] >= min(all_thresholds)).sum()),
        pairs=edges if keep_pairs else None,
        derived_threshold=derived,
    )
