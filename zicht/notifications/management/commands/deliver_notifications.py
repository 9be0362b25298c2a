from django.core.management.base import BaseCommand

from zicht.notifications.delivery import requeue_undelivered


class Command(BaseCommand):
    help = "Queue the e-mail of every notification that has not been delivered yet."

    def handle(self, *args, **options):
        self.stdout.write(f"{requeue_undelivered()} notifications queued")
