from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "zicht.care"
    label = "care"
    verbose_name = _("Care coordination")

    def ready(self) -> None:
        # Imported here, not above: the models load only once the app registry is ready.
        from zicht.audit.records import namer_by_reference, register_records  # (models)
        from zicht.care.models import CareTrajectory  # (models: see above)
        from zicht.care.reminders import remind_aftercare, remind_reflection_periods  # (models)
        from zicht.notifications.reminders import register_reminder  # (models: see above)

        register_reminder("care_reflection_periods", remind_reflection_periods)
        register_reminder("care_aftercare", remind_aftercare)

        register_records(
            "care.caretrajectory",
            namer_by_reference(
                CareTrajectory.objects,
                label=_("Care trajectory %(reference)s"),
                url_name="care:trajectory_detail",
            ),
            reference_prefix="Z",
        )
