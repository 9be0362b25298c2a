"""Batch deduplication and linkage of person records with Splink.

The same settings code runs on DuckDB (default) and on Spark. The model is trained on the data
itself: the probability that two random records match from deterministic rules, u by random
sampling, m by expectation maximisation over several blocking rules. The trained model can be
exported as Splink JSON and as a weights table an analyst can read.
"""

from __future__ import annotations

import copy
import json
import logging
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from zicht.linkage import model as mdl

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_THRESHOLDS",
    "LinkageResult",
    "build_settings",
    "capture_histories",
    "dedupe",
    "pairwise_scores",
    "weights_table",
]

Backend = Literal["duckdb", "spark"]

#: The one place the default threshold is set (the CLI and ``dedupe`` use it); chosen on the
#: hard Dutch synthetic sets, FEBRL meets its targets at it too (docs/linkage.md).
DEFAULT_THRESHOLD = 0.55
DEFAULT_THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9, 0.95, 0.99)
_U_MAX_PAIRS = 2e6
#: EM sessions whose blocking rule makes more pairs train on a hash sample of the records that
#: makes about this many (Splink's ``max_pairs``); smaller data are not sampled.
_EM_MAX_PAIRS = 3e6
#: A broad blocking rule (name alone) is used only while the pairs the broad rules make stay
#: within this many (counted before scoring).
_BROAD_RULE_BUDGET = 2_000_000
#: DuckDB's memory limit; beyond it DuckDB spills to a temporary directory.
_DUCKDB_MEMORY_LIMIT = "4GB"
_SEED = 5
# Splink warns about every comparison level a small data set never shows (hundreds of
# lines per region that hide the demo's sign-in instructions); its errors still print.
_SPLINK_LOG_LEVEL = logging.ERROR

logger = logging.getLogger(__name__)


def build_settings(
    present: Iterable[str],
    comparisons: Sequence[mdl.ComparisonSpec] | None = None,
    blocking_rules: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Splink settings for the feature columns that hold data (backend independent)."""
    present = set(present)
    specs = list(comparisons) if comparisons is not None else mdl.comparisons_for(present)
    rules = (
        list(blocking_rules)
        if blocking_rules is not None
        else mdl.rules_for(mdl.BLOCKING_RULES, present)
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


_TERM = re.compile(r"^\s*(.+?)\s*=\s*(.+?)\s*$")


def _join_keys(rule: str) -> tuple[list[str], list[str]]:
    """The left and right key expressions of a blocking rule that is a conjunction of
    equalities (``l.a = r.b AND substr(l.c, 1, 2) = substr(r.c, 1, 2)``)."""
    left, right = [], []
    for term in rule.split(" AND "):
        match = _TERM.match(term)
        if match is None:
            raise ValueError(f"not an equality: {term!r}")
        a, b = match.groups()
        if "r." in a and "l." in b:
            a, b = b, a
        left.append(re.sub(r"\bl\.", "", a))
        right.append(re.sub(r"\br\.", "", b))
    return left, right


def pairs_made_by(feats: pd.DataFrame, rule: str) -> int:
    """How many pairs of records a blocking rule makes, from the sizes of its blocks and before
    pairs found by other rules are removed; for a rule that compares different columns
    (``l.fn_key = r.ln_key``) half the number of ordered pairs. Counted with DuckDB on the
    feature frame, so the same whatever the backend."""
    import duckdb

    left, right = _join_keys(rule)

    def blocks(keys: list[str]) -> str:
        named = ", ".join(f"{k} AS k{i}" for i, k in enumerate(keys))
        not_null = " AND ".join(f"({k}) IS NOT NULL" for k in keys)
        # the rules are the model's own SQL, never user input
        return f"SELECT {named}, count(*) AS n FROM feats WHERE {not_null} GROUP BY ALL"  # noqa: S608

    on = " AND ".join(f"a.k{i} = b.k{i}" for i in range(len(left)))
    con = duckdb.connect(":memory:")
    try:
        con.register("feats", feats[sorted(set(re.findall(r"\b[lr]\.(\w+)", rule)))])
        if left == right:
            sql = f"SELECT sum(n * (n - 1) / 2) FROM ({blocks(left)})"  # noqa: S608
        else:
            sql = (
                f"SELECT sum(a.n * b.n) / 2 FROM ({blocks(left)}) a "  # noqa: S608
                f"JOIN ({blocks(right)}) b ON {on}"
            )
        count = con.execute(sql).fetchone()
    finally:
        con.close()
    return int(count[0] or 0) if count else 0


def blocking_rules_for(
    feats: pd.DataFrame, present: Iterable[str], budget: int = _BROAD_RULE_BUDGET
) -> list[str]:
    """The prediction blocking rules for these records: every rule of
    :data:`~zicht.linkage.model.BLOCKING_RULES`, and each of
    :data:`~zicht.linkage.model.BROAD_BLOCKING_RULES` (names alone) in turn while the pairs
    the admitted broad rules make stay within ``budget``."""
    present = set(present)
    rules = mdl.rules_for(mdl.BLOCKING_RULES, present)
    spent = 0
    for rule in mdl.rules_for(mdl.BROAD_BLOCKING_RULES, present):
        pairs = pairs_made_by(feats, rule)
        if spent + pairs <= budget:
            rules.append(rule)
            spent += pairs
        else:
            logger.info("broad blocking rule left out (%s pairs): %s", f"{pairs:,}", rule)
    return rules


def _level_dict(spec: mdl.ComparisonSpec, level: mdl.Level) -> dict[str, Any]:
    out: dict[str, Any] = {"sql_condition": level.sql, "label_for_charts": level.label}
    if level.is_null:
        out["is_null_level"] = True
    if level.tf_column:
        out["tf_adjustment_column"] = level.tf_column
        out["tf_adjustment_weight"] = 1.0
        out["disable_tf_exact_match_detection"] = True
    if spec is mdl.GUARD:
        m, u = mdl.GUARD_PROBABILITIES.get(level.label, (1.0, 1.0))
        out["m_probability"] = m
        out["u_probability"] = u
        out["fix_m_probability"] = True
        out["fix_u_probability"] = True
    return out


def _db_api(backend: Backend, spark: Any = None, temp_dir: str | None = None) -> Any:
    if backend == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        con = duckdb.connect(":memory:")
        con.execute("SET preserve_insertion_order = false")
        con.execute(f"SET memory_limit = '{_DUCKDB_MEMORY_LIMIT}'")
        if temp_dir is not None:
            con.execute(f"SET temp_directory = '{temp_dir}'")
        return DuckDBAPI(con)
    if backend == "spark":
        from splink import SparkAPI

        if spark is None:
            spark = local_spark_session()
        return SparkAPI(spark_session=spark)
    raise ValueError(f"unknown backend {backend!r}")


def local_spark_session(cores: int = 2) -> Any:
    """A Spark session in local mode, with Splink's similarity functions on the class path."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("zicht-link")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(cores * 4))
        .config("spark.default.parallelism", str(cores * 4))
        .config("spark.driver.memory", "4g")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.ansi.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="zicht-spark-"))
    return session


