"""Trigram index on the normalised name key for fuzzy "already known?" candidates (PostgreSQL)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS intake_person_name_key_trgm "
    "ON intake_involvedperson USING gin (name_key gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS intake_person_name_key_trgm"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("linkage", "0001_initial"), ("intake", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
