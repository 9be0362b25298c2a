"""Batch linkage of a region's involved persons into unique persons.

Feeds the persons of every report of the region to the same Splink deduplication
the `zicht-link` command uses (model trained on the region's own data) and stores
the clusters, so that the monitor counts people rather than mentions and the
dark-number estimate gets its capture histories."""

from __future__ import annotations

import pandas as pd
from django.db import transaction

from zicht.intake.models import InvolvedPerson
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.matching.batch import DEFAULT_THRESHOLD, dedupe
from zicht.monitor.victim_records import refresh_victim_records
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


def link_region(region: Region, *, threshold: float = DEFAULT_THRESHOLD) -> LinkageRun:
    frame = person_frame(region)
    if len(frame) >= 2:
        result = dedupe(frame, threshold=threshold)
        clusters = result.at(threshold)
        model = result.model
    else:
        clusters = pd.DataFrame({"record_id": frame["record_id"], "cluster_id": frame["record_id"]})
        model = {}
    with transaction.atomic():
        run = LinkageRun.objects.create(
            region=region,
            threshold=threshold,
            record_count=len(frame),
            cluster_count=int(clusters["cluster_id"].nunique()),
            model=model,
        )
        PersonCluster.objects.bulk_create(
            [
                PersonCluster(run=run, person_id=int(record_id), cluster_id=str(cluster_id))
                for record_id, cluster_id in clusters.itertuples(index=False)
            ],
            batch_size=5000,
        )
        refresh_victim_records(region)  # the monitor's unique persons change with the run
    return run
