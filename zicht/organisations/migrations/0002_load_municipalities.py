from django.db import migrations


def load(apps, schema_editor):
    from zicht.organisations.reference import DEFAULT_FILES, load_municipalities

    for path in DEFAULT_FILES:
        load_municipalities(
            path,
            region_model=apps.get_model("organisations", "Region"),
            municipality_model=apps.get_model("organisations", "Municipality"),
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
