"""The match weights a region's latest linkage run trained on the region's own data."""

from __future__ import annotations

import datetime
import functools
from typing import Any

from zicht.linkage.models import LinkageRun


@functools.lru_cache(maxsize=32)
def _run_model(run_id: int, created_at: datetime.datetime) -> dict[str, Any] | None:
    model = LinkageRun.objects.values_list("model", flat=True).get(pk=run_id)
    return model or None


def region_model(region_id: int) -> dict[str, Any] | None:
    """The match weights trained on the region's own data by its latest linkage run, or None
    (the default weights) before the first run or when a run had too few records to train.
    A run's model never changes, so it is read from the database once per process."""
    latest = (
        LinkageRun.objects.filter(region_id=region_id)
        .order_by("-created_at", "-pk")
        .values_list("pk", "created_at")
        .first()
    )
    return None if latest is None else _run_model(*latest)
