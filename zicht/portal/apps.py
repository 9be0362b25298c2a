from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zicht.portal"
    verbose_name = "Public reporting portal"

    def ready(self) -> None:
        # Models load only once the app registry is ready; hence the imports here.
        from zicht.casework.timeline import register_source  # after the registry is ready
        from zicht.portal.retention import KEEPERS, erase_case  # imports the portal's models
        from zicht.portal.timeline import portal_entries  # imports the portal's models
        from zicht.privacy.anonymising import register_case_eraser  # imports privacy's models
        from zicht.privacy.retention import register_keeper  # imports privacy's models

        register_source(portal_entries)
        for keeper in KEEPERS:
            register_keeper(keeper)
        register_case_eraser(erase_case)
