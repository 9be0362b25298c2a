"""The criteria of the baseline: VNG plateaus 1 and 2 per theme (seed 001, Regionaal
Beleidsplan Mensenhandel Zaanstreek-Waterland, appendix 3) and the CCV basisniveau
bestuurlijke aanpak (seed 002, Plan van Aanpak Zeeland, section 4.1). The texts and their
numbering are in zicht/baseline/criteria.py, with the sources."""

from django.db import migrations

from zicht.baseline.criteria import sync_criteria


def write_criteria(apps, schema_editor):
    sync_criteria(apps.get_model("baseline", "Criterion"))


class Migration(migrations.Migration):
    dependencies = [("baseline", "0001_initial")]

    operations = [migrations.RunPython(write_criteria, migrations.RunPython.noop)]
