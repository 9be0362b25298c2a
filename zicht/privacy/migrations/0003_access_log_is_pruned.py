"""The access log's oldest part is removed once past its period, up to a checkpoint (the chain
still verifies from there, zicht/audit/checkpoints.py): its rule no longer keeps everything."""

from django.db import migrations


def prune_the_access_log(apps, schema_editor):
    rules = apps.get_model("privacy", "RetentionRule").objects
    rules.filter(record_type="access_log", action="keep").update(action="delete")


def keep_the_access_log(apps, schema_editor):
    rules = apps.get_model("privacy", "RetentionRule").objects
    rules.filter(record_type="access_log").update(action="keep")


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_default_retention_rules"), ("audit", "0006_checkpoints")]

    operations = [migrations.RunPython(prune_the_access_log, keep_the_access_log)]
