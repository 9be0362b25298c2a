import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.audit.checkpoints import write_checkpoint
from zicht.audit.log import switch_key


class Command(BaseCommand):
    help = (
        "Go on with the access log under a new key: run it once ZICHT_ACCESS_LOG_KEY holds the "
        "new key and ZICHT_ACCESS_LOG_KEYS the old one (see ADR 0010). It writes the entry that "
        "records the switch and a checkpoint at it. --generate prints a new key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--generate", action="store_true", help="print a new random key")

    def handle(self, *args: str, **options: Any) -> None:
        if options["generate"]:
            self.stdout.write(secrets.token_urlsafe(48))
            return
        switched = switch_key()
        if switched is None:
            raise CommandError(
                "the access log is already sealed under the current key: put the new key in "
                "ZICHT_ACCESS_LOG_KEY and the old one in ZICHT_ACCESS_LOG_KEYS first"
            )
        checkpoint = write_checkpoint()
        detail = switched.detail
        self.stdout.write(
            f"access log switched from key {detail['from']} to key {detail['to']} "
            f"at entry {switched.pk}; checkpoint at entry {checkpoint and checkpoint.entry_id}"
        )
