"""Requests of persons under the AVG: access (art. 15), rectification (art. 16) and erasure
(art. 17), answered by the region's privacy officer within the statutory term.

A request holds the identifiers the person gave. :func:`search_persons` finds what zicht holds
on them the way the register does: the identifiers' keyed pseudonyms in the region's register,
then every involved person the region's latest linkage run puts in the same unique person.
Every search and every read of what was found is written to the access log with the request's
purpose. Each operation is one function, called by the pages and the tests alike.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.audit.log import record_change, record_read
from zicht.audit.models import AccessAction, Purpose
from zicht.casework.workflow import Status
from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import ReportSource
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.notifications.delivery import notify_users
from zicht.organisations.models import Membership, Organisation, Role
from zicht.organisations.recipients import staff_in_role
from zicht.privacy.anonymising import anonymise_persons, persons_changed
from zicht.privacy.care_records import care_is_ongoing, erase_care
from zicht.privacy.models import (
    Erasure,
    LegalHold,
    Rectification,
    RefusalGround,
    RequestKind,
    RequestStatus,
    SubjectRequest,
)
from zicht.register.digests import digests
from zicht.register.models import PersonPseudonym
from zicht.register.registration import register_persons

# How long before the deadline the privacy officers are reminded.
REMINDER_DAYS = 7

PURPOSES = {
    RequestKind.ACCESS: Purpose.SUBJECT_ACCESS,
    RequestKind.RECTIFICATION: Purpose.RECTIFICATION,
    RequestKind.ERASURE: Purpose.ERASURE,
}

# What a rectification may change: the person's identifiers (role, sex and nationality are
# the handling organisation's assessment, not the person's data to correct).
RECTIFIABLE = ("first_name", "last_name", "birth_date", "phone", "street", "house_number",
               "postcode", "city")  # fmt: skip

# Sources whose reports are police data (Wpg): the person's rights go through the police.
POLICE_SOURCES = (ReportSource.POLICE, ReportSource.KMAR)


class RequestRefused(Exception):
    """An operation the request's state or the law does not allow; the message says why."""


def requests_of(membership: Membership):
    """The requests a privacy officer handles: those of their organisation's region."""
    return SubjectRequest.objects.of_region(membership.organisation.region_id)


def _lock(request_id: int, by: Membership) -> SubjectRequest:
    return requests_of(by).select_for_update().get(pk=request_id)


@transaction.atomic
def open_request(
    *,
    by: Membership,
    kind: str,
    received_on: datetime.date,
    first_name: str = "",
    last_name: str = "",
    birth_date: datetime.date | None = None,
    phone: str = "",
    postcode: str = "",
    house_number: str = "",
) -> SubjectRequest:
    request = SubjectRequest.objects.create(
        region_id=by.organisation.region_id,
        kind=kind,
        received_on=received_on,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        phone=phone,
        postcode=postcode,
        house_number=house_number,
        created_by=by.user,
    )
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=request,
        purpose=PURPOSES[RequestKind(kind)],
    )
    return request


@transaction.atomic
def extend_deadline(*, request_id: int, by: Membership, reason: str) -> SubjectRequest:
    """Extend the term by two months (AVG art. 12(3)): once, with the reason the person is told."""
    request = _lock(request_id, by)
    if not request.is_open:
        raise RequestRefused(_("This request has been answered."))
    if request.is_extended:
        raise RequestRefused(_("The term can be extended once."))
    if not reason.strip():
        raise RequestRefused(_("Give the reason for the extension."))
    request.extended_because = reason.strip()
    request.reminded_at = None  # a new deadline, a new reminder
    request.save(update_fields=["extended_because", "reminded_at"])
    record_change(
        membership=by,
        action=AccessAction.UPDATE,
        obj=request,
        purpose=PURPOSES[RequestKind(request.kind)],
        detail={"extended_until": request.deadline.isoformat()},
    )
    return request


def _pseudonym_matches(request: SubjectRequest) -> set[int]:
    found = digests(
        {
            "first_name": request.first_name,
            "last_name": request.last_name,
            "birth_date": request.birth_date,
            "phone": request.phone,
            "postcode": request.postcode,
            "house_number": request.house_number,
        }
    )
    if not found:
        return set()
    match = Q()
    for kind, version, digest in found:
        match |= Q(kind=kind, key_version=version, digest=digest)
    return set(
        PersonPseudonym.objects.filter(match, region_id=request.region_id).values_list(
            "person_id", flat=True
        )
    )


