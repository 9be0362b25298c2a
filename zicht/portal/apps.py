from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zicht.portal"
    verbose_name = "Public reporting portal"

    def ready(self) -> None:
        # Models load only once the app registry is ready; hence the imports here.
        from zicht.casework import inbox, timeline  # after the registry is ready
        from zicht.portal.inbox import unanswered_messages  # imports the portal's models
        from zicht.portal.timeline import portal_entries  # imports the portal's models

        timeline.register_source(portal_entries)
        inbox.register_source(unanswered_messages)
