from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaselineConfig(AppConfig):
    name = "zicht.baseline"
    label = "baseline"
    verbose_name = _("Municipal baseline")

    def ready(self) -> None:
        # Imported here, not above: the models load only once the app registry is ready.
        from zicht.baseline.reminders import remind_untrained_departments  # (models)
        from zicht.notifications.reminders import register_reminder  # (models: see above)

        register_reminder("baseline_training", remind_untrained_departments)
