"""Requests under the AVG: the deadline and its extension, finding a person through the register
and linkage, the dossier with every disclosure and read, rectification, erasure where the law
allows and the grounds where it does not, and the reminder."""

from __future__ import annotations

import datetime
import io

import pypdfium2
import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from zicht.audit.log import record_change, record_read
from zicht.audit.models import AccessAction, AccessLogEntry, Purpose
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.notifications.models import Notification
from zicht.organisations.models import Membership, Organisation, OrganisationType, Role
from zicht.privacy import subject_requests as ops
from zicht.privacy.dossier import build_dossier, render_dossier_pdf
from zicht.privacy.holds import place_hold
from zicht.privacy.models import RefusalGround, RequestKind, RequestStatus, SubjectRequest
from zicht.register.models import PersonPseudonym

pytestmark = pytest.mark.django_db

ANNA = {"first_name": "Anna", "last_name": "Kowalska", "birth_date": datetime.date(1999, 4, 2)}


def open_for_anna(officer, kind=RequestKind.ACCESS, received_on=None, **given):
    return ops.open_request(
        by=officer,
        kind=kind,
        received_on=received_on or timezone.localdate(),
        **(given or ANNA),
    )


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(io.BytesIO(data))
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    return " ".join(text.split()).lower()  # lines wrap anywhere: compare words


def test_the_deadline_is_a_month_and_can_be_extended_once_by_two(privacy_officer):
    request = open_for_anna(privacy_officer, received_on=datetime.date(2026, 1, 31))
    assert request.deadline == datetime.date(2026, 2, 28)
    with pytest.raises(ops.RequestRefused):
        ops.extend_deadline(request_id=request.pk, by=privacy_officer, reason="  ")
    request = ops.extend_deadline(
        request_id=request.pk, by=privacy_officer, reason="Veel registraties"
    )
    assert request.deadline == datetime.date(2026, 4, 30)
    with pytest.raises(ops.RequestRefused):
        ops.extend_deadline(request_id=request.pk, by=privacy_officer, reason="Nog eens")


def test_the_register_and_linkage_find_every_record_of_the_person(
    hub_report, person, privacy_officer
):
    first = hub_report().persons.get()
    # Reported again elsewhere with another phone and a typo in the name: the register does
    # not know it is her, the region's linkage does.
    second = hub_report(
        persons=[person(first_name="Ana", last_name="Kowalska", phone="06 99999999")]
    ).persons.get()
    other = hub_report(persons=[person(first_name="Piet", last_name="Jansen")]).persons.get()
    run = LinkageRun.objects.create(region=first.report.case.region, threshold=0.9)
    for p, cluster in ((first, "a"), (second, "a"), (other, "b")):
        PersonCluster.objects.create(run=run, person=p, cluster_id=cluster)

    request = open_for_anna(privacy_officer)
    assert ops.search_persons(request_id=request.pk, by=privacy_officer) == [first.pk, second.pk]
    entry = AccessLogEntry.objects.get(action=AccessAction.LOOKUP, object_id=str(request.pk))
    assert entry.purpose == Purpose.SUBJECT_ACCESS
    assert entry.person_ids == [first.pk, second.pk]
    assert entry.detail == {"register": 1, "linkage": 1}

    by_phone = open_for_anna(privacy_officer, phone="0612345678")
    assert ops.search_persons(request_id=by_phone.pk, by=privacy_officer) == [first.pk, second.pk]
    nobody = open_for_anna(privacy_officer, phone="0611111111")
    assert ops.search_persons(request_id=nobody.pk, by=privacy_officer) == []


def test_another_regions_officer_finds_nothing_and_cannot_open_the_request(
    hub_report, privacy_officer
):
    hub_report()
    zeeland = Organisation.objects.get(type=OrganisationType.REGIONAL_HUB, region__code="VR19")
    officer = Membership.objects.create(
        user=privacy_officer.user, organisation=zeeland, role=Role.PRIVACY_OFFICER
    )
    theirs = open_for_anna(officer)
    assert ops.search_persons(request_id=theirs.pk, by=officer) == []
    mine = open_for_anna(privacy_officer)
    with pytest.raises(SubjectRequest.DoesNotExist):
        ops.search_persons(request_id=mine.pk, by=officer)


def test_the_dossier_holds_the_data_every_disclosure_and_every_read(
    hub_report, member, privacy_officer
):
    report = hub_report()
    anna = report.persons.get()
    hub = member("hub.twente")
    record_read(
        membership=hub, obj=report.case, person_ids=[anna.pk], purpose=Purpose.CASE_HANDLING
    )
    record_change(
        membership=member("analist.twente"),
        action=AccessAction.EXPORT,
        obj=report.case.region,
        person_ids=[anna.pk],
        purpose=Purpose.EXPORT_COMENSHA,
    )
    request = open_for_anna(privacy_officer)
    ops.search_persons(request_id=request.pk, by=privacy_officer)
    request.refresh_from_db()
    reads_before = AccessLogEntry.objects.filter(action=AccessAction.READ).count()

    dossier = build_dossier(request, by=privacy_officer)
    (record,) = dossier.records
    assert record.person == anna
    assert [e.purpose for e in record.exports] == [Purpose.EXPORT_COMENSHA]
    assert Purpose.CASE_HANDLING in [e.purpose for e in record.reads]
    # reading the dossier is itself a logged read, for the request's purpose
    newest = AccessLogEntry.objects.filter(action=AccessAction.READ).order_by("-pk").first()
    assert AccessLogEntry.objects.filter(action=AccessAction.READ).count() == reads_before + 1
    assert newest.purpose == Purpose.SUBJECT_ACCESS
    assert newest.person_ids == [anna.pk]

    with translation.override("nl"):
        text = pdf_text(render_dossier_pdf(dossier))
    assert "kowalska" in text
    assert report.reference.lower() in text
    assert "kenniscentrum" in text  # who read it: the organisation
    assert "export naar comensha" in text
    assert "behandeling van de casus" in text
    assert "hub.twente" not in text  # staff names are not the person's data


