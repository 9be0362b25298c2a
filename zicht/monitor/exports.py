"""Exports of the monitor (docs/monitor.md, schemas in zicht/monitor/schemas/).

- **CoMensha** CSV: one row per unique presumed victim of the period with consent or a
  legal basis recorded; ``comensha-left-out`` says how many were left out and why.
- **HTCDS 2.0** JSON and CSV: the same persons, with victim context (trafficking status,
  methods of control, type of exploitation) and case status.
- **CTDC** aggregate CSV: unique persons per year, sex, age band, minor/adult, nationality
  group and exploitation form; groups under k = 11 are not published.

The views log every download (AccessAction.EXPORT) with the persons it contains.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings

from zicht.casework.models import ActionKind, FollowUpAction
from zicht.casework.workflow import ClosureReason, Status
from zicht.intake.vocabulary import INDICATORS
from zicht.monitor.figures import (
    UNKNOWN,
    Scope,
    age_at,
    age_band,
    domestic_or_cross_border,
    nationality_group,
    presumed_victims,
)
from zicht.monitor.models import BasisKind, DisclosureBasis
from zicht.organisations.models import OrganisationType

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
CTDC_K = 11

CONTROL_BY_INDICATOR = {indicator.code: indicator.htcds_control for indicator in INDICATORS}
HTCDS_EXPLOITATION = {
    "sexual": "sexual_exploitation",
    "labour": "forced_labour",
    "criminal": "forced_criminal_activity",
    "organ_removal": "organ_removal",
    "other": "other",
    "unknown": "unknown",
}
REPORTER_BY_ORGANISATION: dict[str, str] = {
    OrganisationType.POLICE: "NP",
    OrganisationType.KMAR: "KMar",
    OrganisationType.LABOUR_INSPECTORATE: "NLA",
    OrganisationType.REGIONAL_HUB: "care_coordination",
}
REPORTER_BY_SOURCE = {
    "police": "NP",
    "kmar": "KMar",
    "labour_inspectorate": "NLA",
    "regional_hub": "care_coordination",
}
COMENSHA_COLUMNS = [
    "person_key",
    "registration_date",
    "reporter_type",
    "reporting_region",
    "sex",
    "birth_date",
    "age",
    "minor_or_adult",
    "nationality",
    "country_of_origin",
    "exploitation_forms",
    "exploitation_sectors",
    "dossier_type",
    "consent_or_legal_basis",
    "domestic_or_cross_border",
]
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
CTDC_COLUMNS = [
    "year",
    "gender",
    "age_band",
    "minor_or_adult",
    "nationality_group",
    "exploitation",
    "count",
]
LEFT_OUT_REASONS = {
    "no_basis": "no consent or legal basis recorded",
    "consent_age": "consent recorded does not fit the person's age (own consent under 16,"
    " or a guardian's for someone 16 or older)",
}


@dataclass
class ExportResult:
    content: str
    rows: int
    person_ids: list[int] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)


def person_key(region_code: str, cluster: str) -> str:
    """A stable pseudonym of a unique person for exchange (not reversible without the key)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{region_code}:{cluster}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:16]


def _records(scope: Scope) -> pd.DataFrame:
    """Every presumed-victim record of the scope with what the exports need (one query,
    plus one for the clusters, one for the actions, one for the bases)."""
    from zicht.linkage.models import PersonCluster
    from zicht.monitor.figures import latest_run

    victims = presumed_victims(scope)
    columns = {
        "person_id": "pk",
        "sex": "sex",
        "birth_date": "birth_date",
        "nationality": "nationality",
        "received_at": "report__received_at",
        "source": "report__source",
        "org_type": "report__reporting_organisation__type",
        "forms": "report__exploitation_forms",
        "sectors": "report__sectors",
        "indicators": "report__indicators",
        "police_unit_code": "report__municipality__police_unit_code",
        "police_unit_name": "report__municipality__police_unit_name",
        "case_id": "report__case_id",
        "case_opened": "report__case__opened_at",
        "case_status": "report__case__status",
        "case_closed": "report__case__closed_at",
        "closure_reason": "report__case__closure_reason",
    }
    frame = pd.DataFrame(list(victims.values_list(*columns.values())), columns=list(columns))
    run = latest_run(scope.region)
    clusters = {}
    if run is not None:
        clusters = dict(
            PersonCluster.objects.filter(run=run, person__in=victims.values("pk")).values_list(
                "person_id", "cluster_id"
            )
        )
    frame["cluster"] = [clusters.get(pk, f"p{pk}") for pk in frame["person_id"]]
    bases = dict(
        DisclosureBasis.objects.filter(person__in=victims.values("pk")).values_list(
            "person_id", "basis"
        )
    )
    frame["basis"] = [bases.get(pk) for pk in frame["person_id"]]
    actions: dict[int, list[tuple[str, str]]] = {}
    for case_id, kind, status in FollowUpAction.objects.filter(
        case__in=frame["case_id"].dropna().astype(int).tolist()
    ).values_list("case_id", "kind", "status"):
        actions.setdefault(case_id, []).append((kind, status))
    frame["actions"] = [actions.get(c, []) for c in frame["case_id"]]
    frame["age"] = [
        age_at(b, r.date()) for b, r in zip(frame["birth_date"], frame["received_at"], strict=True)
    ]
    return frame.sort_values(["received_at", "person_id"]).reset_index(drop=True)


