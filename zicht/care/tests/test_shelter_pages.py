"""The shelter pages: the hub reserves from the case's victim, the provider decides, an
outsider gets nothing, every read of a placement is logged with its purpose, and the acute
case page offers shelter at once outside office hours."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.audit.models import AccessLogEntry
from zicht.care import shelter
from zicht.care.models import Placement
from zicht.care.shelter import UnitSpec
from zicht.organisations.models import Organisation, OrganisationType
from zicht.organisations.tests.factories import MembershipFactory

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def provider(demo):
    return Organisation.objects.get(region__code="VR05", type=OrganisationType.SHELTER)


@pytest.fixture
def bed(hub, provider):
    return shelter.register_unit(
        by=hub, provider=provider, spec=UnitSpec("Crisisbed Almelo", "crisis_bed", 1)
    )


@pytest.fixture
def shelter_worker(provider):
    membership = MembershipFactory(organisation=provider, role="partner_member")
    TOTPDevice.objects.create(user=membership.user, name="test", confirmed=True)
    return membership


def test_the_hub_reserves_a_place_from_the_victims_page(signed_in, case, victim, bed):
    client = signed_in("hub.twente")
    url = reverse("care:request_placement", args=[case.pk, victim.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Crisisbed Almelo" in page.content.decode()
    assert AccessLogEntry.objects.filter(
        object_type="intake.involvedperson", object_id=str(victim.pk), purpose="care coordination"
    ).exists()
    answer = client.post(url, {"shelter-shelter_type": "", "shelter-unit": str(bed.pk)})
    placement = Placement.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("care:placement_detail", args=[placement.pk])
    # The bed is taken now: another try is refused in words, nothing changed.
    again = client.post(url, {"shelter-unit": str(bed.pk)})
    assert again.status_code == 400
    assert "al een gereserveerde of bezette opvangplek" in again.content.decode()
    assert Placement.objects.count() == 1


def test_the_provider_decides_and_its_reads_are_logged(
    signed_in, case, victim, bed, hub, shelter_worker
):
    placement = shelter.request_placement(case_id=case.pk, person_id=victim.pk, by=hub)
    client = signed_in(shelter_worker.user.username)
    url = reverse("care:placement_detail", args=[placement.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'data-testid="placement-decision"' in page.content.decode()
    entry = AccessLogEntry.objects.filter(object_type="care.placement").latest("pk")
    assert (entry.purpose, entry.person_ids) == ("handover decision", [victim.pk])
    bad = client.post(
        reverse("care:decide_placement", args=[placement.pk]), {"decide-decision": "decline"}
    )
    assert bad.status_code == 400
    assert "Geef aan waarom" in bad.content.decode()
    client.post(
        reverse("care:decide_placement", args=[placement.pk]), {"decide-decision": "accept"}
    )
    placement.refresh_from_db()
    assert placement.status == "placed"


def test_an_outsider_gets_nothing(signed_in, case, victim, bed, hub):
    placement = shelter.request_placement(case_id=case.pk, person_id=victim.pk, by=hub)
    for username in ("politie.twente", "vt.twente", "afm.hengelo"):
        client = signed_in(username)
        assert client.get(reverse("care:placement_detail", args=[placement.pk])).status_code == 404
        assert (
            client.post(
                reverse("care:end_placement", args=[placement.pk]), {"end-reason": "left"}
            ).status_code
            == 404
        )
        assert client.get(
            reverse("care:request_placement", args=[case.pk, victim.pk])
        ).status_code in (403, 404)
    placement.refresh_from_db()
    assert placement.status == "reserved"


@pytest.mark.parametrize(
    ("moment", "offered"),
    [
        (datetime.datetime(2026, 11, 28, 22, 0, tzinfo=AMSTERDAM), True),  # Saturday night
        (datetime.datetime(2026, 11, 24, 10, 30, tzinfo=AMSTERDAM), False),  # Tuesday morning
    ],
)
def test_the_acute_case_page_offers_shelter_at_once_outside_office_hours(
    signed_in, make_report, moment, offered
):
    with time_machine.travel(moment, tick=False):
        case = make_report(acute=True).case
        page = signed_in("hub.twente").get(reverse("casework:case_detail", args=[case.pk]))
    html = page.content.decode()
    assert ('data-testid="shelter-now"' in html) is offered
    assert "Opvangplek zoeken" in html
