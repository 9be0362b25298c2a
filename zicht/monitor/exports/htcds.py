"""HTCDS 2.0 as JSON and CSV: the persons of the CoMensha export, with victim context
(trafficking status, methods of control, type of exploitation), case status and the
assistance of the person's care trajectory (support plan, providers, reflection period)
(``htcds.schema.json``, ``htcds-csv.schema.json``)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from django.utils import timezone

from zicht.care.models import CareTrajectory, ProviderInvolvement, ReflectionPeriod, SupportGoal
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
    "care_status",
    "date_referred_to_care",
    "date_care_started",
    "care_outcome",
    "support_plan",
    "providers_involved",
    "reflection_period_granted",
    "reflection_period_start",
    "reflection_period_end",
]


def _case_status(status: str, reason: str) -> str:
    if status == Status.CLOSED:
        return "Closed Referred" if reason in ClosureReason.referred() else "Closed"
    if status == Status.FOLLOW_UP:
        return "Follow Up"
    return "Active"


def _day(moment) -> str | None:
    return None if moment is None else timezone.localtime(moment).date().isoformat()


def assistance(person_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The assistance of each person's care trajectory, by involved-person id: its stage and
    dates, the support plan's goals (domain, status, due date; not their text), the providers
    involved (their kind and the legal basis of what they are told; not their name, which
    could tell where a victim is sheltered) and the B8/3 reflection period. Only for the
    records an export holds: the caller passes the persons its legal-basis rules chose."""
    found = {
        t.person_id: t for t in CareTrajectory.objects.filter(person__in=person_ids).order_by()
    }
    ids = [t.pk for t in found.values()]
    goals: dict[int, list[dict[str, str]]] = {}
    for trajectory_id, domain, status, due_on in (
        SupportGoal.objects.filter(trajectory__in=ids)
        .order_by("trajectory", "due_on", "pk")
        .values_list("trajectory", "domain", "status", "due_on")
    ):
        goals.setdefault(trajectory_id, []).append(
            {"domain": domain, "status": status, "due_date": due_on.isoformat()}
        )
    providers: dict[int, list[dict[str, str]]] = {}
    for trajectory_id, kind, basis in (
        ProviderInvolvement.objects.filter(trajectory__in=ids)
        .order_by("trajectory", "recorded_at", "pk")
        .values_list("trajectory", "provider__type", "legal_basis")
    ):
        providers.setdefault(trajectory_id, []).append(
            {"provider_type": kind, "legal_basis": basis}
        )
    periods = {p.trajectory_id: p for p in ReflectionPeriod.objects.filter(trajectory__in=ids)}
    result = {}
    for person_id, t in found.items():
        period = periods.get(t.pk)
        result[person_id] = {
            "care_status": t.status,
            "date_referred": _day(t.opened_at),
            "date_care_started": _day(t.care_started_at),
            "date_closed": _day(t.closed_at),
            "outcome": t.outcome or None,
            "support_plan": goals.get(t.pk, []),
            "providers": providers.get(t.pk, []),
            "reflection_period": {
                "granted": period is not None,
                "start_date": period.starts_on.isoformat() if period else None,
                "end_date": period.ends_on.isoformat() if period else None,
                "police_report": period.police_report if period else None,
            },
        }
    return result


def htcds_records(scope: Scope) -> tuple[list[dict[str, Any]], dict[str, int], list[int]]:
    chosen, left_out, frame = select_persons(scope)
    exported = [int(p) for p in chosen["person_id"]] if len(chosen) else []
    care = assistance(exported)
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
                "assistance": care.get(int(record.person_id)),
            }
        )
    return records, left_out, exported


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
        flat.update(_assistance_cells(r["assistance"]))
        rows.append({column: cell(flat.get(column)) for column in HTCDS_CSV_COLUMNS})
    return rows


def _assistance_cells(help_: dict[str, Any] | None) -> dict[str, Any]:
    """The assistance flattened: goals as domain:status, providers as kind:legal basis."""
    if help_ is None:
        return {}
    period = help_["reflection_period"]
    return {
        "care_status": help_["care_status"],
        "date_referred_to_care": help_["date_referred"],
        "date_care_started": help_["date_care_started"],
        "care_outcome": help_["outcome"],
        "support_plan": [f"{g['domain']}:{g['status']}" for g in help_["support_plan"]],
        "providers_involved": [
            f"{p['provider_type']}:{p['legal_basis']}" for p in help_["providers"]
        ],
        "reflection_period_granted": period["granted"],
        "reflection_period_start": period["start_date"],
        "reflection_period_end": period["end_date"],
    }
