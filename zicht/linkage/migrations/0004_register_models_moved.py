"""`PersonPseudonym` and `KnownMatch` moved to the register app (register 0001, where the
match is named `PseudonymMatch`). Their tables stay: this removes them from linkage's
migration state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("linkage", "0003_birth_date_name_index"),
        ("register", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="KnownMatch"),
                migrations.DeleteModel(name="PersonPseudonym"),
            ],
        ),
    ]
