"""HTCDS 2.0 as JSON and CSV: the persons of the CoMensha export, with victim context
(trafficking status, methods of control, type of exploitation) and case status
(``htcds.schema.json``, ``htcds-csv.schema.json``)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from zicht.casework.workflow import ClosureReason, Status
from zicht.intake.vocabulary import INDICATORS
from zicht.monitor.codes import UNKNOWN
from zicht.monitor.exports.selection import (
    all_values,
    clean_age,
    person_key,
    select_persons,
    text_or_empty,
)
from zicht.monitor.figures import Scope, age_band

CONTROL_BY_INDICATOR = {indicator.code: indicator.htcds_control for indicator in INDICATORS}
HTCDS_EXPLOITATION = {
    "sexual": "sexual_exploitation",
    "labour": "forced_labour",
    "criminal": "forced_criminal_activity",
    "organ_removal": "organ_removal",
    "other": "other",
    "unknown": "unknown",
}


HTCDS_CSV_COLUMNS = [
    "person_id",
    "gender",
    "year_of_birth",
    "age_at_registration",
    "age_band",
    "is_minor",
    "citizenship",
    "trafficking_status",
    "type_of_exploitation",
    "methods_of_control",
    "industry_sectors",
    "case_id",
    "case_status",
    "date_opened",
    "date_closed",
    "closure_reason",
    "referrals",
    "consent",
]


def _case_status(status: str, reason: str) -> str:
    if status == Status.CLOSED:
        return "Closed Referred" if reason in ClosureReason.referred() else "Closed"
    if status == Status.FOLLOW_UP:
        return "Follow Up"
    return "Active"


def htcds_records(scope: Scope) -> tuple[list[dict[str, Any]], dict[str, int], list[int]]:
    chosen, left_out, frame = select_persons(scope)
    records = []
    for record in chosen.itertuples():
        age = clean_age(record.age)
        indicators = all_values(frame, record.cluster, "indicators")
        controls = sorted(
            {CONTROL_BY_INDICATOR[c] for c in indicators if c in CONTROL_BY_INDICATOR}
        )
        forms = all_values(frame, record.cluster, "forms") or [UNKNOWN]
        case_id = None if pd.isna(record.case_id) else int(record.case_id)
        records.append(
            {
                "person": {
                    "person_id": person_key(scope.region.code, record.cluster),
                    "gender": record.sex,
                    "year_of_birth": record.birth_date.year if record.birth_date else None,
                    "age_at_registration": age,
                    "age_band": age_band(age),
                    "is_minor": None if age is None else age < 18,
                    "citizenship": text_or_empty(record.nationality) or None,
                },
                "victim_context": {
                    "trafficking_status": "possible",
                    "type_of_exploitation": [HTCDS_EXPLOITATION.get(f, "other") for f in forms],
                    "methods_of_control": controls,
                    "industry_sectors": all_values(frame, record.cluster, "sectors"),
                },
                "case": {
                    "case_id": f"C-{record.case_opened:%Y}-{case_id:06d}" if case_id else None,
                    "case_status": _case_status(
                        record.case_status, text_or_empty(record.closure_reason)
                    ),
                    "date_opened": record.case_opened.date().isoformat() if case_id else None,
                    "date_closed": record.case_closed.date().isoformat()
                    if case_id and not pd.isna(record.case_closed)
                    else None,
                    "closure_reason": text_or_empty(record.closure_reason) or None,
                },
                "referrals": [{"kind": k, "status": s} for k, s in record.actions],
                "consent": {"basis": record.basis, "given": True},
            }
        )
    return records, left_out, [int(p) for p in chosen["person_id"]] if len(chosen) else []


def htcds_csv_rows(records: list[dict[str, Any]]) -> list[dict[str, str]]:
    def cell(value) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list):
            return ";".join(str(v) for v in value)
        return str(value)

    rows = []
    for r in records:
        flat = {**r["person"], **r["victim_context"], **r["case"]}
        flat["referrals"] = [f"{x['kind']}:{x['status']}" for x in r["referrals"]]
        flat["consent"] = r["consent"]["basis"]
        rows.append({column: cell(flat.get(column)) for column in HTCDS_CSV_COLUMNS})
    return rows
