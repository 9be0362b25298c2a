"""The monitor's unique persons: a new linkage run of a region and the victim records read
from it, committed together so that the figures never read a run without its records."""

from __future__ import annotations

from django.db import transaction

from zicht.linkage.models import LinkageRun
from zicht.linkage.unique_persons import cluster_region, store_run
from zicht.matching.batch import DEFAULT_THRESHOLD
from zicht.monitor.dark_page import compute_after_commit
from zicht.monitor.victim_records import refresh_victim_records
from zicht.organisations.models import Region


def rebuild_unique_persons(region: Region, *, threshold: float = DEFAULT_THRESHOLD) -> LinkageRun:
    """Link the region's persons into unique persons and rebuild its victim records; the
    worker then computes the region's dark-number page again (dark_page.py).

    The linking itself runs before the transaction opens; the run and the records are
    written in one transaction."""
    linked = cluster_region(region, threshold=threshold)
    with transaction.atomic():
        run = store_run(linked)
        refresh_victim_records(region)
        compute_after_commit(region)
    return run
