from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zicht.audit.log import check_chain


class Command(BaseCommand):
    help = (
        "Check the access log: every entry's link and keyed hash, and the chain's end against "
        "the sealed head."
    )

    def handle(self, *args: str, **options: Any) -> None:
        found = check_chain()
        if found is not None:
            raise CommandError(f"access log chain broken at entry {found.entry_id}: {found.reason}")
        self.stdout.write("access log chain intact")
