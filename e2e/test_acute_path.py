"""The acute path: danger first, instructions at once, the hub and police told at once."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import ui
from zicht.casework.workflow import Status
from zicht.intake.models import Report
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.notifications.models import Notification
from zicht.organisations.models import Membership, Municipality

# A real server needs a transactional database; restore the migrated reference data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def earlier_ordinary_report():
    """An ordinary report that reached the hub first, so "on top" means something."""
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="care",
            municipality=Municipality.objects.get(cbs_code="GM0153"),
            description="Man werkt zeven dagen per week in een loods, slaapt daar ook.",
            exploitation_forms=["labour"],
            persons=[PersonData(role="presumed_victim", first_name="Piotr", last_name="Nowak")],
        ),
        by=Membership.objects.get(user__username="vt.twente"),
        route_to="hub",
    )
    return report.case


@pytest.mark.e2e
def test_acute_report_shows_instructions_tops_the_hub_inbox_and_notifies_at_once(persona):
    ordinary = earlier_ordinary_report()
    mail.outbox.clear()

    coach = persona("wijkcoach.hengelo")
    coach.get_by_role("link", name=re.compile("^(?:Nieuwe melding|New report)$")).click()
    coach.get_by_label(ui("Yes, there is acute danger", exact=True)).check()
    coach.get_by_label(ui("What did you see or hear?", exact=True)).fill(
        "Meisje belt in paniek vanuit een woning aan de Enschedesestraat; zegt dat ze niet weg mag."
    )
    coach.get_by_label(ui("Sexual exploitation", exact=True)).check()
    coach.get_by_label(ui("First name", exact=True)).fill("Ioana")
    coach.get_by_label(ui("Date of birth", exact=True)).fill(
        (timezone.localdate() - datetime.timedelta(days=16 * 365)).isoformat()
    )
    coach.get_by_role("button", name=ui("Send report", exact=True)).click()

    # The confirmation page shows the emergency instructions at once.
    alert = coach.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("112")
    expect(alert).to_contain_text("0900-8844")  # police, no emergency
    expect(alert).to_contain_text("0800-2000")  # Veilig Thuis
    expect(alert).to_contain_text(re.compile("Veilig Thuis"))
    heading = coach.get_by_role("heading", level=1)
    expect(heading).to_contain_text(re.compile(r"M-\d{4}-\d{6}"))
    report = Report.objects.get(
        pk=int(re.search(r"M-\d{4}-(\d{6})", heading.inner_text()).group(1))
    )
    case = report.case
    assert report.is_acute
    assert case.status == Status.ACUTE

    # An urgent notification went out by e-mail to the hub and the police contact.
    urgent = [m for m in mail.outbox if case.reference in m.subject]
    recipients = {address for message in urgent for address in message.to}
    assert "hub.twente@demo.zicht.invalid" in recipients, [m.to for m in mail.outbox]
    assert "politie.twente@demo.zicht.invalid" in recipients, [m.to for m in mail.outbox]
    assert (
        Notification.objects.filter(
            recipient__username__in=["hub.twente", "politie.twente"],
            is_urgent=True,
            sent_at__isnull=False,
        ).count()
        == 2
    )

    # The case is on top of the hub's inbox, in the acute section.
    hub = persona("hub.twente")
    acute_section = hub.get_by_test_id("group-acute")
    expect(acute_section.get_by_role("heading", level=2)).to_contain_text(ui("Acute danger"))
    expect(acute_section.get_by_role("link", name=case.reference, exact=True)).to_be_visible()
    expect(acute_section.get_by_role("link", name=ordinary.reference, exact=True)).to_have_count(0)
    first_case_link = hub.locator("main table a").first
    expect(first_case_link).to_have_text(case.reference)
    # The ordinary case is still in the inbox, below the acute one, among the cases to take up.
    take_up = hub.get_by_test_id("group-take_up")
    expect(take_up.get_by_role("link", name=ordinary.reference, exact=True)).to_be_visible()
