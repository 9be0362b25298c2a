"""The Twente route (seed 004, §6.1) walked end to end by real users in a browser."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import ui
from zicht.casework.routing import CLOSURE_NEEDS_DONE_ACTION
from zicht.casework.workflow import Status
from zicht.intake.models import Report
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.organisations.models import Membership, Municipality, Organisation, OrganisationType

VICTIM = {
    "first_name": "Anna",
    "last_name": "Kowalska",
    "birth_date": "1999-04-02",
    "phone": "06 12345678",
}

# A real server needs a transactional database; restore the migrated reference data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def earlier_hub_case():
    """A case the hub opened earlier about the same presumed victim."""
    hub = Membership.objects.get(user__username="hub.twente")
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="regional_hub",
            municipality=Municipality.objects.get(cbs_code="GM0153"),  # Enschede
            description="Eerder signaal: vrouw in een woning in Enschede, geen eigen telefoon.",
            exploitation_forms=["sexual"],
            persons=[
                PersonData(
                    role="presumed_victim",
                    first_name="Anna",
                    last_name="Kowalska",
                    birth_date=datetime.date(1999, 4, 2),
                    phone="0612345678",
                )
            ],
        ),
        by=hub,
    )
    return report.case


def open_case_from_inbox(page: Page, reference: str) -> None:
    page.get_by_role("link", name=ui("My inbox", exact=True)).click()
    page.get_by_role("link", name=reference, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)


def step_button(page: Page, transition: str):
    return page.locator(f"form[action$='/stap/{transition}/'] button[type=submit]")


def status_badge(page: Page):
    return page.get_by_test_id("case-status")


def status_text(status: str) -> re.Pattern:
    return ui(Status(status).label, exact=True)


@pytest.mark.e2e
def test_twente_route(persona, live_server):
    earlier = earlier_hub_case()
    twente_vt = Organisation.objects.get(region__code="VR05", type=OrganisationType.VEILIG_THUIS)
    twente_police = Organisation.objects.get(region__code="VR05", type=OrganisationType.POLICE)

    # 1. The wijkcoach of Hengelo files a report with a presumed victim.
    coach = persona("wijkcoach.hengelo")
    coach.get_by_role("link", name=re.compile("^(?:Nieuwe melding|New report)$")).click()
    expect(coach.locator("#id_is_acute_0")).to_be_checked()
    coach.get_by_label(ui("What did you see or hear?", exact=True)).fill(
        "Jonge vrouw bij de supermarkt, wordt gebracht en gehaald, spreekt geen Nederlands."
    )
    coach.get_by_label(ui("Sexual exploitation", exact=True)).check()
    coach.get_by_label(ui("Role", exact=True)).select_option("presumed_victim")
    coach.get_by_label(ui("First name", exact=True)).fill(VICTIM["first_name"])
    coach.get_by_label(ui("Last name", exact=True)).fill(VICTIM["last_name"])
    coach.get_by_label(ui("Date of birth", exact=True)).fill(VICTIM["birth_date"])
    coach.get_by_label(ui("Phone", exact=True)).fill(VICTIM["phone"])
    coach.get_by_role("button", name=ui("Send report", exact=True)).click()
    heading = coach.get_by_role("heading", level=1)
    expect(heading).to_contain_text(re.compile(r"M-\d{4}-\d{6}"))
    report_id = int(re.search(r"M-\d{4}-(\d{6})", heading.inner_text()).group(1))
    case = Report.objects.get(pk=report_id).case
    reference = case.reference
    case_url = f"{live_server.url}/casussen/{case.pk}/"
    expect(coach.get_by_test_id("report-status")).to_have_text(status_text(Status.RECEIVED))

    # 2. Hengelo's focal officer opens it from the inbox, enriches, reports to the hub.
    focal = persona("afm.hengelo")
    open_case_from_inbox(focal, reference)
    expect(status_badge(focal)).to_have_text(status_text(Status.RECEIVED))
    focal.locator("#id_start_enriching-note").fill("Navraag bij wijkteam en leerplicht gedaan.")
    step_button(focal, "start_enriching").click()
    expect(status_badge(focal)).to_have_text(status_text(Status.ENRICHING))
    focal.locator("#id_report_to_hub-note").fill("Vermoeden blijft; melding aan het Kenniscentrum.")
    step_button(focal, "report_to_hub").click()
    expect(status_badge(focal)).to_have_text(status_text(Status.REPORTED_TO_HUB))

    # 3. The hub sees it, finds the earlier case and links it.
    hub = persona("hub.twente")
    open_case_from_inbox(hub, reference)
    expect(status_badge(hub)).to_have_text(status_text(Status.REPORTED_TO_HUB))
    hub.get_by_role("button", name=ui("Check whether already known", exact=True)).click()
    known = hub.locator("#known-result")
    expect(known).to_contain_text(earlier.reference)
    known.get_by_role("button", name=ui("Link to this case", exact=True)).click()
    expect(hub.locator("section[aria-labelledby=links-h]")).to_contain_text(earlier.reference)

    # 4. Follow-up actions for Veilig Thuis and for the police.
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    for kind, owner in (("veilig_thuis", twente_vt), ("police_report", twente_police)):
        hub.get_by_label(ui("Action", exact=True)).select_option(kind)
        hub.get_by_label(ui("Owning organisation", exact=True)).select_option(label=owner.name)
        hub.get_by_label(ui("Due on", exact=True)).fill(due)
        hub.get_by_role("button", name=ui("Add action", exact=True)).click()
        expect(hub.get_by_test_id("action").filter(has_text=owner.name)).to_have_count(1)
    expect(status_badge(hub)).to_have_text(status_text(Status.FOLLOW_UP))

    # 5. Closing before any action is done is refused, with a clear message.
    close_form = hub.locator("form[action$='/stap/close/']")
    close_form.get_by_label(ui("Reason for closing", exact=True)).select_option(
        "referred_veilig_thuis"
    )
    close_form.get_by_label(ui("I confirm that the follow-up is secured", exact=True)).check()
    close_form.get_by_role("button", name=ui("Close the case", exact=True)).click()
    # The refusal comes back on the page with the form as it was filled in.
    expect(hub.get_by_test_id("error-summary")).to_contain_text(ui(str(CLOSURE_NEEDS_DONE_ACTION)))
    expect(
        close_form.get_by_label(ui("I confirm that the follow-up is secured", exact=True))
    ).to_be_checked()
    expect(status_badge(hub)).to_have_text(status_text(Status.FOLLOW_UP))
    case.refresh_from_db()
    assert case.status == Status.FOLLOW_UP

    # 6. Veilig Thuis accepts its handover and completes the action.
    vt = persona("vt.twente")
    vt.get_by_role("link", name=reference, exact=True).first.click()
    vt_action = vt.get_by_test_id("action").filter(has_text=twente_vt.name)
    vt_action.get_by_label(ui("Accept", exact=True)).check()
    vt_action.get_by_role("button", name=ui("Confirm decision", exact=True)).click()
    vt_action = vt.get_by_test_id("action").filter(has_text=twente_vt.name)
    vt_action.get_by_label(ui("Outcome of the action", exact=True)).fill(
        "Melding meldcode opgepakt; veiligheidsplan gemaakt."
    )
    vt_action.get_by_role("button", name=ui("Mark as done", exact=True)).click()
    expect(vt.get_by_test_id("action").filter(has_text=twente_vt.name)).to_contain_text(
        "veiligheidsplan gemaakt"
    )
    # The police action stays with the police: Veilig Thuis cannot complete it.
    expect(
        vt.get_by_test_id("action").filter(has_text=twente_police.name).locator("textarea")
    ).to_have_count(0)

    # 7. Now the hub closes the case and gives feedback.
    hub.goto(case_url)
    close_form = hub.locator("form[action$='/stap/close/']")
    close_form.get_by_label(ui("Reason for closing", exact=True)).select_option(
        "referred_veilig_thuis"
    )
    close_form.get_by_label(ui("I confirm that the follow-up is secured", exact=True)).check()
    close_form.get_by_role("button", name=ui("Close the case", exact=True)).click()
    expect(status_badge(hub)).to_have_text(status_text(Status.CLOSED))
    feedback_text = "Casus gesloten: Veilig Thuis heeft de zorg opgepakt, politie is geïnformeerd."
    hub.get_by_label(ui("Feedback to the focal officer", exact=True)).fill(feedback_text)
    hub.get_by_role("button", name=ui("Send feedback", exact=True)).click()
    expect(hub.get_by_test_id("feedback")).to_contain_text(feedback_text)

    # 8. The focal officer sees the feedback on the case page.
    focal.goto(case_url)
    expect(status_badge(focal)).to_have_text(status_text(Status.CLOSED))
    expect(focal.get_by_test_id("feedback")).to_contain_text(feedback_text)

    # 9. Enschede's focal officer gets nothing for this case.
    enschede = persona("afm.enschede")
    response = enschede.goto(case_url)
    assert response is not None
    assert response.status == 404
    expect(enschede.get_by_text(reference)).to_have_count(0)

    # 10. The administrator sees every read of the case in the access log.
    admin = persona("beheer")
    expect(admin.get_by_role("heading", level=1)).to_have_text(ui("Access log", exact=True))
    admin.get_by_label(ui("Case or report", exact=True)).fill(reference)
    admin.get_by_role("button", name=ui("Filter", exact=True)).click()
    rows = admin.get_by_test_id("log-entry").filter(has_text=reference)
    read = rows.filter(has=admin.locator("td", has_text=ui("read")))
    for username in ("afm.hengelo", "hub.twente", "vt.twente"):
        expect(
            read.filter(has=admin.get_by_role("link", name=username, exact=True))
        ).not_to_have_count(0)
    expect(rows.filter(has_text="afm.enschede")).to_have_count(0)
