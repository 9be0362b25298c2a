"""The case table in a browser: Twente's table meets. The hub puts a victim's case on the
agenda under the care covenant, with care details; the table's secretary puts the case's
suspect on it under the RIEC covenant, records a decision (it becomes a follow-up action
for the police on the case), a location ban with electronic monitoring, and the minutes.
The police member sees the suspect's item but nothing of the care item, not even by its
address; Veilig Thuis, under the care covenant, sees the care details. Every page at three
widths (screenshots in test-results/screens/), measured for overflow and checked with axe."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from e2e.test_case_page import WIDTHS, overflow_problems, screenshot
from zicht.casetable.models import AgendaItem, Decision, Meeting
from zicht.casework import routing
from zicht.casework.models import ActionStatus, Case
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.organisations.models import Membership, Municipality

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CARE_DETAILS = "Traumabehandeling gestart; woont op een geheim adres."


def tabled_case() -> Case:
    """A Hengelo case the hub registered and took into follow-up: a victim and a suspect."""
    hub = Membership.objects.get(user__username="hub.twente")
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="regional_hub",
            municipality=Municipality.objects.get(cbs_code="GM0164"),
            description="Arbeidsmigranten in een bedrijfspand; werkgever houdt loon in.",
            exploitation_forms=["labour"],
            persons=[
                PersonData(role="presumed_victim", first_name="Ioana", last_name="Popescu"),
                PersonData(role="suspect", first_name="Marek", last_name="Nowakowski"),
            ],
        ),
        by=hub,
    )
    case = report.case
    assert case is not None
    routing.start_follow_up(case_id=case.pk, by=hub, note="Naar de casustafel.")
    return case


def looked_at(page: Page, name: str) -> list[str]:
    """Screenshots at every width, what sticks out, and axe's findings at the last width."""
    problems: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"{name}-{width}")
        problems += [f"{name} {width}px: {p}" for p in overflow_problems(page)]
    violations = run_axe(page)
    if violations:
        problems.append(format_violations(name, violations))
    return problems


