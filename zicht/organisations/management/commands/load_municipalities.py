from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from zicht.organisations.reference import DEFAULT_FILES, load_municipalities


class Command(BaseCommand):
    help = "Load municipalities, safety regions and police units from reference CSV files."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="*", type=Path)

    def handle(self, *args: str, **options: Any) -> None:
        for path in options["files"] or DEFAULT_FILES:
            result = load_municipalities(path)
            self.stdout.write(f"{path.name}: {result.created} created, {result.updated} updated")
