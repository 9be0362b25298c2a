"""Safe shelter at any hour, in a browser: on a Saturday at 22:00 an acute report about a
young woman comes in; the Twente hub's case page offers a shelter place at once (CoMensha
places only in office hours), the hub reserves the best fitting bed, the shelter accepts it,
the hub opens her care trajectory and the care coordinator opens it and finds the placement.
Every new page at three widths (test-results/screens/), measured for overflow, axe-checked."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from e2e.conftest import ui
from e2e.test_care import looked_at
from zicht.care import shelter
from zicht.care.models import CareTrajectory, Placement
from zicht.care.shelter import UnitSpec
from zicht.demo.organisations import DEMO_PASSWORD, demo_totp_key
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.organisations.models import Membership, Municipality, Organisation, OrganisationType
from zicht.organisations.tests.factories import PartnerMemberFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SATURDAY_22 = datetime.datetime(2026, 11, 28, 22, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))


def shelter_worker(provider: Organisation) -> str:
    """A member of the shelter, signed in like the demo users (their own TOTP key)."""
    membership = PartnerMemberFactory(organisation=provider, user__username="opvang.twente")
    membership.user.set_password(DEMO_PASSWORD)
    membership.user.save(update_fields=["password"])
    TOTPDevice.objects.create(
        user=membership.user, name="demo", key=demo_totp_key("opvang.twente"), confirmed=True
    )
    return "opvang.twente"


@pytest.mark.e2e
def test_the_hub_places_a_victim_at_night_and_the_coordinator_opens_the_trajectory(
    persona, live_server
):
    hub_member = Membership.objects.get(user__username="hub.twente")
    provider = Organisation.objects.get(region__code="VR05", type=OrganisationType.SHELTER)
    for spec in (
        UnitSpec("Jeugdopvang Twente", "youth", 2, min_age=12, max_age=17),
        UnitSpec("Crisisbed Hengelo", "crisis_bed", 1),
        UnitSpec("Vrouwenopvang Twente", "womens_shelter", 4, "women", secret_address=True),
    ):
        shelter.register_unit(by=hub_member, provider=provider, spec=spec)
    worker = shelter_worker(provider)
    problems: list[str] = []

    with time_machine.travel(SATURDAY_22, tick=True):
        report, _ = submit_report(
            submission_key=uuid.uuid4(),
            data=ReportData(
                source="police",
                municipality=Municipality.objects.get(cbs_code="GM0164"),
                description="Jonge vrouw op straat, gevlucht uit een woning, durft niet terug.",
                is_acute=True,
                exploitation_forms=["sexual"],
                persons=[
                    PersonData(
                        role="presumed_victim",
                        first_name="Ioana",
                        last_name="Popescu",
                        birth_date=datetime.date(2001, 6, 12),
                        sex="female",
                    )
                ],
            ),
            by=hub_member,
        )
        case = report.case
        assert case is not None

        # 1. Saturday 22:00, acute: the case page offers a shelter place at once.
        hub = persona("hub.twente")
        hub.goto(f"{live_server.url}/casussen/{case.pk}/")
        expect(hub.get_by_test_id("shelter-now")).to_be_visible()
        hub.get_by_test_id("case-care").get_by_role("link", name=ui("Find a shelter place")).click()
        expect(hub.get_by_role("heading", level=1)).to_have_text(ui("Find a shelter place"))
        expect(hub.get_by_test_id("after-hours")).to_be_visible()
        # The youth unit is not offered to an adult; the crisis bed and the women's shelter are.
        units = hub.get_by_test_id("fitting-units")
        expect(units).to_contain_text("Crisisbed Hengelo")
        expect(units).not_to_contain_text("Jeugdopvang")
        problems += looked_at(hub, "shelter-request")

        # 2. She needs a secret address: the women's shelter is reserved for her.
        hub.get_by_label(ui("A secret address is needed")).check()
        hub.get_by_role(
            "button", name=ui("Find and reserve the best fitting place", exact=True)
        ).click()
        expect(hub.get_by_test_id("placement-status")).to_have_text(
            ui("Reserved, awaiting the provider", exact=True)
        )
        expect(hub.get_by_test_id("placement-unit")).to_contain_text("Vrouwenopvang Twente")
        problems += looked_at(hub, "shelter-placement-hub")
        placement = Placement.objects.get()
        assert placement.requested_at.astimezone(SATURDAY_22.tzinfo).hour == 22

        # 3. The shelter accepts, from the link in its urgent notification.
        opvang = persona(worker)
        opvang.goto(f"{live_server.url}/zorg/opvang/plaatsingen/{placement.pk}/")
        decision = opvang.get_by_test_id("placement-decision")
        expect(decision).to_be_visible()
        problems += looked_at(opvang, "shelter-placement-provider")
        decision.get_by_label(ui("Accept the placement", exact=True)).check()
        decision.get_by_role("button", name=ui("Record the decision", exact=True)).click()
        expect(opvang.get_by_test_id("placement-status")).to_have_text(ui("Placed", exact=True))

        # 4. The hub opens her care trajectory, coordinated by the hub's care coordinator.
        hub.goto(f"{live_server.url}/casussen/{case.pk}/")
        care = hub.get_by_test_id("case-care")
        expect(care.get_by_test_id("victim-placement")).to_contain_text(placement.reference)
        care.get_by_role("button", name=ui("Open a care trajectory", exact=True)).click()
        trajectory = CareTrajectory.objects.get()

        # 5. The coordinator opens the trajectory and finds the placement on it.
        coordinator = persona("zorgcoordinator.twente")
        coordinator.get_by_role("link", name=ui("Care", exact=True)).click()
        coordinator.get_by_role("link", name=trajectory.reference).click()
        expect(coordinator.get_by_test_id("trajectory-person")).to_contain_text("Ioana Popescu")
        on_trajectory = coordinator.get_by_test_id("trajectory-shelter")
        expect(on_trajectory).to_contain_text("Vrouwenopvang Twente")
        on_trajectory.get_by_role("link", name=placement.reference).click()
        expect(coordinator.get_by_test_id("placement-status")).to_have_text(
            ui("Placed", exact=True)
        )

        # 6. The hub's overview of places and placements.
        hub.get_by_role("link", name=ui("Shelter", exact=True)).click()
        expect(hub.get_by_test_id("placements")).to_contain_text(placement.reference)
        problems += looked_at(hub, "shelter-overview")

    placement.refresh_from_db()
    assert placement.status == "placed"
    assert placement.unit.occupied == 1
    assert not problems, "\n".join(problems)
