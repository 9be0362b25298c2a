from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zicht.portal"
    verbose_name = "Public reporting portal"

    def ready(self) -> None:
        # The models load only once the app registry is ready, hence the import here.
        from zicht.casework.timeline import register_source
        from zicht.portal.timeline import portal_entries

        register_source(portal_entries)
