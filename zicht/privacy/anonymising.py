"""Anonymising reports and persons: what identifies anyone goes, what the monitor counts stays.

The nightly retention run (a whole case whose period ended) and an erasure on request (one
person, AVG art. 17) both call :func:`anonymise_persons`; why rows are kept rather than deleted
is ADR 0009. After anonymisation a person keeps the role, sex and nationality, and a birth date
that gives the same age on the day of the report (the day and month of the report, the year
of that age) and nothing more; the pseudonyms of their identifiers and the register's matches
on them are deleted.

Apps above this one keep data of their own about cases and persons (the portal's conversation
and attachments, the monitor's derived victim records). They register what must happen to
it here, in their ``AppConfig.ready``: this module imports none of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.casetable.models import AgendaItem, Decision, OffenderMeasure
from zicht.casework.models import Case, CaseStep, Feedback, FollowUpAction, Handover, SafetyNotice
from zicht.intake.models import InvolvedPerson, Report
from zicht.organisations.models import Membership
from zicht.privacy.models import AnonymisedCase
from zicht.register.models import PersonPseudonym, PseudonymMatch

# Called with the ids of persons whose data this app just changed (anonymised or rectified):
# the monitor updates its derived rows.
PersonsHook = Callable[[list[int]], None]
# Called with a case being anonymised; removes the app's own data of it, returns how many rows.
CaseEraser = Callable[[Case], int]

_person_hooks: list[PersonsHook] = []
_case_erasers: list[CaseEraser] = []

IDENTIFYING_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "street",
    "house_number",
    "postcode",
    "city",
    "description",
)


def register_person_hook(hook: PersonsHook) -> None:
    if hook not in _person_hooks:
        _person_hooks.append(hook)


def register_case_eraser(eraser: CaseEraser) -> None:
    if eraser not in _case_erasers:
        _case_erasers.append(eraser)


def age_keeping_birth_date(
    birth_date: datetime.date | None, received_at: datetime.datetime
) -> datetime.date | None:
    """A birth date that gives the person's age on the report's (UTC) day and says nothing
    more: the report's day and month, in the year of that age. The monitor computes ages from
    UTC days (victim records) and local dates alike; both stay the same."""
    if birth_date is None:
        return None
    on = received_at.astimezone(datetime.UTC).date()
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    if age < 0:  # born after the report (a typing error): still after it
        return on + datetime.timedelta(days=1)
    year = on.year - age
    try:
        return on.replace(year=year)
    except ValueError:  # a report of 29 February, a year of that age without one
        return on.replace(year=year, day=28)


def anonymise_persons(persons: Iterable[InvolvedPerson]) -> list[int]:
    """Strip the identifiers of ``persons`` (fetched with their report) and delete their
    pseudonyms and register matches. Returns the ids of the persons changed."""
    changed = []
    for person in persons:
        for name in IDENTIFYING_FIELDS:
            setattr(person, name, "")
        person.birth_date = age_keeping_birth_date(person.birth_date, person.report.received_at)
        # save() derives the (now empty) name, phone and address keys
        person.save()
        changed.append(person.pk)
    if changed:
        PersonPseudonym.objects.filter(person_id__in=changed).delete()
        PseudonymMatch.objects.filter(
            Q(person_id__in=changed) | Q(other_person_id__in=changed)
        ).delete()
        persons_changed(changed)
    return changed


def persons_changed(person_ids: list[int]) -> None:
    """Tell the apps above that these persons' data changed."""
    for hook in _person_hooks:
        hook(person_ids)


@transaction.atomic
def anonymise_case(
    case: Case, *, record_type: str, membership: Membership | None = None
) -> list[int]:
    """Anonymise everything of ``case`` that can identify a person: its reports' text and
    place, its persons, the free text of its route (notes, instructions, outcomes, feedback,
    reasons) and, through the erasers registered by the apps above, their data of it. The case,
    its reports and persons stay as rows with what the figures count. Logged in the access log."""
    reports = Report.objects.filter(case=case)
    reports.update(description="", location="", observed_on=None)
    persons = InvolvedPerson.objects.filter(report__case=case).select_related("report")
    person_ids = anonymise_persons(persons)
    # The route's history is append-only for its steps, not for the personal data in their
    # notes: the steps stay, their free text goes (a queryset update, not CaseStep.save()).
    CaseStep.objects.filter(case=case).update(note="")
    FollowUpAction.objects.filter(case=case).update(instructions="", outcome="")
    Handover.objects.filter(case=case).update(decline_reason="")
    Feedback.objects.filter(case=case).update(text="")
    SafetyNotice.objects.filter(case=case).update(note="")
    # The case table's record of the case: what was discussed, decided and measured.
    AgendaItem.objects.filter(case=case).update(summary="", care_details="")
    Decision.objects.filter(item__case=case).update(text="")
    OffenderMeasure.objects.filter(item__case=case).update(note="")
    removed = sum(eraser(case) for eraser in _case_erasers)
    AnonymisedCase.objects.update_or_create(
        case=case, defaults={"record_type": record_type, "at": timezone.now()}
    )
    record_change(
        membership=membership,
        action=AccessAction.ANONYMISE,
        obj=case,
        person_ids=person_ids,
        purpose=Purpose.RETENTION,
        detail={"retention": record_type, "reports": reports.count(), "removed": removed},
    )
    return person_ids
