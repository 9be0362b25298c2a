from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from zicht.audit.checks import access_log_key
from zicht.lib.production import PRODUCTION_TAG


class AuditConfig(AppConfig):
    name = "zicht.audit"
    verbose_name = _("Access log")

    def ready(self) -> None:
        # Tagged for production too, so that the WSGI and ASGI entry points refuse to serve.
        checks.register(access_log_key, checks.Tags.security, PRODUCTION_TAG)
