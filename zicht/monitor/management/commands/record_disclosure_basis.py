from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zicht.intake.models import InvolvedPerson
from zicht.monitor.bases import record_disclosure_basis
from zicht.monitor.models import BasisKind


class Command(BaseCommand):
    help = "Record the consent or legal basis of one presumed victim's record (by its id)."

    def add_arguments(self, parser):
        parser.add_argument("--person", type=int, required=True, help="involved person id")
        parser.add_argument("--basis", required=True, choices=BasisKind.values)
        parser.add_argument("--by", required=True, help="user name of who recorded it")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise CommandError(f"unknown user {options['by']}")
        try:
            record = record_disclosure_basis(
                person_id=options["person"], basis=options["basis"], by=user
            )
        except InvolvedPerson.DoesNotExist as error:
            raise CommandError("no presumed victim with that id") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"person {record.person_id}: {record.basis}")
