"""The monitor's victim records (derived from intake and linkage, see victim_records.py)
and the indexes the person figures read them by: a region or a municipality over a period.
On PostgreSQL the indexes hold every column the figures need (an index-only scan)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

INDEXES = [
    ("monitor_victim_region_period", "region_id, received_at",
     "municipality_id, unique_person, sex, birth_date, nationality, forms"),
    ("monitor_victim_muni_period", "municipality_id, received_at",
     "unique_person, sex, birth_date, nationality, forms"),
]  # fmt: skip


def create_indexes(apps, schema_editor) -> None:
    covering = schema_editor.connection.vendor == "postgresql"
    for name, columns, include in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX {name} ON monitor_victimrecord ({columns})"
            + (f" INCLUDE ({include})" if covering else "")
        )


def drop_indexes(apps, schema_editor) -> None:
    for name, _columns, _include in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0001_initial'),
        ('linkage', '0001_initial'),
        ('monitor', '0003_covering_indexes'),
        ('organisations', '0002_load_municipalities'),
    ]

    operations = [
        migrations.CreateModel(
            name='VictimRecord',
            fields=[
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='intake.involvedperson')),
                ('received_at', models.DateTimeField()),
                ('unique_person', models.CharField(max_length=80)),
                ('sex', models.CharField(max_length=16)),
                ('birth_date', models.DateField(null=True)),
                ('nationality', models.CharField(max_length=2)),
                ('forms', models.PositiveIntegerField()),
                ('municipality', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.municipality')),
                ('region', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='organisations.region')),
            ],
        ),
        migrations.CreateModel(
            name='VictimRecordCoverage',
            fields=[
                ('region', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='organisations.region')),
                ('through_person', models.BigIntegerField(default=0)),
                ('refreshed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('run', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='linkage.linkagerun')),
            ],
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
