"""Queue the care reminders for the task worker; run it daily (cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from zicht.care.reminders import send_care_reminders


class Command(BaseCommand):
    help = "Queue the reminders of reflection periods about to end (sent once each)."

    def handle(self, *args: object, **options: object) -> None:
        result = send_care_reminders.enqueue()
        self.stdout.write(f"queued: {result.id}")
