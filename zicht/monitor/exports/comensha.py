"""The CoMensha CSV: one row per unique presumed victim of the period with consent or a legal
basis recorded (``comensha.schema.json``); the left-out summary says how many were left out
and why."""

from __future__ import annotations

from zicht.casework.models import ActionKind
from zicht.monitor.codes import UNKNOWN
from zicht.monitor.exports.selection import (
    all_values,
    clean_age,
    minor_or_adult,
    person_key,
    select_persons,
    text_or_empty,
)
from zicht.monitor.figures import Scope, domestic_or_cross_border
from zicht.organisations.models import OrganisationType

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


def comensha_rows(scope: Scope) -> tuple[list[dict[str, str]], dict[str, int], list[int]]:
    chosen, left_out, frame = select_persons(scope)
    rows = []
    for record in chosen.itertuples():
        age = clean_age(record.age)
        forms = all_values(frame, record.cluster, "forms") or [UNKNOWN]
        sectors = all_values(frame, record.cluster, "sectors")
        rows.append(
            {
                "person_key": person_key(scope.region.code, record.cluster),
                "registration_date": record.received_at.date().isoformat(),
                "reporter_type": _reporter_type(record.org_type, record.source),
                "reporting_region": f"{record.police_unit_code} {record.police_unit_name}",
                "sex": record.sex,
                "birth_date": record.birth_date.isoformat() if record.birth_date else "",
                "age": "" if age is None else str(age),
                "minor_or_adult": minor_or_adult(age),
                "nationality": text_or_empty(record.nationality) or UNKNOWN,
                "country_of_origin": UNKNOWN,
                "exploitation_forms": ";".join(forms),
                "exploitation_sectors": ";".join(sectors),
                "dossier_type": _dossier_type(record.actions),
                "consent_or_legal_basis": record.basis,
                "domestic_or_cross_border": domestic_or_cross_border(
                    text_or_empty(record.nationality)
                ),
            }
        )
    return rows, left_out, [int(p) for p in chosen["person_id"]] if len(chosen) else []
