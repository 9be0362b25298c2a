from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "zicht.enforcement"
    verbose_name = _("Administrative approach")
