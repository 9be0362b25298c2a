"""uv run python manage.py annual_report --region VR05 --year 2025 --out report.pdf"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zicht.monitor.annual_report import render_annual_report
from zicht.organisations.models import Municipality, Region


class Command(BaseCommand):
    help = "Write the annual report (PDF) of a region, or of one of its municipalities, for a year."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="safety region code, e.g. VR05")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--municipality", help="CBS code (GMxxxx) for a municipal report")
        parser.add_argument("--out", required=True, help="path of the PDF to write")

    def handle(self, *args, region: str, year: int, municipality: str | None, out: str, **options):
        try:
            found = Region.objects.get(code=region)
        except Region.DoesNotExist as error:
            raise CommandError(f"no region with code {region}") from error
        place = None
        if municipality:
            try:
                place = Municipality.objects.get(cbs_code=municipality, region=found)
            except Municipality.DoesNotExist as error:
                raise CommandError(f"no municipality {municipality} in {region}") from error
        pdf = render_annual_report(found, year, place)
        Path(out).write_bytes(pdf)
        self.stdout.write(f"{out}: {len(pdf):,} bytes")
