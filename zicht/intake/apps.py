from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "zicht.intake"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Imported here, not above: the models load only once the app registry is ready.
        from zicht.audit.records import register_persons, register_records  # (models)
        from zicht.intake.log_names import name_persons, name_reports  # (models: see above)

        register_records("intake.report", name_reports, reference_prefix="M")
        register_persons(name_persons)
