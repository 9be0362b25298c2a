from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "zicht.privacy"
    verbose_name = _("Privacy: retention and the rights of persons")

    def ready(self) -> None:
        # Imported here, not above: the models load only once the app registry is ready.
        from zicht.audit.records import register_records  # (models)
        from zicht.privacy.records import request_namer  # (models: see above)

        register_records("privacy.subjectrequest", request_namer, reference_prefix="V")
