from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zicht.portal"
    verbose_name = "Public reporting portal"

    def ready(self) -> None:
        # Models load only once the app registry is ready; hence the imports here.
        from zicht.casework.timeline import register_source  # after the registry is ready
        from zicht.portal.timeline import portal_entries  # imports the portal's models

        register_source(portal_entries)
