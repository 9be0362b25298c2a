from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "zicht.casework"
    verbose_name = _("Casework")

    def ready(self) -> None:
        # Imported here, not above: the models load only once the app registry is ready.
        from zicht.audit.records import namer_by_reference, register_records  # (models)
        from zicht.casework.models import Case  # (models: see above)
        from zicht.casework.reminders import remind_overdue_actions  # (models: see above)
        from zicht.notifications.reminders import register_reminder  # (models: see above)

        register_reminder("overdue_actions", remind_overdue_actions)

        register_records(
            "casework.case",
            namer_by_reference(
                Case.objects, label=_("Case %(reference)s"), url_name="casework:case_detail"
            ),
            reference_prefix="C",
        )
