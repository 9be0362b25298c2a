"""Victim records say whether they are their unique person's only record in the region, so
that the person figures group only the others. Emptied here and rebuilt by
``manage.py refresh_victim_records`` or the next linkage run (until then the figures read the
registrations)."""

from django.db import migrations, models

CODED = (
    "unique_person, alone, received_second, received_day, sex, nationality_group, birth_day,"
    " forms"
)
INDEXES = [
    ("monitor_victim_region_period", "region_id, received_at", f"municipality_id, {CODED}"),
    ("monitor_victim_muni_period", "municipality_id, received_at", CODED),
]


def empty(apps, schema_editor) -> None:
    for name, _columns, _include in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    apps.get_model("monitor", "VictimRecordCoverage").objects.all().delete()
    apps.get_model("monitor", "VictimRecord").objects.all().delete()


def create_indexes(apps, schema_editor) -> None:
    covering = schema_editor.connection.vendor == "postgresql"
    for name, columns, include in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX {name} ON monitor_victimrecord ({columns})"
            + (f" INCLUDE ({include})" if covering else "")
        )


class Migration(migrations.Migration):
    dependencies = [("monitor", "0005_victim_record_codes")]

    operations = [
        migrations.RunPython(empty, migrations.RunPython.noop),
        migrations.AddField(
            model_name="victimrecord",
            name="alone",
            field=models.BooleanField(default=False),
            preserve_default=False,
        ),
        migrations.RunPython(create_indexes, migrations.RunPython.noop),
    ]
