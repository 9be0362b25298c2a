"""Send today's reminders now, or start the daily run through the task worker."""

from django.core.management.base import BaseCommand

from zicht.notifications.reminders import run_reminders, schedule


class Command(BaseCommand):
    help = "Send the reminders that are due (each once); --schedule starts the daily task "
    help += "(it runs at 06:30 and then enqueues itself every morning)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--schedule", action="store_true", help="start the daily task")

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        if options["schedule"]:
            queued = "queued" if schedule() else "not queued (backend cannot defer)"
            self.stdout.write(f"daily reminders {queued}")
            return
        for name, count in run_reminders().items():
            self.stdout.write(f"{name}: {count}")