def test_erasure_where_the_law_allows_and_the_grounds_where_it_does_not(
    hub_report, person, close, member, privacy_officer
):
    open_case = hub_report().persons.get()
    closed = hub_report(persons=[person(**ANNA, phone="0687654321")])
    close(closed.case, "referred_care")
    held = hub_report(persons=[person(**ANNA)])
    close(held.case, "referred_care")
    place_hold(case_reference=held.case.reference, reason="Klacht", by=privacy_officer)

    request = open_for_anna(privacy_officer, kind=RequestKind.ERASURE)
    found = ops.search_persons(request_id=request.pk, by=privacy_officer)
    assert len(found) == 3
    erased, grounds = ops.erase_persons(request_id=request.pk, by=privacy_officer)
    closed_person = closed.persons.get()
    assert erased == [closed_person.pk]
    assert set(grounds) == {RefusalGround.OPEN_CASE, RefusalGround.LEGAL_HOLD}
    closed_person.refresh_from_db()
    open_case.refresh_from_db()
    assert closed_person.last_name == ""
    assert open_case.last_name == "Kowalska"
    assert not PersonPseudonym.objects.filter(person=closed_person).exists()
    entry = AccessLogEntry.objects.get(action=AccessAction.ANONYMISE, object_id=str(request.pk))
    assert entry.purpose == Purpose.ERASURE
    assert entry.person_ids == [closed_person.pk]

    answered = ops.answer_request(
        request_id=request.pk, by=privacy_officer, answer="Deels gewist, deels geweigerd."
    )
    assert answered.status == RequestStatus.ANSWERED
    assert set(answered.refusal_grounds) == {"open_case", "legal_hold"}
    with pytest.raises(ops.RequestRefused):
        ops.erase_persons(request_id=request.pk, by=privacy_officer)


def test_police_data_is_refused_with_the_wpg_as_ground(hub_report, close, privacy_officer):
    report = hub_report()
    close(report.case, "referred_police")
    type(report).objects.filter(pk=report.pk).update(source="police")
    request = open_for_anna(privacy_officer, kind=RequestKind.ERASURE)
    ops.search_persons(request_id=request.pk, by=privacy_officer)
    assert ops.erase_persons(request_id=request.pk, by=privacy_officer) == (
        [],
        [RefusalGround.POLICE_DATA],
    )
    refused = ops.answer_request(request_id=request.pk, by=privacy_officer, answer="Geweigerd.")
    assert refused.status == RequestStatus.REFUSED


def test_rectification_corrects_the_person_and_their_pseudonyms(hub_report, privacy_officer):
    anna = hub_report().persons.get()
    request = open_for_anna(privacy_officer, kind=RequestKind.RECTIFICATION)
    ops.search_persons(request_id=request.pk, by=privacy_officer)
    ops.rectify_person(
        request_id=request.pk, by=privacy_officer, person_id=anna.pk, field="phone",
        value="06 11223344",
    )  # fmt: skip
    anna.refresh_from_db()
    assert anna.phone == "06 11223344"
    by_new_phone = open_for_anna(privacy_officer, phone="0611223344")
    assert ops.search_persons(request_id=by_new_phone.pk, by=privacy_officer) == [anna.pk]
    by_old_phone = open_for_anna(privacy_officer, phone="0612345678")
    assert ops.search_persons(request_id=by_old_phone.pk, by=privacy_officer) == []
    entry = AccessLogEntry.objects.get(action=AccessAction.UPDATE, object_id=str(anna.pk))
    assert (entry.purpose, entry.detail["field"]) == (Purpose.RECTIFICATION, "phone")
    for field, value in (("role", "suspect"), ("sex", "male")):
        with pytest.raises(ops.RequestRefused):
            ops.rectify_person(
                request_id=request.pk, by=privacy_officer, person_id=anna.pk, field=field,
                value=value,
            )  # fmt: skip


def test_the_privacy_officers_are_reminded_once_a_week_before_the_deadline(
    privacy_officer, django_capture_on_commit_callbacks
):
    request = open_for_anna(privacy_officer, received_on=datetime.date(2027, 3, 1))
    assert request.deadline == datetime.date(2027, 4, 1)
    with time_machine.travel(datetime.datetime(2027, 3, 24, 3, 0, tzinfo=datetime.UTC)):
        assert ops.remind_deadlines() == []
    with (
        time_machine.travel(datetime.datetime(2027, 3, 25, 3, 0, tzinfo=datetime.UTC)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        (reminder,) = ops.remind_deadlines()
        assert reminder.recipients == 1
        assert ops.remind_deadlines() == []
    notification = Notification.objects.get(recipient=privacy_officer.user)
    assert request.reference in notification.subject
    assert "1 april 2027" in notification.subject
    assert "Anna" not in notification.subject + notification.body
    assert notification.link.endswith(f"/privacy/verzoeken/{request.pk}/")
    assert len(mail.outbox) == 1
    ops.extend_deadline(request_id=request.pk, by=privacy_officer, reason="Complex")
    with time_machine.travel(datetime.datetime(2027, 5, 25, 3, 0, tzinfo=datetime.UTC)):
        assert len(ops.remind_deadlines()) == 1  # the new deadline, 1 June
