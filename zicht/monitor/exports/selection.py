"""Which presumed victims an export holds: every presumed-victim record of the period with
its unique person, disclosure basis and case (:func:`records_frame`), and per unique person
the first record with a basis that may be used (:func:`select_persons`); the cell helpers
the formats share."""

from __future__ import annotations

import hashlib
import hmac

import pandas as pd
from django.conf import settings
from django.utils.translation import gettext_lazy

from zicht.casework.models import FollowUpAction
from zicht.linkage.models import PersonCluster
from zicht.monitor.codes import UNKNOWN
from zicht.monitor.figures import Scope, age_at, presumed_victims
from zicht.monitor.models import BasisKind, DisclosureBasis
from zicht.monitor.victim_records import latest_run

LEFT_OUT_REASONS = {
    "no_basis": gettext_lazy("no consent or legal basis recorded"),
    "consent_age": gettext_lazy(
        "the consent recorded does not fit the person's age (own consent under 16, or a"
        " guardian's for someone 16 or older)"
    ),
}


def person_key(region_code: str, cluster: str) -> str:
    """A stable pseudonym of a unique person for exchange (not reversible without the key)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{region_code}:{cluster}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:16]


def records_frame(scope: Scope) -> pd.DataFrame:
    """Every presumed-victim record of the scope with what the exports need (one query,
    plus one for the clusters, one for the actions, one for the bases)."""
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


def select_persons(scope: Scope) -> tuple[pd.DataFrame, dict[str, int], pd.DataFrame]:
    """Per unique person the first record with a usable basis; and the count left out per
    reason (a person counts once, under the reason of their first record)."""
    frame = records_frame(scope)
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


def all_values(frame: pd.DataFrame, cluster: str, column: str) -> list[str]:
    values: set[str] = set()
    for items in frame.loc[frame["cluster"] == cluster, column]:
        values.update(items or [])
    return sorted(values)


def minor_or_adult(age: int | None) -> str:
    if age is None or pd.isna(age):
        return UNKNOWN
    return "minor" if age < 18 else "adult"


def clean_age(age) -> int | None:
    return None if age is None or pd.isna(age) else int(age)


def text_or_empty(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
