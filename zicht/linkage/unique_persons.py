"""Batch linkage of a region's involved persons into unique persons.

Feeds the persons of every report of the region to the same Splink deduplication
the `zicht-link` command uses (model trained on the region's own data) and stores
the clusters, so that the monitor counts people rather than mentions and the
dark-number estimate gets its capture histories. The monitor runs it together with the
rebuild of its victim records (zicht/monitor/unique_persons.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.db import transaction

from zicht.intake.models import InvolvedPerson
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.matching.batch import DEFAULT_THRESHOLD, dedupe
from zicht.organisations.models import Region

COLUMNS = {
    "pk": "record_id",
    "first_name": "first_name",
    "last_name": "last_name",
    "birth_date": "birth_date",
    "sex": "sex",
    "nationality": "nationality",
    "phone": "phone",
    "street": "street",
    "house_number": "house_number",
    "postcode": "postcode",
    "city": "city",
}


def person_frame(region: Region) -> pd.DataFrame:
    """The region's involved persons in the linkage input format; `source` is the
    registering organisation (or the report's source when there is none)."""
    rows = InvolvedPerson.objects.filter(report__case__region=region).values(
        *COLUMNS, "report__reporting_organisation_id", "report__source"
    )
    columns = [*COLUMNS, "report__reporting_organisation_id", "report__source"]
    frame = pd.DataFrame.from_records(list(rows), columns=columns)
    frame = frame.rename(
        columns={
            **COLUMNS,
            "report__reporting_organisation_id": "org",
            "report__source": "report_source",
        }
    )
    frame["source"] = [
        f"org:{int(org)}" if pd.notna(org) else f"source:{source}"
        for org, source in zip(frame.pop("org"), frame.pop("report_source"), strict=True)
    ]
    frame["record_id"] = frame["record_id"].astype(str)
    frame["birth_date"] = frame["birth_date"].map(lambda d: d.isoformat() if d else "")
    frame["sex"] = frame["sex"].replace({"unknown": ""})
    return frame.fillna("")


@dataclass(frozen=True)
class RegionClusters:
    """A region's persons grouped into unique persons, not yet stored."""

    region: Region
    threshold: float
    record_count: int
    clusters: pd.DataFrame  # record_id, cluster_id
    model: dict[str, Any]


def cluster_region(region: Region, *, threshold: float | None = None) -> RegionClusters:
    """Link the region's persons (the slow part: no transaction is open meanwhile). Without
    a threshold, the trained model's own (expected-F1) threshold is used."""
    frame = person_frame(region)
    if len(frame) >= 2:
        result = dedupe(frame, threshold=threshold)
        threshold = result.threshold
        clusters = result.at(threshold)
        model = result.model
    else:
        threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        clusters = pd.DataFrame({"record_id": frame["record_id"], "cluster_id": frame["record_id"]})
        model = {}
    return RegionClusters(region, threshold, len(frame), clusters, model)


@transaction.atomic
def store_run(linked: RegionClusters) -> LinkageRun:
    """Store the clusters as the region's latest linkage run."""
    run = LinkageRun.objects.create(
        region=linked.region,
        threshold=linked.threshold,
        record_count=linked.record_count,
        cluster_count=int(linked.clusters["cluster_id"].nunique()),
        model=linked.model,
    )
    PersonCluster.objects.bulk_create(
        [
            PersonCluster(run=run, person_id=int(record_id), cluster_id=str(cluster_id))
            for record_id, cluster_id in linked.clusters.itertuples(index=False)
        ],
        batch_size=5000,
    )
    return run


def link_region(region: Region, *, threshold: float | None = None) -> LinkageRun:
    """Link the region's persons and store the run. The monitor's figures read the run through
    its victim records: zicht.monitor.unique_persons.rebuild_unique_persons does both."""
    return store_run(cluster_region(region, threshold=threshold))
