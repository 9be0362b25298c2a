"""Queue the reminders of measure deadlines for the task worker; run it daily."""

from django.core.management.base import BaseCommand

from zicht.enforcement.reminders import send_enforcement_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders of measure deadlines (term for views, decision due; sent once each)."
    )

    def handle(self, *args: object, **options: object) -> None:
        result = send_enforcement_reminders.enqueue()
        self.stdout.write(f"queued: {result.id}")
