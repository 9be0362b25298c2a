"""How the access log names reports and involved persons, for a reader who may see them."""

from __future__ import annotations

from collections.abc import Collection

from django.urls import reverse
from django.utils.translation import gettext

from zicht.audit.records import RecordName
from zicht.intake.models import InvolvedPerson, Report
from zicht.organisations.models import Membership


def name_reports(ids: Collection[str], membership: Membership) -> dict[str, RecordName]:
    pks = [int(pk) for pk in ids if pk.isdigit()]
    visible = set(
        Report.objects.visible_to(membership).filter(pk__in=pks).values_list("pk", flat=True)
    )
    names = {}
    for report in Report.objects.filter(pk__in=pks).only("pk", "received_at"):
        text = gettext("Report %(reference)s") % {"reference": report.reference}
        url = reverse("intake:report_detail", args=[report.pk]) if report.pk in visible else ""
        names[str(report.pk)] = RecordName(text, url)
    return names


def name_persons(ids: Collection[int], membership: Membership) -> dict[int, RecordName]:
    """Names only of the persons in reports the reader may open; the others stay numbers."""
    visible_reports = Report.objects.visible_to(membership).values("pk")
    persons = InvolvedPerson.objects.filter(pk__in=list(ids), report__in=visible_reports)
    return {
        person.pk: RecordName(str(person), reverse("intake:report_detail", args=[person.report_id]))
        for person in persons.only("pk", "report_id", "first_name", "last_name")
    }
