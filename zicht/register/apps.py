from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "zicht.register"
    label = "register"
    verbose_name = _("Pseudonym register")

    def ready(self) -> None:
        # Imported for its side effect: registering the check that the keys load.
        from zicht.register import keys  # noqa: F401  (registers a system check)
