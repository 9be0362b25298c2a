import base64

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from zicht.demo.create import create_demo
from zicht.demo.organisations import DEMO_PASSWORD, DEMO_TOTP_KEY


class Command(BaseCommand):
    help = (
        "Create the demo regions, organisations, users (one per role) and three years of history."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-history", action="store_true")

    def handle(self, *args, **options):
        users = create_demo(history=not options["no_history"])
        self.stdout.write(f"\nDemo users (password: {DEMO_PASSWORD})")
        for username, organisation, role in users:
            self.stdout.write(f"  {username:18} {role} - {organisation}")
        secret = base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()
        now = totp(bytes.fromhex(DEMO_TOTP_KEY))
        self.stdout.write(
            f"\nSecond factor: add the key {secret} to an authenticator app, or run\n"
            f"  make code   (prints the current code; now {now:06d})\n"
        )
