from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zicht.audit.log import verify_chain


class Command(BaseCommand):
    help = "Check that the access log's hash chain is intact."

    def handle(self, *args: str, **options: Any) -> None:
        broken = verify_chain()
        if broken is not None:
            raise CommandError(f"access log chain broken at entry {broken}")
        self.stdout.write("access log chain intact")
