from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaselineConfig(AppConfig):
    name = "zicht.baseline"
    label = "baseline"
    verbose_name = _("Municipal baseline")
