"""The privacy pages: who may open them (outsiders get nothing), Dutch errors for bad input
(never a 500), and each step through the operations."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zicht.audit.models import AccessAction, AccessLogEntry, Purpose
from zicht.organisations.models import Membership, Organisation, Role
from zicht.privacy.models import LegalHold, RequestStatus, SubjectRequest

pytestmark = pytest.mark.django_db

ANNA = {
    "kind": "access",
    "received_on": "2-11-2026",
    "first_name": "Anna",
    "last_name": "Kowalska",
    "birth_date": "2-4-1999",
}


@pytest.mark.parametrize(
    "username", ["hub.twente", "afm.hengelo", "analist.twente", "wijkcoach.hengelo", "beheer"]
)
def test_only_the_privacy_officer_handles_requests(signed_in, username):
    client = signed_in(username)
    for name in ("privacy:overview", "privacy:new_request"):
        assert client.get(reverse(name)).status_code == 403


def test_the_retention_page_is_for_the_privacy_officer_and_the_administrator(signed_in):
    assert signed_in("hub.twente").get(reverse("privacy:retention")).status_code == 403
    page = signed_in("beheer").get(reverse("privacy:retention"))
    assert page.status_code == 200
    assert b'data-record-type="closed_case"' in page.content
    assert b"Bewaarplicht vastleggen" not in page.content  # holds are the privacy officer's
    page = signed_in("privacy.twente").get(reverse("privacy:retention"))
    assert "Wat vannacht verdwijnt" in page.content.decode()
    assert "Bewaarplicht vastleggen" in page.content.decode()


def test_a_privacy_officer_lands_on_the_requests(signed_in):
    response = signed_in("privacy.twente").get(reverse("casework:inbox"))
    assert response["Location"] == reverse("privacy:overview")


def test_a_request_is_recorded_searched_and_answered(signed_in, hub_report):
    anna = hub_report().persons.get()
    client = signed_in("privacy.twente")
    response = client.post(reverse("privacy:new_request"), ANNA)
    request = SubjectRequest.objects.get()
    assert response["Location"] == reverse("privacy:request_detail", args=[request.pk])
    assert "2 december 2026" in client.get(response["Location"]).content.decode()

    detail = reverse("privacy:request_detail", args=[request.pk])
    response = client.post(detail, {"step": "search"}, follow=True)
    page = response.content.decode()
    assert "1 persoon gevonden." in page
    assert "Kowalska" in page
    reads = AccessLogEntry.objects.filter(action=AccessAction.READ, object_id=str(request.pk))
    assert all(e.purpose == Purpose.SUBJECT_ACCESS and e.person_ids == [anna.pk] for e in reads)
    assert reads.exists()

    pdf = client.get(reverse("privacy:dossier_pdf", args=[request.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Cache-Control"] == "no-store"

    response = client.post(detail, {"step": "answer", "answer-answer": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    response = client.post(detail, {"step": "answer", "answer-answer": "Overzicht verstuurd."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"received_on": "31-12-2999"}, "Een verzoek kan niet in de toekomst ontvangen zijn."),
        ({"received_on": "31-02-2026"}, "Voer een geldige datum in."),
        ({"birth_date": "1-1-1800"}, "Geef een geboortedatum tussen 1900 en vandaag."),
        ({"kind": "everything"}, "Selecteer een geldige keuze."),
        ({"first_name": "", "birth_date": ""}, "Geef ten minste voornaam, achternaam"),
        ({"first_name": "A" * 101}, "niet meer dan 100 tekens"),
        ({"phone": "0" * 41, "first_name": ""}, "niet meer dan 40 tekens"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_no_request(signed_in, change, message):
    response = signed_in("privacy.twente").post(reverse("privacy:new_request"), ANNA | change)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'data-testid="error-summary"' in response.content.decode()
    assert not SubjectRequest.objects.exists()


def test_steps_refused_by_the_law_or_the_state_say_why(signed_in):
    client = signed_in("privacy.twente")
    client.post(reverse("privacy:new_request"), ANNA)
    detail = reverse("privacy:request_detail", args=[SubjectRequest.objects.get().pk])
    response = client.post(detail, {"step": "erase"})
    assert response.status_code == 400
    assert "Alleen een open verzoek om te wissen" in response.content.decode()
    response = client.post(detail, {"step": "rectify", "rectify-person": "1"})
    assert response.status_code == 400


def test_another_regions_request_is_not_found(signed_in, member):
    client = signed_in("privacy.twente")
    client.post(reverse("privacy:new_request"), ANNA)
    request = SubjectRequest.objects.get()
    outsider = signed_in("afm.enschede")  # signs in first; then becomes Zeeland's officer
    zeeland = Organisation.objects.get(type="regional_hub", region__code="VR19")
    other = Membership.objects.create(
        user=member("afm.enschede").user, organisation=zeeland, role=Role.PRIVACY_OFFICER
    )
    session = outsider.session
    session["zicht_membership_id"] = other.pk
    session.save()
    assert outsider.get(reverse("privacy:overview")).status_code == 200
    for name in ("privacy:request_detail", "privacy:dossier_pdf"):
        assert outsider.get(reverse(name, args=[request.pk])).status_code == 404


def test_a_hold_is_placed_and_lifted_on_the_retention_page(signed_in, hub_report):
    case = hub_report().case
    client = signed_in("privacy.twente")
    response = client.post(
        reverse("privacy:hold"), {"case_reference": "C-2026-999999", "reason": "Onderzoek"}
    )
    assert response.status_code == 400
    assert "Geen casus in uw regio heeft dit kenmerk." in response.content.decode()
    response = client.post(
        reverse("privacy:hold"), {"case_reference": case.reference, "reason": "Onderzoek"}
    )
    assert response.status_code == 302
    hold = LegalHold.objects.active().get()
    page = client.get(reverse("privacy:retention")).content.decode()
    assert f"Bewaarplicht op {case.reference} opheffen" in page
    client.post(reverse("privacy:lift_hold", args=[hold.pk]))
    assert not LegalHold.objects.active().exists()
    response = client.post(reverse("privacy:lift_hold", args=[hold.pk]), follow=True)
    assert "Deze bewaarplicht is al opgeheven." in response.content.decode()


def test_a_birth_date_is_corrected_on_the_page_in_dutch_notation(signed_in, hub_report):
    anna = hub_report().persons.get()
    client = signed_in("privacy.twente")
    client.post(reverse("privacy:new_request"), ANNA | {"kind": "rectification"})
    detail = reverse("privacy:request_detail", args=[SubjectRequest.objects.get().pk])
    client.post(detail, {"step": "search"})
    step = {"step": "rectify", "rectify-person": anna.pk, "rectify-field": "birth_date"}
    response = client.post(detail, step | {"rectify-value": "31-2-1999"})
    assert response.status_code == 400
    assert "Geef de datum als dag-maand-jaar" in response.content.decode()
    response = client.post(detail, step | {"rectify-value": "3-4-1999"}, follow=True)
    assert "De verbetering is doorgevoerd." in response.content.decode()
    anna.refresh_from_db()
    assert anna.birth_date.isoformat() == "1999-04-03"
