"""What the retention rules remove tonight (default), now (--apply), or start the nightly task."""

from django.core.management.base import BaseCommand

from zicht.privacy.nightly import schedule
from zicht.privacy.retention import apply_retention, next_nightly_run, preview


class Command(BaseCommand):
    help = "Show what expires tonight; --apply removes what has expired now; --schedule starts "
    help += "the nightly task (it then enqueues itself every night)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--apply", action="store_true", help="remove what has expired now")
        what.add_argument("--schedule", action="store_true", help="enqueue the nightly task")

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        tonight = next_nightly_run()
        if options["apply"]:
            run = apply_retention()
            for record_type, count in run.removed.items():
                self.stdout.write(f"{record_type}: {count}")
        elif options["schedule"]:
            queued = "queued" if schedule(tonight) else "not queued (backend cannot defer)"
            self.stdout.write(f"nightly task {queued} for {tonight:%Y-%m-%d %H:%M %Z}")
        else:
            self.stdout.write(f"expiring at {tonight:%Y-%m-%d %H:%M %Z}")
            for line in preview(tonight):
                kept = "" if line.applied else " (kept)"
                self.stdout.write(f"{line.rule.record_type}: {line.count}{kept}")
