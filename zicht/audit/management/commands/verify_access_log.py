from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.audit.checkpoints import checkpoint_file, exported
from zicht.audit.log import check_chain


class Command(BaseCommand):
    help = (
        "Check the access log: every entry's link and keyed hash from the first entry or the "
        "checkpoint its oldest part was removed up to, the chain's end against the sealed "
        "head, and the checkpoints in the file outside the database against the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoints",
            type=Path,
            help="the exported checkpoints (default: ZICHT_ACCESS_LOG_CHECKPOINT_FILE)",
        )

    def handle(self, *args: str, **options: Any) -> None:
        given: Path | None = options["checkpoints"]
        if given is not None and not given.exists():
            raise CommandError(f"no checkpoint file at {given}")
        path = given or checkpoint_file()
        found = check_chain(exported(path))
        if found is not None:
            raise CommandError(f"access log chain broken at entry {found.entry_id}: {found.reason}")
        self.stdout.write("access log chain intact")
