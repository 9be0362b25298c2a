"""The CTDC-style aggregate CSV: unique persons per year, sex, age band, minor/adult,
nationality group and exploitation form; groups under k = 11 are not published
(``ctdc.schema.json``)."""

from __future__ import annotations

from typing import Any

from zicht.monitor.codes import UNKNOWN
from zicht.monitor.exports.selection import (
    all_values,
    clean_age,
    minor_or_adult,
    records_frame,
    text_or_empty,
)
from zicht.monitor.figures import Scope, age_band, nationality_group

CTDC_K = 11

CTDC_COLUMNS = [
    "year",
    "gender",
    "age_band",
    "minor_or_adult",
    "nationality_group",
    "exploitation",
    "count",
]


def ctdc_rows(scope: Scope) -> tuple[list[dict[str, Any]], int]:
    """Unique persons per group; groups under k = 11 left out. Returns the rows and the
    number of groups left out."""
    frame = records_frame(scope)
    if frame.empty:
        return [], 0
    first = frame.groupby("cluster", sort=False).head(1).copy()
    forms = {
        cluster: all_values(frame, cluster, "forms") or [UNKNOWN] for cluster in first["cluster"]
    }
    first["year"] = [r.year for r in first["received_at"]]
    first["gender"] = first["sex"]
    first["age"] = [clean_age(a) for a in first["age"]]
    first["age_band"] = [age_band(a) for a in first["age"]]
    first["minor_or_adult"] = [minor_or_adult(a) for a in first["age"]]
    first["nationality_group"] = [nationality_group(text_or_empty(c)) for c in first["nationality"]]
    first["exploitation"] = [
        forms[c][0] if len(forms[c]) == 1 else "multiple" for c in first["cluster"]
    ]
    keys = CTDC_COLUMNS[:-1]
    groups = first.groupby(keys).size().reset_index(name="count")
    kept = groups[groups["count"] >= CTDC_K]
    rows = [
        {**{k: (int(v) if k == "year" else str(v)) for k, v in row.items() if k != "count"},
         "count": int(row["count"])}
        for row in kept.to_dict("records")
    ]  # fmt: skip
    return rows, int(len(groups) - len(kept))
