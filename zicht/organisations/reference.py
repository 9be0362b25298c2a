"""Loading the municipality reference table (CBS codes, safety regions, police units)."""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from zicht.organisations.models import Municipality, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FILES = [DATA_DIR / "municipalities_2022.csv", DATA_DIR / "municipal_changes.csv"]


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def load_municipalities(
    path: Path,
    *,
    region_model: type[Region] | None = None,
    municipality_model: type[Municipality] | None = None,
) -> LoadResult:
    """Upsert municipalities and their regions from a CSV in the reference format.

    Rows are keyed by CBS code, so loading a newer list updates names and regions
    in place and sets validity dates where the file has them; nothing is deleted,
    because old reports keep pointing at the municipality of their time. The data
    migration passes its historical models.
    """
    if region_model is None or municipality_model is None:
        region_model, municipality_model = Region, Municipality
    created = updated = 0
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            region, _ = region_model.objects.get_or_create(
                code=row["vr_code"], defaults={"name": row["vr_name"]}
            )
            defaults = {
                "name": row["display_name"] or row["name"],
                "region": region,
                "police_unit_code": row["police_unit_code"],
                "police_unit_name": row["police_unit_name"],
            }
            if "valid_from" in row:
                defaults["valid_from"] = _date(row["valid_from"])
                defaults["valid_to"] = _date(row["valid_to"])
            _, was_created = municipality_model.objects.update_or_create(
                cbs_code=row["gm_code"], defaults=defaults
            )
            created += was_created
            updated += not was_created
    return LoadResult(created=created, updated=updated)
