"""Batch deduplication and linkage of person records with Splink: :func:`dedupe`.

The same settings code runs on DuckDB (default) and on Spark. The model is trained on the data
itself: the probability that two random records match from deterministic rules, u by random
sampling, m by expectation maximisation over several blocking rules. The trained model can be
exported as Splink JSON and as a weights table an analyst can read.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from zicht.matching import backends
from zicht.matching.backends import Backend
from zicht.matching.blocking import (
    DETERMINISTIC_RULES,
    EM_BLOCKING_RULES,
    blocking_rules_for,
    rules_for,
)
from zicht.matching.clusters import LinkageResult, cluster_table
from zicht.matching.features import features, present_features
from zicht.matching.training import SPLINK_LOG_LEVEL, build_settings, train

__all__ = ["DEFAULT_THRESHOLD", "DEFAULT_THRESHOLDS", "dedupe"]

#: The one place the default threshold is set (the CLI and ``dedupe`` use it); chosen on the
#: hard Dutch synthetic sets, FEBRL meets its targets at it too (docs/linkage.md).
DEFAULT_THRESHOLD = 0.55
DEFAULT_THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9, 0.95, 0.99)
_SEED = 5


def dedupe(
    records: pd.DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    backend: Backend = "duckdb",
    spark: Any = None,
    model: dict[str, Any] | str | Path | None = None,
    seed: int = _SEED,
    keep_pairs: bool = False,
) -> LinkageResult:
    """Cluster person records (CLI input columns, ``record_id`` required) into persons.

    Trains a model on ``records`` unless a saved Splink model (dict or JSON path) is given.
    """
    feats = features(records)
    present = present_features(feats)
    return _run(feats, present, threshold, thresholds, backend, spark, model, seed, keep_pairs)


def _run(
    feats: pd.DataFrame,
    present: set[str],
    threshold: float,
    thresholds: Sequence[float],
    backend: Backend,
    spark: Any,
    model: dict[str, Any] | str | Path | None,
    seed: int,
    keep_pairs: bool,
    settings: dict[str, Any] | None = None,
    deterministic: Sequence[str] | None = None,
    em_rules: Sequence[str] | None = None,
) -> LinkageResult:
    from splink import Linker

    all_thresholds = tuple(sorted({*thresholds, threshold}))
    if feats["unique_id"].duplicated().any():
        raise ValueError("record_id values must be unique")
    with tempfile.TemporaryDirectory(prefix="zicht-link-") as temp_dir:
        db_api = backends.connect(backend, spark, temp_dir)
        table = backends.load_features(db_api, feats, backend, spark)
        if model is not None:
            loaded = json.loads(Path(model).read_text()) if isinstance(model, str | Path) else model
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
        linker = Linker(table, copy.deepcopy(loaded), log_level=SPLINK_LOG_LEVEL)
        predictions = linker.inference.predict(threshold_match_probability=min(all_thresholds))
        edges = predictions.as_pandas_dataframe()
        if backend == "duckdb":
            db_api.duckdb_con.close()
    edges = edges.sort_values(["unique_id_l", "unique_id_r"]).reset_index(drop=True)
    clusters = cluster_table(feats, edges, all_thresholds)
    return LinkageResult(
        clusters=clusters,
        thresholds=all_thresholds,
        threshold=threshold,
        model=loaded,
        n_pairs_scored=len(edges),
        pairs=edges if keep_pairs else None,
    )
