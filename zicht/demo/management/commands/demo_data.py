import base64

from django.core.management.base import BaseCommand

from zicht.demo.create import create_demo
from zicht.demo.organisations import DEMO_PASSWORD, demo_totp_key


class Command(BaseCommand):
    help = (
        "Create the demo regions, organisations, users (one per role) and three years of history."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-history", action="store_true")

    def handle(self, *args, **options):
        users = create_demo(history=not options["no_history"])
        self.stdout.write(f"\nDemo users (password: {DEMO_PASSWORD}) and their second-factor keys")
        for username, organisation, role in users:
            key = base64.b32encode(bytes.fromhex(demo_totp_key(username))).decode()
            self.stdout.write(f"  {username:18} {key}  {role} - {organisation}")
        self.stdout.write(
            "\nSecond factor: add a user's key to an authenticator app, or run\n"
            "  make code USER=hub.twente   (prints that user's current code; without USER: all)\n"
        )
