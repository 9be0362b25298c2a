"""The victim records hold sex, nationality group, birth date and report time as integers
(zicht/monitor/codes.py), so that the person figures are integer arithmetic. The records are
derived: they are emptied here and rebuilt by ``manage.py refresh_victim_records`` or the next
linkage run (until then the figures read the registrations)."""

from django.db import migrations, models

OLD_INDEXES = ["monitor_victim_region_period", "monitor_victim_muni_period"]
CODED = "unique_person, received_second, received_day, sex, nationality_group, birth_day, forms"
INDEXES = [
    ("monitor_victim_region_period", "region_id, received_at", f"municipality_id, {CODED}"),
    ("monitor_victim_muni_period", "municipality_id, received_at", CODED),
]


def empty(apps, schema_editor) -> None:
    for name in OLD_INDEXES:
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


def drop_indexes(apps, schema_editor) -> None:
    for name, _columns, _include in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("monitor", "0004_victim_records")]

    operations = [
        migrations.RunPython(empty, migrations.RunPython.noop),
        migrations.RemoveField(model_name="victimrecord", name="sex"),
        migrations.RemoveField(model_name="victimrecord", name="nationality"),
        migrations.RemoveField(model_name="victimrecord", name="birth_date"),
        migrations.AddField(
            model_name="victimrecord",
            name="received_second",
            field=models.BigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="victimrecord",
            name="received_day",
            field=models.IntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="victimrecord", name="sex", field=models.SmallIntegerField(null=True)
        ),
        migrations.AddField(
            model_name="victimrecord",
            name="nationality_group",
            field=models.SmallIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="victimrecord", name="birth_day", field=models.IntegerField(null=True)
        ),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