def _register(db_api: Any, frame: pd.DataFrame, backend: Backend, spark: Any) -> Any:
    if backend == "spark":
        from pyspark.sql.types import StringType, StructField, StructType

        schema = StructType([StructField(c, StringType(), True) for c in frame.columns])
        records = frame.astype(object).where(frame.notna(), None).values.tolist()
        sdf = db_api.spark.createDataFrame(records, schema=schema)
        return db_api.register(sdf)
    # a DuckDB table, not a view on the pandas frame: every query would read the Python
    # strings of the frame again
    db_api.duckdb_con.register("zicht_features_frame", frame)
    db_api.duckdb_con.execute("CREATE TABLE zicht_features AS SELECT * FROM zicht_features_frame")
    db_api.duckdb_con.unregister("zicht_features_frame")
    return db_api.register("zicht_features")


_M_FLOOR = 1e-3
_U_FLOOR = 1e-6


def _bounded(model: dict[str, Any]) -> dict[str, Any]:
    """Keep every trained m and u probability away from zero. Synthetic or very clean data
    can drive EM to m = 1e-30 for a level ("this never happens for a match"), which would let
    one field veto any match; the floors bound a single comparison's weight."""
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level") or level.get("fix_m_probability"):
                continue
            if level.get("m_probability") is not None:
                level["m_probability"] = max(level["m_probability"], _M_FLOOR)
            if level.get("u_probability") is not None:
                level["u_probability"] = max(level["u_probability"], _U_FLOOR)
    return model


def _train(
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

    linker = Linker(table, settings, log_level=_SPLINK_LOG_LEVEL)
    if deterministic:
        rules: list[Any] = list(deterministic)
        linker.training.estimate_probability_two_random_records_match(rules, recall=0.7)
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
            linker = Linker(table, copy.deepcopy(trained), log_level=_SPLINK_LOG_LEVEL)
    return _bounded(copy.deepcopy(trained))


@dataclass
class LinkageResult:
    """Clusters at several thresholds plus the trained model.

    ``clusters`` holds ``record_id``, ``source`` and one ``cluster_<threshold>`` column per
    threshold; :meth:`at` gives ``record_id, cluster_id`` at one threshold.
    """

    clusters: pd.DataFrame
    thresholds: tuple[float, ...]
    threshold: float
    model: dict[str, Any]
    n_pairs_scored: int = 0
    pairs: pd.DataFrame | None = field(default=None, repr=False)

    @staticmethod
    def column(threshold: float) -> str:
        return f"cluster_{threshold:g}"

    def at(self, threshold: float | None = None) -> pd.DataFrame:
        t = self.threshold if threshold is None else threshold
        return self.clusters[["record_id", self.column(t)]].rename(
            columns={self.column(t): "cluster_id"}
        )

    def unique_persons(self) -> dict[float, int]:
        return {t: int(self.clusters[self.column(t)].nunique()) for t in self.thresholds}

    def weights(self) -> pd.DataFrame:
        return weights_table(self.model)

    def save_model(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.model, indent=2), encoding="utf-8")


