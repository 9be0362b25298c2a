"""Queue the training reminders for the task worker; run it daily (cron or a systemd timer):
each department is reminded at most once a year."""

from django.core.management.base import BaseCommand

from zicht.baseline.reminders import send_training_reminders


class Command(BaseCommand):
    help = "Queue the reminders of departments not trained in the last 12 months (yearly)."

    def handle(self, *args: object, **options: object) -> None:
        result = send_training_reminders.enqueue()
        self.stdout.write(f"queued: {result.id}")
