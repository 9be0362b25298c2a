from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "zicht.intake"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Imported here, not above: the models load only once the app registry is ready.
        from zicht.audit.records import namer_by_reference, register_records  # (models)
        from zicht.intake.models import Report  # (models: see above)

        register_records(
            "intake.report",
            namer_by_reference(
                Report.objects, label=_("Report %(reference)s"), url_name="intake:report_detail"
            ),
            reference_prefix="M",
        )
