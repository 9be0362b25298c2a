"""Indexes for the monitor's period queries on the tables of other apps.

The monitor filters reports by municipality (of a region) and a range of `received_at`, and
cases by region and a range of `opened_at`. The single-column indexes make PostgreSQL AND two
large bitmaps; a composite index reads only the period of each municipality (bench/monitor.py:
from about 600 ms to a few ms per aggregation with 1 million reports). Plain SQL that both
PostgreSQL and SQLite understand; the models of intake and casework are not changed.
"""

from django.db import migrations

INDEXES = [
    ("monitor_report_muni_received", "intake_report", "municipality_id, received_at"),
    ("monitor_case_region_opened", "casework_case", "region_id, opened_at"),
    ("monitor_case_muni_opened", "casework_case", "municipality_id, opened_at"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("monitor", "0001_initial"),
        ("intake", "0001_initial"),
        ("casework", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
