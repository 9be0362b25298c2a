"""Exports of the monitor (docs/monitor.md, schemas in zicht/monitor/schemas/), one module
per format:

- **CoMensha** CSV (``comensha.py``): one row per unique presumed victim of the period with
  consent or a legal basis recorded; ``comensha-left-out`` says how many were left out and why.
- **HTCDS 2.0** JSON and CSV (``htcds.py``): the same persons, with victim context
  (trafficking status, methods of control, type of exploitation) and case status.
- **CTDC** aggregate CSV (``ctdc.py``): unique persons per year, sex, age band, minor/adult,
  nationality group and exploitation form; groups under k = 11 are not published.

Which persons an export may hold is chosen in ``selection.py``. The views log every download
(AccessAction.EXPORT) with the persons it contains.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from zicht.monitor.exports.comensha import COMENSHA_COLUMNS, comensha_rows
from zicht.monitor.exports.ctdc import CTDC_COLUMNS, ctdc_rows
from zicht.monitor.exports.htcds import HTCDS_CSV_COLUMNS, htcds_csv_rows, htcds_records
from zicht.monitor.exports.selection import LEFT_OUT_REASONS, select_persons
from zicht.monitor.figures import Scope

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


@dataclass
class ExportResult:
    content: str
    rows: int
    person_ids: list[int] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)


def _to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def build(kind: str, scope: Scope) -> ExportResult:
    if kind == "comensha":
        rows, left_out, ids = comensha_rows(scope)
        return ExportResult(_to_csv(COMENSHA_COLUMNS, rows), len(rows), ids, left_out)
    if kind == "comensha-left-out":
        rows, left_out, _ids = comensha_rows(scope)
        summary = [
            {"reason": code, "description": str(LEFT_OUT_REASONS[code]), "persons": n}
            for code, n in sorted(left_out.items())
        ]
        summary.append({"reason": "exported", "description": _("exported"), "persons": len(rows)})
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


@dataclass
class LeftOut:
    """How many unique presumed victims of the period an export of persons holds, and how
    many it leaves out per reason (code, description, number)."""

    exported: int
    reasons: list[tuple[str, str, int]]

    @property
    def total(self) -> int:
        return sum(n for _code, _text, n in self.reasons)


def who_is_left_out(scope: Scope) -> LeftOut:
    chosen, reasons, _frame = select_persons(scope)
    return LeftOut(
        exported=len(chosen),
        reasons=[(code, str(LEFT_OUT_REASONS[code]), n) for code, n in sorted(reasons.items())],
    )


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
