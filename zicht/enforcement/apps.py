from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "zicht.enforcement"
    verbose_name = _("Administrative approach")

    def ready(self) -> None:
        # Imported here, not above: the models load only once the app registry is ready.
        from zicht.barriers.counting import register_source  # (models)
        from zicht.enforcement.barriers import counting_source  # (models: see above)
        from zicht.enforcement.reminders import remind_measure_deadlines  # (models)
        from zicht.notifications.reminders import register_reminder  # (models: see above)

        register_source(counting_source)
        register_reminder("enforcement_measure_deadlines", remind_measure_deadlines)
