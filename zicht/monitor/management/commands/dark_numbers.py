"""Compute the dark-number page of each region (or one) ahead now, or start the nightly task.

uv run python manage.py dark_numbers [--region VR05]   # compute now
uv run python manage.py dark_numbers --schedule        # the nightly task (enqueues itself)
"""

from django.core.management.base import BaseCommand, CommandError

from zicht.monitor.dark_page import compute_ahead, regions_to_compute, schedule_nightly
from zicht.organisations.models import Region


class Command(BaseCommand):
    help = "Compute the dark-number page ahead (every region with cases, or --region); "
    help += "--schedule starts the nightly task instead."

    def add_arguments(self, parser):
        parser.add_argument("--region", help="safety-region code, e.g. VR05")
        parser.add_argument("--schedule", action="store_true", help="enqueue the nightly task")

    def handle(self, *args, **options):
        if options["schedule"]:
            at = schedule_nightly()
            queued = f"queued for {at:%Y-%m-%d %H:%M %Z}" if at else "not queued (cannot defer)"
            self.stdout.write(f"nightly dark-number task {queued}")
            return
        regions = regions_to_compute()
        if options["region"]:
            regions = list(Region.objects.filter(code=options["region"]))
            if not regions:
                raise CommandError(f"unknown region {options['region']}")
        for region in regions:
            stored = compute_ahead(region)
            self.stdout.write(f"{region.code} {region.name}: {stored} pages stored")
