from django.core.management.base import BaseCommand, CommandError

from zicht.linkage.models import LinkageRun
from zicht.matching.batch import DEFAULT_THRESHOLD
from zicht.monitor.unique_persons import rebuild_unique_persons
from zicht.organisations.models import Region


class Command(BaseCommand):
    help = "Link the involved persons of each region (or one) into unique persons."

    def add_arguments(self, parser):
        parser.add_argument(
            "--region", help="safety-region code, e.g. VR05 (default: all with reports)"
        )
        parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
        parser.add_argument(
            "--if-missing", action="store_true", help="skip regions that have been linked before"
        )

    def handle(self, *args, **options):
        regions = Region.objects.filter(cases__isnull=False).distinct()
        if options["region"]:
            regions = Region.objects.filter(code=options["region"])
            if not regions:
                raise CommandError(f"unknown region {options['region']}")
        for region in regions:
            if options["if_missing"] and LinkageRun.objects.filter(region=region).exists():
                continue
            run = rebuild_unique_persons(region, threshold=options["threshold"])
            self.stdout.write(
                f"{region.code} {region.name}: {run.record_count} person records, "
                f"{run.cluster_count} unique persons (threshold {run.threshold:g})"
            )
