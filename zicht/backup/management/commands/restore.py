from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.backup.archive import restore_backup
from zicht.backup.encryption import BackupError


class Command(BaseCommand):
    help = "Restore a backup into an empty database and attachment directory, and check it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", type=Path, help="the backup's directory")
        parser.add_argument("--database-url", help="target database (default DATABASE_URL)")
        parser.add_argument("--attachment-dir", type=Path, help="default ZICHT_ATTACHMENT_DIR")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(
                options["backup"],
                database_url=options["database_url"],
                attachment_dir=options["attachment_dir"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored the backup of {manifest.created_at} and checked it: {manifest}"
        )