@pytest.mark.e2e
def test_a_table_meeting_is_held_and_the_police_do_not_see_care(persona, live_server):
    case = tabled_case()
    problems: list[str] = []
    today = timezone.localdate()

    # 1. The secretary plans today's meeting from the table's page.
    secretary = persona("tafel.twente")
    secretary.get_by_role("link", name=ui("Case table", exact=True)).click()
    expect(secretary.get_by_role("heading", level=1)).to_have_text(ui("Case table"))
    secretary.get_by_label(ui("Date of the meeting", exact=True)).fill(today.isoformat())
    problems += looked_at(secretary, "casetable-overview")
    secretary.get_by_role("button", name=ui("Plan the meeting", exact=True)).click()
    meeting = Meeting.objects.get()
    expect(secretary.get_by_test_id("meeting-status")).to_have_text(ui("Planned", exact=True))

    # 2. The hub, which sees every case of the region, puts the case on the agenda under
    # the care covenant; a wrong reference first: a message, nothing added.
    hub = persona("hub.twente")
    hub.goto(f"{live_server.url}/casustafel/overleggen/{meeting.pk}/")
    hub.get_by_label(ui("Case reference", exact=True)).fill("C-1999-000001")
    hub.get_by_label(ui("Legal basis for sharing", exact=True)).select_option("care")
    hub.get_by_label(ui("What the table discusses", exact=True)).fill(
        "Veiligheid van het slachtoffer en de aangifte."
    )
    hub.get_by_label(ui("Care details", exact=True)).fill(CARE_DETAILS)
    hub.get_by_role("button", name=ui("Put on the agenda", exact=True)).click()
    expect(hub.get_by_test_id("error-summary")).to_contain_text(
        ui("No case with that reference that you may see.")
    )
    assert not AgendaItem.objects.exists()
    hub.get_by_label(ui("Case reference", exact=True)).fill(case.reference)
    hub.get_by_role("button", name=ui("Put on the agenda", exact=True)).click()
    expect(hub.get_by_test_id("agenda-item")).to_contain_text(case.reference)
    care_item = AgendaItem.objects.get()

    # 3. The secretary now sees the case, and puts its suspect on the agenda (RIEC).
    secretary.goto(f"{live_server.url}/casustafel/punten/{care_item.pk}/")
    expect(secretary.get_by_test_id("care-details")).to_contain_text(CARE_DETAILS)
    suspect_form = secretary.locator("form", has_text="Nowakowski")
    suspect_form.get_by_label(ui("What the table discusses", exact=True)).fill(
        "Dadergerichte aanpak: barrières opwerpen."
    )
    suspect_form.get_by_role("button", name=ui("Put this suspect on the agenda")).click()
    expect(secretary.get_by_test_id("item-person")).to_contain_text("Nowakowski")
    suspect_item = AgendaItem.objects.get(person__isnull=False)

    # 4. A decision that becomes the police's follow-up action on the case.
    secretary.get_by_label(ui("Decision", exact=True)).fill("Gebiedsverbod aanvragen.")
    secretary.get_by_label(ui("Follow-up action", exact=True)).select_option("offender_approach")
    police_org = Membership.objects.get(user__username="politie.twente").organisation
    secretary.get_by_label(ui("Owning organisation", exact=True)).select_option(
        label=police_org.name
    )
    secretary.get_by_label(ui("Due on", exact=True)).fill(
        (today + datetime.timedelta(days=30)).isoformat()
    )
    secretary.get_by_role("button", name=ui("Record the decision", exact=True)).click()
    expect(secretary.get_by_test_id("decision")).to_contain_text("Gebiedsverbod aanvragen.")
    decision = Decision.objects.get()
    assert decision.action.case_id == case.pk
    assert decision.action.owner == police_org
    assert decision.action.status == ActionStatus.AWAITING_ACCEPTANCE

    # 5. A measure: an end before the start is refused; then a location ban with monitoring.
    measures = secretary.get_by_test_id("measures")
    measures.get_by_label(ui("Measure", exact=True)).select_option("location_ban")
    measures.get_by_label(ui("With electronic monitoring (location ban only)")).check()
    measures.get_by_label(ui("From", exact=True)).fill(today.isoformat())
    measures.get_by_label(ui("Until", exact=True)).fill(
        (today - datetime.timedelta(days=1)).isoformat()
    )
    measures.get_by_role("button", name=ui("Record the measure", exact=True)).click()
    expect(secretary.get_by_test_id("error-summary")).to_contain_text(
        ui("The end cannot be before the start.")
    )
    measures = secretary.get_by_test_id("measures")
    measures.get_by_label(ui("Until", exact=True)).fill(
        (today + datetime.timedelta(days=180)).isoformat()
    )
    measures.get_by_role("button", name=ui("Record the measure", exact=True)).click()
    expect(secretary.get_by_test_id("measure")).to_contain_text(ui("with electronic monitoring"))
    problems += looked_at(secretary, "casetable-item")

    # 6. The minutes: the meeting is held.
    secretary.goto(f"{live_server.url}/casustafel/overleggen/{meeting.pk}/")
    secretary.get_by_role("textbox", name=ui("Minutes")).fill("Twee punten besproken; één besluit.")
    secretary.get_by_role("button", name=ui("Save the minutes", exact=True)).click()
    expect(secretary.get_by_test_id("meeting-status")).to_have_text(ui("Meeting held", exact=True))
    problems += looked_at(secretary, "casetable-meeting")

    # 7. The police member sees the suspect's item and its decision, nothing of care.
    police = persona("politie.twente")
    police.goto(f"{live_server.url}/casustafel/overleggen/{meeting.pk}/")
    agenda = police.get_by_test_id("agenda")
    expect(agenda).to_contain_text("Nowakowski")
    expect(agenda).not_to_contain_text("Veiligheid van het slachtoffer")
    expect(police.get_by_test_id("items-not-shared")).to_be_visible()
    expect(police.locator("main")).not_to_contain_text(CARE_DETAILS)
    police.goto(f"{live_server.url}/casustafel/punten/{care_item.pk}/")
    expect(police.get_by_test_id("not-shared")).to_be_visible()
    expect(police.locator("main")).not_to_contain_text(CARE_DETAILS)
    expect(police.locator("main")).not_to_contain_text(case.reference)
    problems += looked_at(police, "casetable-not-shared")
    police.goto(f"{live_server.url}/casustafel/punten/{suspect_item.pk}/")
    expect(police.get_by_test_id("care-withheld")).to_be_visible()
    # The decision reached the police as a handover to accept, through the meldroute.
    police.goto(f"{live_server.url}/")
    expect(police.locator("main")).to_contain_text(case.reference)

    # 8. Veilig Thuis, under the care covenant, sees the care details.
    vt = persona("vt.twente")
    vt.goto(f"{live_server.url}/casustafel/punten/{care_item.pk}/")
    expect(vt.get_by_test_id("care-details")).to_contain_text(CARE_DETAILS)

    assert not problems, "\n".join(problems)
