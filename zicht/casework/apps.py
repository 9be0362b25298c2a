from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "zicht.casework"
    verbose_name = _("Casework")

    def ready(self) -> None:
        # The access log names cases by reference. Imported here: models may load
        # only once the app registry is ready, after this module.
        from zicht.audit.records import register_records
        from zicht.casework.log_names import name_cases

        register_records("casework.case", name_cases, reference_prefix="C")
