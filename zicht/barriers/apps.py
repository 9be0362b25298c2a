from django.apps import AppConfig


class BarriersConfig(AppConfig):
    name = "zicht.barriers"
    verbose_name = "Barrier model"
