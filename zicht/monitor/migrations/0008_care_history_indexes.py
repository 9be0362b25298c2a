"""Covering indexes for the care figures (PostgreSQL only; figures/care.py).

The care figures read, for a region's cases, their trajectories and every step of their
history in the order of each trajectory (a window over the steps). These indexes hold what
that query reads: PostgreSQL finds a region's trajectories from its cases and their steps
already in order, from the indexes alone. SQLite has no INCLUDE and keeps the plain indexes
of the foreign keys. The models of care are not changed.
"""

from django.db import migrations

INDEXES = [
    ("monitor_trajectory_of_case", "care_caretrajectory", "case_id", "id, status, closed_at"),
    (
        "monitor_care_history",
        "care_trajectorystep",
        "trajectory_id, at, id",
        "transition, to_status, reason",
    ),
]


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, columns, include in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns}) INCLUDE ({include})"
        )


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _columns, _include in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("monitor", "0007_report_months"),
        ("care", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
