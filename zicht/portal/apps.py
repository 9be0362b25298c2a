from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zicht.portal"
    verbose_name = "Public reporting portal"