def _basis_valid(basis: str | None, age: int | None) -> str | None:
    """None when valid, else the reason it cannot be used."""
    if not basis:
        return "no_basis"
    if basis == BasisKind.CONSENT_PERSON and age is not None and age < 16:
        return "consent_age"
    if basis == BasisKind.CONSENT_GUARDIAN and age is not None and age >= 16:
        return "consent_age"
    return None


def _selected(scope: Scope) -> tuple[pd.DataFrame, dict[str, int], pd.DataFrame]:
    """Per unique person the first record with a usable basis; and the count left out per
    reason (a person counts once, under the reason of their first record)."""
    frame = _records(scope)
    if frame.empty:
        return frame, {}, frame
    frame["problem"] = [
        _basis_valid(b if isinstance(b, str) else None, a)
        for b, a in zip(frame["basis"], frame["age"], strict=True)
    ]
    usable = frame[frame["problem"].isna()]
    chosen = usable.groupby("cluster", sort=False).head(1)
    rest = frame[~frame["cluster"].isin(set(chosen["cluster"]))]
    reasons = rest.groupby("cluster", sort=False).head(1)["problem"].value_counts().to_dict()
    return chosen.reset_index(drop=True), {k: int(v) for k, v in reasons.items()}, frame


def _person_all(frame: pd.DataFrame, cluster: str, column: str) -> list[str]:
    values: set[str] = set()
    for items in frame.loc[frame["cluster"] == cluster, column]:
        values.update(items or [])
    return sorted(values)


def _dossier_type(actions: list[tuple[str, str]]) -> str:
    kinds = {kind for kind, _status in actions}
    if ActionKind.SHELTER in kinds:
        return "with_shelter"
    if ActionKind.ADVICE in kinds:
        return "information_and_advice"
    return "registration_only"


def _reporter_type(org_type: str | None, source: str) -> str:
    if isinstance(org_type, str) and org_type in REPORTER_BY_ORGANISATION:
        return REPORTER_BY_ORGANISATION[org_type]
    return REPORTER_BY_SOURCE.get(source, "other")


def _minor(age: int | None) -> str:
    if age is None or pd.isna(age):
        return UNKNOWN
    return "minor" if age < 18 else "adult"


def _clean_age(age) -> int | None:
    return None if age is None or pd.isna(age) else int(age)


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def comensha_rows(scope: Scope) -> tuple[list[dict[str, str]], dict[str, int], list[int]]:
    chosen, left_out, frame = _selected(scope)
    rows = []
    for record in chosen.itertuples():
        age = _clean_age(record.age)
        forms = _person_all(frame, record.cluster, "forms") or [UNKNOWN]
        sectors = _person_all(frame, record.cluster, "sectors")
        rows.append(
            {
                "person_key": person_key(scope.region.code, record.cluster),
                "registration_date": record.received_at.date().isoformat(),
                "reporter_type": _reporter_type(record.org_type, record.source),
                "reporting_region": f"{record.police_unit_code} {record.police_unit_name}",
                "sex": record.sex,
                "birth_date": record.birth_date.isoformat() if record.birth_date else "",
                "age": "" if age is None else str(age),
                "minor_or_adult": _minor(age),
                "nationality": _text(record.nationality) or UNKNOWN,
                "country_of_origin": UNKNOWN,
                "exploitation_forms": ";".join(forms),
                "exploitation_sectors": ";".join(sectors),
                "dossier_type": _dossier_type(record.actions),
                "consent_or_legal_basis": record.basis,
                "domestic_or_cross_border": domestic_or_cross_border(_text(record.nationality)),
            }
        )
    return rows, left_out, [int(p) for p in chosen["person_id"]] if len(chosen) else []


