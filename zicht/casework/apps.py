from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "zicht.casework"
    verbose_name = _("Casework")

    def ready(self) -> None:
        # Imported here, not above: the models load only once the app registry is ready.
        from zicht.audit.records import register_records  # (models: see above)
        from zicht.casework.log_names import name_cases  # (models: see above)

        register_records("casework.case", name_cases, reference_prefix="C")
