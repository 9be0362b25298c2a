"""Clusters of records (unique persons) at several thresholds, and what is read from them:
capture histories for the dark number and pairwise scores against a known truth."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from zicht.matching.training import weights_table


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


def cluster_table(
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