def _case_status(status: str, reason: str) -> str:
    if status == Status.CLOSED:
        return "Closed Referred" if reason in ClosureReason.referred() else "Closed"
    if status == Status.FOLLOW_UP:
        return "Follow Up"
    return "Active"


def htcds_records(scope: Scope) -> tuple[list[dict[str, Any]], dict[str, int], list[int]]:
    chosen, left_out, frame = _selected(scope)
    records = []
    for record in chosen.itertuples():
        age = _clean_age(record.age)
        indicators = _person_all(frame, record.cluster, "indicators")
        controls = sorted(
            {CONTROL_BY_INDICATOR[c] for c in indicators if c in CONTROL_BY_INDICATOR}
        )
        forms = _person_all(frame, record.cluster, "forms") or [UNKNOWN]
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
                    "citizenship": _text(record.nationality) or None,
                },
                "victim_context": {
                    "trafficking_status": "possible",
                    "type_of_exploitation": [HTCDS_EXPLOITATION.get(f, "other") for f in forms],
                    "methods_of_control": controls,
                    "industry_sectors": _person_all(frame, record.cluster, "sectors"),
                },
                "case": {
                    "case_id": f"C-{record.case_opened:%Y}-{case_id:06d}" if case_id else None,
                    "case_status": _case_status(record.case_status, _text(record.closure_reason)),
                    "date_opened": record.case_opened.date().isoformat() if case_id else None,
                    "date_closed": record.case_closed.date().isoformat()
                    if case_id and not pd.isna(record.case_closed)
                    else None,
                    "closure_reason": _text(record.closure_reason) or None,
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


def ctdc_rows(scope: Scope) -> tuple[list[dict[str, Any]], int]:
    """Unique persons per group; groups under k = 11 left out. Returns the rows and the
    number of groups left out."""
    frame = _records(scope)
    if frame.empty:
        return [], 0
    first = frame.groupby("cluster", sort=False).head(1).copy()
    forms = {
        cluster: _person_all(frame, cluster, "forms") or [UNKNOWN] for cluster in first["cluster"]
    }
    first["year"] = [r.year for r in first["received_at"]]
    first["gender"] = first["sex"]
    first["age"] = [_clean_age(a) for a in first["age"]]
    first["age_band"] = [age_band(a) for a in first["age"]]
    first["minor_or_adult"] = [_minor(a) for a in first["age"]]
    first["nationality_group"] = [nationality_group(_text(c)) for c in first["nationality"]]
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


def build(kind: str, scope: Scope) -> ExportResult:
    if kind == "comensha":
        rows, left_out, ids = comensha_rows(scope)
        return ExportResult(_to_csv(COMENSHA_COLUMNS, rows), len(rows), ids, left_out)
    if kind == "comensha-left-out":
        rows, left_out, _ids = comensha_rows(scope)
        summary = [
            {"reason": code, "description": LEFT_OUT_REASONS[code], "persons": n}
            for code, n in sorted(left_out.items())
        ]
        summary.append({"reason": "exported", "description": "exported", "persons": len(rows)})
        return ExportResult(
            _to_csv(["reason", "description", "persons"], summary), len(summary), [], left_out
        )
    if kind == "htcds-json":
        records, left_out, ids = htcds_records(scope)
        return ExportResult(json.dumps(records, indent=2), len(records), ids, left_out)
    if kind == "htcds-csv":
        records, left_out, ids = htcds_records(scope)
        rows = htcds_csv_rows(records)
        return ExportResult(_to_csv(HTCDS_CSV_COLUMNS, rows), len(rows), ids, left_out)
    if kind == "ctdc":
        rows, suppressed = ctdc_rows(scope)
        left = {"groups_below_k": suppressed} if suppressed else {}
        return ExportResult(_to_csv(CTDC_COLUMNS, rows), len(rows), [], left)
    raise ValueError(kind)


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
