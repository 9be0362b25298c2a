"""The retention rules zicht starts with (docs/privacy.md explains each). A region's privacy
officer confirms them; the administrator may change a period in the admin."""

from django.db import migrations

DEFAULT_RULES = [
    # record type, months, then, legal source
    ("report_without_follow_up", 12, "anonymise",
     "AVG art. 5 lid 1 onder e (opslagbeperking); naar Wpg art. 8: één jaar voor gegevens zonder vervolg"),
    ("closed_case", 60, "anonymise",
     "AVG art. 5 lid 1 onder e; Archiefwet 1995 art. 5 met de selectielijst van de gemeente"),
    ("portal_conversation", 6, "delete",
     "AVG art. 5 lid 1 onder c en e: de melder volgt de melding tot kort na afsluiting"),
    ("portal_attachment", 12, "delete",
     "AVG art. 5 lid 1 onder c en e (dataminimalisatie, opslagbeperking)"),
    ("access_log", 84, "keep",
     "NEN 7513:2018; AVG art. 5 lid 2 (verantwoording): langer dan het langst bewaarde dossier"),
    ("linkage_run", 3, "delete",
     "AVG art. 5 lid 1 onder c en e: alleen de nieuwste koppeling wordt gebruikt"),
    ("notification", 12, "delete", "AVG art. 5 lid 1 onder e (opslagbeperking)"),
]  # fmt: skip


def create_rules(apps, schema_editor):
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    for record_type, months, action, source in DEFAULT_RULES:
        RetentionRule.objects.get_or_create(
            record_type=record_type,
            defaults={"months": months, "action": action, "legal_source": source},
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(create_rules, migrations.RunPython.noop)]
