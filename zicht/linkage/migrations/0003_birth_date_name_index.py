"""The known-check's candidates come from the date of birth (docs/linkage.md): an index on the
date that carries the name key, so that names born on nearby dates are compared in the index
alone (PostgreSQL). The trigram index on the name key is no longer used by any query."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS intake_person_birth_date_name_key "
    "ON intake_involvedperson (birth_date) INCLUDE (name_key, id)",
    "DROP INDEX CONCURRENTLY IF EXISTS intake_person_name_key_trgm",
]
BACKWARD = [
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS intake_person_name_key_trgm "
    "ON intake_involvedperson USING gin (name_key gin_trgm_ops)",
    "DROP INDEX CONCURRENTLY IF EXISTS intake_person_birth_date_name_key",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: no write lock on a large table
    dependencies = [("linkage", "0002_trigram_index"), ("intake", "0002_birth_date_index")]
    operations = [migrations.RunPython(forwards, backwards)]
