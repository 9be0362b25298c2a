"""Rebuild the monitor's victim records (see zicht/monitor/victim_records.py): after a bulk
load, or on a schedule so that the reports since the last linkage run are read from the
records too.

    uv run python manage.py refresh_victim_records            # every region
    uv run python manage.py refresh_victim_records --region VR05
"""

from django.core.management.base import BaseCommand

from zicht.monitor.victim_records import refresh_victim_records
from zicht.organisations.models import Region


class Command(BaseCommand):
    help = "Rebuild the monitor's victim records of one region or of all."

    def add_arguments(self, parser):
        parser.add_argument("--region", help="region code, e.g. VR05 (default: every region)")

    def handle(self, *args, region=None, **options):
        regions = Region.objects.order_by("code")
        if region:
            regions = regions.filter(code=region)
        for each in regions:
            coverage = refresh_victim_records(each)
            self.stdout.write(f"{each.code}: through person {coverage.through_person}")
