"""The retention rules zicht starts with (zicht/privacy/rules.py)."""

from django.db import migrations

from zicht.privacy.rules import write_default_rules


def create_rules(apps, schema_editor):
    write_default_rules(apps.get_model("privacy", "RetentionRule"))


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(create_rules, migrations.RunPython.noop)]
