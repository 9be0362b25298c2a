from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.demo.organisations import DEMO_USERS, demo_code, demo_totp_key


class Command(BaseCommand):
    help = "Print a demo user's current second-factor code, or every demo user's (demo only)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="a demo user, e.g. hub.twente")

    def handle(self, *args, username=None, **options):
        if username is None:
            width = max(len(name) for name, *_ in DEMO_USERS)
            for name, *_ in DEMO_USERS:
                self.stdout.write(f"{name:{width}}  {demo_code(name)}")
            return
        # Only a device the demo made carries the derived key: no code of a real account.
        if not TOTPDevice.objects.filter(
            user__username=username, key=demo_totp_key(username)
        ).exists():
            raise CommandError(f"{username} is not a demo user (run `manage.py demo_data` first).")
        self.stdout.write(demo_code(username))
