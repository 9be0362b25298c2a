"""The retention rules zicht starts with (docs/privacy.md explains each): a proposal for a region's
privacy officer to confirm; the administrator may change a period in the admin. Migration 0002
writes them (0004 the care rules); the demo writes any that are missing (after a test
database flush)."""

from __future__ import annotations

from typing import Any

DEFAULT_RULES = [
    # record type, months, then, legal source
    ("report_without_follow_up", 12, "anonymise",
     "AVG art. 5 lid 1 onder e (opslagbeperking); "
     "naar Wpg art. 8: één jaar voor gegevens zonder vervolg"),
    ("closed_case", 60, "anonymise",
     "AVG art. 5 lid 1 onder e; Archiefwet 1995 art. 5 met de selectielijst van de gemeente"),
    ("portal_conversation", 6, "delete",
     "AVG art. 5 lid 1 onder c en e: de melder volgt de melding tot kort na afsluiting"),
    ("portal_attachment", 12, "delete",
     "AVG art. 5 lid 1 onder c en e (dataminimalisatie, opslagbeperking)"),
    ("access_log", 84, "delete",
     "NEN 7513:2018; AVG art. 5 lid 2 (verantwoording): langer dan het langst bewaarde dossier"),
    ("linkage_run", 3, "delete",
     "AVG art. 5 lid 1 onder c en e: alleen de nieuwste koppeling wordt gebruikt"),
    ("notification", 12, "delete", "AVG art. 5 lid 1 onder e (opslagbeperking)"),
    ("care_trajectory", 60, "anonymise",
     "AVG art. 5 lid 1 onder e; de Wmo 2015 noemt geen termijn: aangenomen is die van de "
     "gesloten casus (Archiefwet 1995 art. 5 met de selectielijst van de gemeente)"),
    ("care_trajectory_youth", 240, "anonymise",
     "Jeugdwet art. 7.3.8 (twintig jaar); AVG art. 5 lid 1 onder e"),
]  # fmt: skip


def write_default_rules(model: Any) -> int:
    """Write the default rule of every record type that has none (``model``: RetentionRule, or
    its historical version in a migration). Returns how many were written."""
    written = 0
    for record_type, months, action, source in DEFAULT_RULES:
        _, created = model.objects.get_or_create(
            record_type=record_type,
            defaults={"months": months, "action": action, "legal_source": source},
        )
        written += created
    return written
