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
    #: the threshold that maximises the model's expected F1 (used when none was given)
    derived_threshold: float | None = None

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


#: A merge of two groups of records through a single link (a bridge) is kept only if the
#: average match probability over all pairs between the two groups reaches this
#: (docs/linkage.md, "Clustering that resists chaining"); 0 keeps every bridge.
DEFAULT_BRIDGE_SUPPORT = 0.3
#: ... and only where both groups have at least this many records: a single record joined
#: by one link is not a merge of two clusters.
BRIDGE_MIN_SIDE = 2
#: A record alone in its cluster joins its most probable partner's cluster from this match
#: probability on (:func:`attach_single_records`).
DEFAULT_ATTACH = 0.1


def _components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _bridges(nodes: list[int], adjacency: dict[int, list[tuple[int, int]]]):
    """Bridges of one connected component: (edge number, the records on the far side),
    by an iterative depth-first search (Tarjan's low-link)."""
    pre: dict[int, int] = {}
    low: dict[int, int] = {}
    order: list[int] = []
    root = nodes[0]
    stack = [(root, -1, iter(adjacency[root]))]
    pre[root] = low[root] = 0
    order.append(root)
    size: dict[int, int] = {root: 1}
    found = []
    while stack:
        node, via, neighbours = stack[-1]
        advanced = False
        for other, edge in neighbours:
            if edge == via:
                continue
            if other in pre:
                low[node] = min(low[node], pre[other])
                continue
            pre[other] = low[other] = len(order)
            order.append(other)
            size[other] = 1
            stack.append((other, edge, iter(adjacency[other])))
            advanced = True
            break
        if advanced:
            continue
        stack.pop()
        if stack:
            parent = stack[-1][0]
            low[parent] = min(low[parent], low[node])
            size[parent] += size[node]
            if low[node] > pre[parent]:
                found.append((via, order[pre[node] : pre[node] + size[node]]))
    return found


def split_weak_bridges(
    n: int,
    left: np.ndarray,
    right: np.ndarray,
    prob: np.ndarray,
    threshold: float,
    support: float = DEFAULT_BRIDGE_SUPPORT,
) -> np.ndarray:
    """Which links at or above ``threshold`` to keep: all but the bridges that join two
    groups of at least :data:`BRIDGE_MIN_SIDE` records each while the pairs between the
    groups (every scored pair, a pair never compared counting as 0) have an average match
    probability below ``support``. One wrong link then no longer fuses two persons'
    clusters; a second path between them, or most of their pairs agreeing, keeps them one."""
    keep = prob >= threshold
    if support <= 0 or not keep.any():
        return keep
    labels = _components(n, left[keep], right[keep])
    sizes = np.bincount(labels, minlength=n)
    big = sizes[labels] >= 2 * BRIDGE_MIN_SIDE
    linked = np.flatnonzero(keep & big[left])
    if not len(linked):
        return keep
    adjacency: dict[int, list[tuple[int, int]]] = {}
    for e in linked.tolist():
        a, b = int(left[e]), int(right[e])
        adjacency.setdefault(a, []).append((b, e))
        adjacency.setdefault(b, []).append((a, e))
    # every scored pair inside a large component, for the support between two groups
    inside = np.flatnonzero(big[left] & (labels[left] == labels[right]))
    by_component: dict[int, np.ndarray] = {}
    order = np.argsort(labels[left[inside]], kind="stable")
    inside = inside[order]
    bounds = np.flatnonzero(np.diff(labels[left[inside]])) + 1
    for chunk in np.split(inside, bounds):
        if len(chunk):
            by_component[int(labels[left[chunk[0]]])] = chunk
    members: dict[int, list[int]] = {}
    for node in adjacency:
        members.setdefault(int(labels[node]), []).append(node)
    side = np.zeros(n, dtype=bool)
    for component, nodes in members.items():
        edges = by_component[component]
        for edge, far in _bridges(nodes, adjacency):
            near_count = len(nodes) - len(far)
            if min(near_count, len(far)) < BRIDGE_MIN_SIDE:
                continue
            side[far] = True
            across = side[left[edges]] != side[right[edges]]
            side[far] = False
            mean = prob[edges[across]].sum() / (near_count * len(far))
            if mean < support:
                keep[edge] = False
    return keep


def attach_single_records(
    labels: np.ndarray, left: np.ndarray, right: np.ndarray, prob: np.ndarray, lowest: float
) -> np.ndarray:
    """Cluster labels after each record that is alone in its cluster joins the cluster of
    its most probable partner, if that pair reaches ``lowest``. Only single records join
    (each once), so a link below the threshold never fuses two groups: a record with a name
    and nothing else to compare, most often a date of birth missing on one side, joins the
    person it most likely is."""
    labels = labels.copy()
    size = np.bincount(labels, minlength=len(labels))
    candidates = np.flatnonzero((prob >= lowest) & (labels[left] != labels[right]))
    candidates = candidates[np.argsort(-prob[candidates], kind="stable")]
    alone = size[labels] == 1
    for e in candidates.tolist():
        a, b = int(left[e]), int(right[e])
        if alone[a] and (not alone[b] or a > b):
            single, other = a, b
        elif alone[b]:
            single, other = b, a
        else:
            continue
        alone[single] = False
        alone[other] = False
        labels[single] = labels[other]
    return labels


def cluster_table(
    feats: pd.DataFrame,
    edges: pd.DataFrame,
    thresholds: Sequence[float],
    bridge_support: float = DEFAULT_BRIDGE_SUPPORT,
    attach: float | None = DEFAULT_ATTACH,
) -> pd.DataFrame:
    """Clusters at each threshold: connected components of the pairs at or above it, after
    the weak bridges between groups are cut (:func:`split_weak_bridges`), then single records
    attached down to ``attach`` (:func:`attach_single_records`; None: not at all); the
    cluster id is the smallest record id in the cluster, so it does not depend on the
    backend."""
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
        keep = split_weak_bridges(len(ids), left, right, prob, t, bridge_support)
        labels = _components(len(ids), left[keep], right[keep])
        if attach is not None and attach < t:
            labels = attach_single_records(labels, left, right, prob, attach)
        # the cluster id is the smallest record id in the component
        smallest = np.full(labels.max() + 1 if len(labels) else 0, len(ids), dtype=np.int64)
        np.minimum.at(smallest, labels, rank)
        out[LinkageResult.column(t)] = ids[order[smallest[labels]]]
    return out


def expected_f1_threshold(prob: np.ndarray, lowest: float = 0.05, highest: float = 0.99) -> float:
    """The threshold the model itself would choose: the one that maximises the expected
    pairwise F1 if the match probabilities of the scored pairs are taken at their word
    (expected true pairs = the sum of all probabilities; expected true positives above t = the
    sum of the probabilities above t), on a grid of hundredths."""
    p = np.sort(np.asarray(prob, dtype=float))[::-1]
    if not len(p):
        return lowest
    expected_true = p.sum()
    cumulative = np.cumsum(p)
    best, best_f1 = lowest, -1.0
    for t in np.round(np.arange(lowest, highest + 1e-9, 0.01), 2):
        k = int(np.searchsorted(-p, -t, side="right"))  # pairs at or above t
        if k == 0:
            continue
        f1 = 2 * cumulative[k - 1] / (k + expected_true)
        if f1 > best_f1 + 1e-12:
            best, best_f1 = float(t), f1
    return best


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