def _cluster_table(
    feats: pd.DataFrame, edges: pd.DataFrame, thresholds: Sequence[float]
) -> pd.DataFrame:
    """Connected components of the scored pairs at each threshold; the cluster id is the
    smallest record id in the cluster, so it does not depend on the backend."""
    ids = feats["unique_id"].astype(str).to_numpy()
    index = {rid: i for i, rid in enumerate(ids)}
    out = pd.DataFrame({"record_id": ids, "source": feats["source"].to_numpy()})
    left = edges["unique_id_l"].astype(str).map(index).to_numpy(dtype=np.int64)
    right = edges["unique_id_r"].astype(str).map(index).to_numpy(dtype=np.int64)
    prob = edges["match_probability"].to_numpy(dtype=float)
    order = np.argsort(ids, kind="stable")
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    for t in thresholds:
        keep = prob >= t
        graph = coo_matrix(
            (np.ones(int(keep.sum()), dtype=np.int8), (left[keep], right[keep])),
            shape=(len(ids), len(ids)),
        )
        _, labels = connected_components(graph, directed=False)
        # the cluster id is the smallest record id in the component
        smallest = np.full(labels.max() + 1 if len(labels) else 0, len(ids), dtype=np.int64)
        np.minimum.at(smallest, labels, rank)
        out[LinkageResult.column(t)] = ids[order[smallest[labels]]]
    return out


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
    feats = mdl.features(records)
    present = mdl.present_features(feats)
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
        db_api = _db_api(backend, spark, temp_dir)
        table = _register(db_api, feats, backend, spark)
        if model is not None:
            loaded = json.loads(Path(model).read_text()) if isinstance(model, str | Path) else model
        else:
            loaded = _train(
                table,
                settings
                or build_settings(present, blocking_rules=blocking_rules_for(feats, present)),
                mdl.rules_for(mdl.DETERMINISTIC_RULES, present)
                if deterministic is None
                else deterministic,
                mdl.rules_for(mdl.EM_BLOCKING_RULES, present) if em_rules is None else em_rules,
                seed,
                feats,
            )
        linker = Linker(table, copy.deepcopy(loaded), log_level=_SPLINK_LOG_LEVEL)
        predictions = linker.inference.predict(threshold_match_probability=min(all_thresholds))
        edges = predictions.as_pandas_dataframe()
        if backend == "duckdb":
            db_api.duckdb_con.close()
    edges = edges.sort_values(["unique_id_l", "unique_id_r"]).reset_index(drop=True)
    clusters = _cluster_table(feats, edges, all_thresholds)
    return LinkageResult(
        clusters=clusters,
        thresholds=all_thresholds,
        threshold=threshold,
        model=loaded,
        n_pairs_scored=len(edges),
        pairs=edges if keep_pairs else None,
    )


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


def capture_histories(
    clusters: pd.DataFrame, cluster_column: str = "cluster_id", source_column: str = "source"
) -> pd.DataFrame:
    """Capture histories for dark-number estimation: one row per pattern of sources, one 0/1
    column per source (sorted by name) and ``count``, the number of unique persons seen by
    exactly that set of sources."""
    frame = clusters[[cluster_column, source_column]].copy()
    frame[source_column] = frame[source_column].fillna("(unknown)").astype(str)
    sources = sorted(frame[source_column].unique())
    seen = pd.crosstab(frame[cluster_column], frame[source_column]).clip(upper=1)
    seen = seen.reindex(columns=sources, fill_value=0)
    histories = seen.groupby(sources).size().reset_index(name="count")
    histories = histories[histories[sources].sum(axis=1) > 0]
    return histories.sort_values(sources, ascending=False).reset_index(drop=True)


def pairwise_scores(predicted: Sequence[Any], truth: Sequence[Any]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering against true entity ids."""
    frame = pd.DataFrame({"p": list(predicted), "t": list(truth)})

    def pairs(sizes: pd.Series) -> int:
        s = sizes.to_numpy(dtype=np.int64)
        return int((s * (s - 1) // 2).sum())

    tp = pairs(frame.groupby(["p", "t"]).size())
    predicted_pairs = pairs(frame.groupby("p").size())
    true_pairs = pairs(frame.groupby("t").size())
    precision = tp / predicted_pairs if predicted_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "true_pairs": true_pairs,
        "predicted_pairs": predicted_pairs,
    }
