from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zicht.portal"
    verbose_name = "Public reporting portal"

    def ready(self) -> None:
        # Models load only once the app registry is ready; hence the imports here.
        from zicht.casework import inbox, timeline  # after the registry is ready
        from zicht.portal.inbox import unanswered_messages  # imports the portal's models
        from zicht.portal.retention import KEEPERS, erase_case  # imports the portal's models
        from zicht.portal.timeline import portal_entries  # imports the portal's models
        from zicht.privacy.anonymising import register_case_eraser  # imports privacy's models
        from zicht.privacy.retention import register_keeper  # imports privacy's models

        timeline.register_source(portal_entries)
        inbox.register_source(unanswered_messages)
        for keeper in KEEPERS:
            register_keeper(keeper)
        register_case_eraser(erase_case)
