"""The answer to an access request (AVG art. 15): everything zicht holds on the person, with
every disclosure and every read, on a page and as a PDF.

Per involved person found: the data of the person, the report that mentions them (its text
and facts: the privacy officer checks it for other people's data before sending, art. 15(4)),
the case with its route, the organisations the case was handed over to (disclosures), and every
entry of the access log that names the person: exports (disclosures) and reads and changes,
by organisation and role (the staff member's name is not the person's data); the care records
of a presumed victim (``care_records.care_sections``). Apps above this one add sections of their
own through :func:`register_section`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone

from zicht.audit.models import AccessAction, AccessLogEntry
from zicht.casework.models import Case, Handover, HandoverStatus
from zicht.intake.models import InvolvedPerson
from zicht.organisations.models import Membership
from zicht.privacy.care_records import care_sections
from zicht.privacy.models import AnonymisedCase, SubjectRequest
from zicht.privacy.subject_requests import found_persons


@dataclass(frozen=True)
class Section:
    """A titled list of facts an app above adds for a person (e.g. the monitor's basis for
    passing the person on to CoMensha)."""

    title: str
    lines: list[str]


# person -> sections (titles and lines already translated)
SectionSource = Callable[[InvolvedPerson], list[Section]]
_sources: list[SectionSource] = []


def register_section(source: SectionSource) -> None:
    if source not in _sources:
        _sources.append(source)


@dataclass
class PersonRecord:
    person: InvolvedPerson
    case: Case | None
    anonymised_on: datetime.datetime | None
    handovers: list[Handover] = field(default_factory=list)
    exports: list[AccessLogEntry] = field(default_factory=list)
    reads: list[AccessLogEntry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass
class Dossier:
    request: SubjectRequest
    made_at: datetime.datetime
    records: list[PersonRecord]


def build_dossier(request: SubjectRequest, *, by: Membership) -> Dossier:
    """Everything held on the request's persons (found by :func:`search_persons`); reading it
    is logged with the request's purpose."""
    records = []
    for person in found_persons(request, by=by):
        case = person.report.case
        entries = AccessLogEntry.objects.about_person(person.pk).order_by("at", "pk")
        anonymised = AnonymisedCase.objects.filter(case=case).values_list("at", flat=True).first()
        records.append(
            PersonRecord(
                person=person,
                case=case,
                anonymised_on=anonymised,
                handovers=list(
                    Handover.objects.filter(
                        case=case, status__in=[HandoverStatus.PENDING, HandoverStatus.ACCEPTED]
                    )
                    .select_related("to_organisation", "from_organisation")
                    .order_by("created_at")
                )
                if case
                else [],
                exports=[e for e in entries if e.action == AccessAction.EXPORT],
                reads=[e for e in entries if e.action != AccessAction.EXPORT],
                sections=[
                    *(Section(title, lines) for title, lines in care_sections(person)),
                    *(section for source in _sources for section in source(person)),
                ],
            )
        )
    return Dossier(request=request, made_at=timezone.now(), records=records)


def render_dossier_pdf(dossier: Dossier) -> bytes:
    from weasyprint import HTML  # loads when a PDF is made: start-up time

    html = render_to_string("privacy/dossier_pdf.html", {"dossier": dossier})
    return HTML(string=html).write_pdf()
