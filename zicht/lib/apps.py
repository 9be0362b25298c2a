from django.apps import AppConfig


class LibConfig(AppConfig):
    """`zicht.lib` holds no models; it is an app so that its system checks are registered."""

    name = "zicht.lib"
    label = "zicht_lib"
    verbose_name = "zicht lib"

    def ready(self) -> None:
        # Imported for its side effect: registering the production settings check.
        from zicht.lib import production  # noqa: F401  (registers a system check)
