"""A partner sees what its handover needs: before accepting, only what it needs to decide;
after accepting, the reports and persons; after declining, nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from zicht.audit.models import AccessAction, AccessLogEntry
from zicht.casework import actions, routing
from zicht.casework.disclosure import Extent, disclosure_for
from zicht.casework.models import ActionKind, Handover
from zicht.organisations.models import Organisation, OrganisationType


@pytest.fixture
def handover(make_report, member):
    case = make_report().case
    routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"))
    action = actions.add_action(
        case_id=case.pk,
        by=member("hub.twente"),
        kind=ActionKind.VEILIG_THUIS,
        owner=Organisation.objects.get(type=OrganisationType.VEILIG_THUIS, region=case.region),
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        instructions="Huisbezoek met de wijkcoach.",
    )
    return Handover.objects.get(action=action)


def _case_page(client, handover):
    return client.get(reverse("casework:case_detail", args=[handover.case_id]))


def _last_read(handover):
    return AccessLogEntry.objects.filter(
        action=AccessAction.READ, object_type="casework.case", object_id=str(handover.case_id)
    ).latest("id")


def test_a_pending_partner_sees_what_it_needs_to_decide_and_no_names(signed_in, handover):
    response = _case_page(signed_in("vt.twente"), handover)
    page = response.content.decode()
    assert response.status_code == 200
    assert handover.case.reference in page
    assert "Huisbezoek met de wijkcoach." in page  # the instructions
    assert handover.case.municipality.name in page
    assert "Kowalska" not in page
    assert "Anna" not in page
    assert "06 12345678" not in page
    assert "lijkt niet vrij te kunnen gaan" not in page  # the report text
    entry = _last_read(handover)
    assert entry.person_ids == []
    assert entry.purpose == "handover decision"


def test_a_pending_partner_cannot_open_the_report(signed_in, handover):
    report = handover.case.reports.get()
    response = signed_in("vt.twente").get(reverse("intake:report_detail", args=[report.pk]))
    assert response.status_code == 404


def test_an_accepted_partner_sees_the_reports_and_persons(signed_in, handover, member):
    actions.decide_handover(handover_id=handover.pk, by=member("vt.twente"), accept=True)
    client = signed_in("vt.twente")
    page = _case_page(client, handover).content.decode()
    assert "Kowalska" in page
    assert "lijkt niet vrij te kunnen gaan" in page
    entry = _last_read(handover)
    person_ids = list(handover.case.reports.get().persons.values_list("pk", flat=True))
    assert entry.person_ids == person_ids
    assert entry.purpose == "accepted handover"
    report = handover.case.reports.get()
    assert client.get(reverse("intake:report_detail", args=[report.pk])).status_code == 200


def test_an_accepted_partner_does_not_see_the_rest_of_the_case(signed_in, handover, member):
    actions.decide_handover(handover_id=handover.pk, by=member("vt.twente"), accept=True)
    routing.flag_safety_risk(case_id=handover.case_id, by=member("afm.hengelo"), note="Dreiging")
    page = _case_page(signed_in("vt.twente"), handover).content.decode()
    assert 'data-testid="timeline"' not in page
    assert "Dreiging" not in page


def test_a_declining_partner_sees_nothing_more(signed_in, handover, member):
    actions.decide_handover(
        handover_id=handover.pk, by=member("vt.twente"), accept=False, reason="Geen capaciteit"
    )
    client = signed_in("vt.twente")
    assert _case_page(client, handover).status_code == 404
    report = handover.case.reports.get()
    assert client.get(reverse("intake:report_detail", args=[report.pk])).status_code == 404


def test_the_hub_and_the_focal_officer_see_the_whole_case(handover, member):
    for username in ("hub.twente", "afm.hengelo"):
        assert disclosure_for(handover.case, member(username)).extent == Extent.WHOLE_CASE
    assert disclosure_for(handover.case, member("vt.twente")).extent == Extent.HANDOVER_DECISION
