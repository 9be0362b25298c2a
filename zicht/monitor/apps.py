from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "zicht.monitor"
    verbose_name = _("Regional monitor")

    def ready(self) -> None:
        # Imported here, not above: the models load only once the app registry is ready.
        from zicht.monitor.subject_rights import (  # (models)
            disclosure_basis_sections,
            follow_birth_dates,
        )
        from zicht.privacy.anonymising import register_person_hook  # (models: see above)
        from zicht.privacy.dossier import register_section  # (models: see above)

        register_person_hook(follow_birth_dates)
        register_section(disclosure_basis_sections)
