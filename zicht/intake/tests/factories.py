"""Reports with their persons, received the way every report is: through
`submit_report`, so the case exists, the persons are registered and the case is
routed (to the focal officer, to the hub, or as acute)."""

from __future__ import annotations

import datetime
import uuid

import factory
from django.test import TestCase

from zicht.intake.models import Report
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.intake.vocabulary import ExploitationForm, PersonRole, ReportSource
from zicht.organisations.tests.factories import municipality


class PersonDataFactory(factory.Factory):
    """A presumed victim whose identifiers no other factory person shares, so
    that no "already known" match happens unless a test asks for one."""

    class Meta:
        model = PersonData

    role = PersonRole.PRESUMED_VICTIM
    first_name = factory.Iterator(["Anna", "Maria", "Ioana", "Elena", "Joy"])
    last_name = factory.Sequence(lambda n: f"Testpersoon{n}")
    birth_date = factory.Sequence(lambda n: datetime.date(1990, 1, 1) + datetime.timedelta(days=n))
    phone = factory.Sequence(lambda n: f"06{30000000 + n}")


class ReportFactory(factory.Factory):
    """A received report and its case; `by` is the reporting membership (None:
    the public portal), `route_to` overrides the default route ("hub")."""

    class Meta:
        model = Report

    submission_key = factory.LazyFunction(uuid.uuid4)
    by = None
    route_to = None
    source = ReportSource.MUNICIPAL
    municipality = factory.LazyFunction(municipality)
    description = "Vrouw in woning, lijkt niet vrij te kunnen gaan."
    is_acute = False
    exploitation_forms = factory.LazyFunction(lambda: [ExploitationForm.SEXUAL])
    persons = factory.LazyFunction(lambda: [PersonDataFactory()])

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        raise TypeError("A report exists only once received: use ReportFactory(), not .build().")

    @classmethod
    def _create(cls, model_class, *, submission_key, by, route_to, **data):
        # What happens after commit (notifications, e-mail) runs too, as it would in production.
        with TestCase.captureOnCommitCallbacks(execute=True):
            report, _ = submit_report(
                submission_key=submission_key,
                data=ReportData(**data),
                by=by,
                route_to=route_to,
            )
        return report
