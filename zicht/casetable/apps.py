from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseTableConfig(AppConfig):
    name = "zicht.casetable"
    label = "casetable"
    verbose_name = _("Case table")

    def ready(self) -> None:
        # Imported here, not above: the models load only once the app registry is ready.
        from zicht.casetable import reminders  # (models)
        from zicht.casetable.inbox import open_decisions_for  # (models)
        from zicht.casework import inbox  # (models: see above)
        from zicht.notifications.reminders import register_reminder  # (models)

        inbox.register_source(open_decisions_for)
        register_reminder("table_decisions", reminders.remind_open_decisions)
