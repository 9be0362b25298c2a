"""Covering indexes for the monitor's period aggregations (PostgreSQL only).

With 1 million reports a region's ten years are about 110,000 reports spread over the whole
table: reading their rows touched nearly every page of ``intake_report`` several times per
page view (bench/monitor.py). These indexes hold every column the dashboard reads, so
PostgreSQL answers from the index alone (an index-only scan, once VACUUM, usually autovacuum,
has marked the pages visible). They replace the two narrower period indexes of 0002 for
reports and cases by region. SQLite has no INCLUDE; it keeps the indexes of 0002. The
models of intake, casework and linkage are not changed.
"""

from django.db import migrations

INDEXES = [
    (
        "monitor_report_period",
        "intake_report",
        "municipality_id, received_at",
        "id, source, exploitation_forms, sectors, reporting_organisation_id",
    ),
    ("monitor_person_of_report", "intake_involvedperson", "report_id, role",
     "id, sex, birth_date, nationality"),
    ("monitor_cluster_of_person", "linkage_personcluster", "run_id, person_id", "cluster_id"),
    (
        "monitor_case_period",
        "casework_case",
        "region_id, opened_at",
        "id, municipality_id, reported_to_hub_at, closed_at, closure_reason",
    ),
    ("monitor_action_of_case", "casework_followupaction", "case_id", "kind, status, created_at"),
    ("monitor_feedback_of_case", "casework_feedback", "case_id", "due_on, given_at"),
]  # fmt: skip
REPLACED = [
    ("monitor_report_muni_received", "intake_report", "municipality_id, received_at"),
    ("monitor_case_region_opened", "casework_case", "region_id, opened_at"),
]


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, columns, include in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns}) INCLUDE ({include})"
        )
    for name, _table, _columns in REPLACED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, columns in REPLACED:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
    for name, _table, _columns, _include in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("monitor", "0002_monitor_indexes"),
        ("intake", "0001_initial"),
        ("casework", "0001_initial"),
        ("linkage", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
