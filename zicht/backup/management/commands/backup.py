from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.backup.archive import make_backup
from zicht.backup.encryption import BackupError


class Command(BaseCommand):
    help = "Back up the database and the attachment store, encrypted (docs/architecture.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", type=Path, help="where to put it (default ZICHT_BACKUP_DIR)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path, manifest = make_backup(options["to"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{path}: {manifest}")