def _same_unique_person(request: SubjectRequest, person_ids: set[int]) -> set[int]:
    run = (
        LinkageRun.objects.filter(region_id=request.region_id)
        .order_by("-created_at", "-pk")
        .first()
    )
    if run is None or not person_ids:
        return set()
    clusters = PersonCluster.objects.filter(run=run, person_id__in=person_ids).values("cluster_id")
    return set(
        PersonCluster.objects.filter(run=run, cluster_id__in=clusters).values_list(
            "person_id", flat=True
        )
    )


@transaction.atomic
def search_persons(*, request_id: int, by: Membership) -> list[int]:
    """Find the involved persons of the request's person: through the register (keyed
    pseudonyms of the identifiers given) and linkage (the same unique person). Stores and
    logs what was found."""
    request = _lock(request_id, by)
    direct = _pseudonym_matches(request)
    found = sorted(direct | _same_unique_person(request, direct))
    request.found_person_ids = found
    request.searched_at = timezone.now()
    request.save(update_fields=["found_person_ids", "searched_at"])
    record_change(
        membership=by,
        action=AccessAction.LOOKUP,
        obj=request,
        person_ids=found,
        purpose=PURPOSES[RequestKind(request.kind)],
        detail={"register": len(direct), "linkage": len(found) - len(direct)},
    )
    return found


def found_persons(request: SubjectRequest, *, by: Membership) -> list[InvolvedPerson]:
    """The persons found for the request, with report and case; the read is logged."""
    persons = list(
        InvolvedPerson.objects.filter(
            pk__in=request.found_person_ids, report__case__region_id=request.region_id
        )
        .select_related("report", "report__case", "report__municipality")
        .order_by("report__received_at", "pk")
    )
    if persons:
        record_read(
            membership=by,
            obj=request,
            person_ids=[p.pk for p in persons],
            purpose=PURPOSES[RequestKind(request.kind)],
        )
    return persons


def erasure_refusals(person: InvolvedPerson) -> list[RefusalGround]:
    """Why the law does not allow erasing this person now (empty: it does)."""
    grounds = []
    case = person.report.case
    if case is not None and case.status != Status.CLOSED:
        grounds.append(RefusalGround.OPEN_CASE)
    if case is not None and LegalHold.objects.active().filter(case=case).exists():
        grounds.append(RefusalGround.LEGAL_HOLD)
    if person.report.source in POLICE_SOURCES:
        grounds.append(RefusalGround.POLICE_DATA)
    if care_is_ongoing(person):
        grounds.append(RefusalGround.CARE_ONGOING)
    return grounds


@transaction.atomic
def erase_persons(*, request_id: int, by: Membership) -> tuple[list[int], list[RefusalGround]]:
    """Carry out an erasure request: anonymise every found person the law allows to erase, with
    their care records; the grounds for the others are kept on the request. Returns (erased,
    refusal grounds)."""
    request = _lock(request_id, by)
    if request.kind != RequestKind.ERASURE or not request.is_open:
        raise RequestRefused(_("Only an open erasure request can erase."))
    persons = InvolvedPerson.objects.filter(
        pk__in=request.found_person_ids, report__case__region_id=request.region_id
    ).select_related("report", "report__case")
    allowed: list[InvolvedPerson] = []
    grounds: list[RefusalGround] = []
    for person in persons:
        refused = erasure_refusals(person)
        if refused:
            grounds.extend(g for g in refused if g not in grounds)
        else:
            allowed.append(person)
    erased = anonymise_persons(allowed)
    erase_care(erased, by=by)
    Erasure.objects.bulk_create(
        [Erasure(request=request, person_id=pk, by=by.user) for pk in erased]
    )
    request.refusal_grounds = sorted(set(request.refusal_grounds) | set(grounds))
    request.save(update_fields=["refusal_grounds"])
    record_change(
        membership=by,
        action=AccessAction.ANONYMISE,
        obj=request,
        person_ids=erased,
        purpose=Purpose.ERASURE,
        detail={"refused": [str(g) for g in grounds]},
    )
    return erased, grounds


@transaction.atomic
def rectify_person(
    *, request_id: int, by: Membership, person_id: int, field: str, value: str | datetime.date
) -> Rectification:
    """Correct one identifier of a found person; the register's pseudonyms follow."""
    request = _lock(request_id, by)
    if request.kind != RequestKind.RECTIFICATION or not request.is_open:
        raise RequestRefused(_("Only an open rectification request can correct data."))
    if field not in RECTIFIABLE:
        raise RequestRefused(_("This field cannot be corrected here."))
    if person_id not in request.found_person_ids:
        raise RequestRefused(_("This person was not found for this request."))
    person = InvolvedPerson.objects.select_related("report", "report__case").get(pk=person_id)
    setattr(person, field, value or (None if field == "birth_date" else ""))
    person.full_clean(exclude=["report"])
    person.save()
    # The old identifier's pseudonyms go; the corrected ones are registered as a report's are.
    old = PersonPseudonym.objects.filter(person=person)
    organisation_id = old.values_list("organisation_id", flat=True).first()
    old.delete()
    if organisation_id is not None:
        register_persons(
            [person],
            organisation=Organisation.objects.get(pk=organisation_id),
            region_id=request.region_id,
        )
    persons_changed([person.pk])
    rectification = Rectification.objects.create(
        request=request, person=person, field=field, by=by.user
    )
    record_change(
        membership=by,
        action=AccessAction.UPDATE,
        obj=person,
        person_ids=[person.pk],
        purpose=Purpose.RECTIFICATION,
        detail={"field": field, "request": request.pk, "case": person.report.case_id},
    )
    return rectification


@transaction.atomic
def answer_request(
    *, request_id: int, by: Membership, answer: str, refusal_grounds: Collection[str] = ()
) -> SubjectRequest:
    """Record the answer sent to the person; with refusal grounds the request counts as refused
    (wholly or in part: the answer says which)."""
    request = _lock(request_id, by)
    if not request.is_open:
        raise RequestRefused(_("This request has been answered."))
    if not answer.strip():
        raise RequestRefused(_("Write what the person was answered."))
    unknown = set(refusal_grounds) - set(RefusalGround.values)
    if unknown:
        raise RequestRefused(_("Choose refusal grounds from the list."))
    grounds = sorted(set(request.refusal_grounds) | set(refusal_grounds))
    request.refusal_grounds = grounds
    request.answer = answer.strip()
    request.answered_at = timezone.now()
    # An erasure that erased nothing but was refused is a refusal; anything else is answered.
    refused = bool(grounds) and not request.erasures.exists() and request.kind != RequestKind.ACCESS
    request.status = RequestStatus.REFUSED if refused else RequestStatus.ANSWERED
    request.save(update_fields=["refusal_grounds", "answer", "answered_at", "status"])
    record_change(
        membership=by,
        action=AccessAction.UPDATE,
        obj=request,
        purpose=PURPOSES[RequestKind(request.kind)],
        detail={"status": request.status, "refused": grounds},
    )
    return request


@dataclass(frozen=True)
class Reminder:
    request: SubjectRequest
    recipients: int


def remind_deadlines(now: datetime.datetime | None = None) -> list[Reminder]:
    """Remind the region's privacy officers, once per deadline, of every open request due
    within REMINDER_DAYS (or overdue). The notification names the request, never the person."""
    today = timezone.localdate(now or timezone.now())
    reminders = []
    for request in SubjectRequest.objects.filter(
        status=RequestStatus.OPEN, reminded_at__isnull=True
    ).select_related("region"):
        if request.deadline - today > datetime.timedelta(days=REMINDER_DAYS):
            continue
        officers = [
            user
            for organisation in request.region.organisations.filter(is_active=True)
            for user in staff_in_role(organisation, Role.PRIVACY_OFFICER)
        ]
        notify_users(
            officers,
            subject=_("zicht: request %(reference)s is due on %(deadline)s")
            % {"reference": request.reference, "deadline": f"{request.deadline:%d-%m-%Y}"},
            body=_(
                "The request %(reference)s under the AVG must be answered by %(deadline)s. "
                "Extend the term (once, by two months) if you need more time."
            )
            % {"reference": request.reference, "deadline": f"{request.deadline:%d-%m-%Y}"},
            link=reverse("privacy:request_detail", args=[request.pk]),
            urgent=request.deadline <= today,
        )
        request.reminded_at = now or timezone.now()
        request.save(update_fields=["reminded_at"])
        reminders.append(Reminder(request, len(officers)))
    return reminders
