"""The administrative approach in a browser: Enschede's enforcement officer registers a nail
salon, plans an inspection with the police, records the indicators found and a person met,
turns the finding into a report on the meldroute, drafts a closure under art. 174a
Gemeentewet (first without its legal basis, refused), opens the draft decision from its
template, records the views and takes the decision; the region's barrier model counts it.
Every page at three widths (the screenshots go to test-results/screens/), measured for
overflow and checked with axe."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from e2e.test_case_page import WIDTHS, overflow_problems, screenshot
from zicht.enforcement.models import Establishment, Inspection, Measure

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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
def test_an_inspection_in_enschede_ends_in_a_closure(persona, live_server):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    problems: list[str] = []
    officer = persona("handhaving.enschede")

    # 1. The officer registers the salon; a bad KvK number is told first.
    officer.get_by_role("link", name=ui("Enforcement", exact=True)).click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(ui("Administrative approach"))
    officer.get_by_test_id("new-establishment").click()
    form = officer.get_by_test_id("establishment-form")
    form.get_by_label(ui("Name", exact=True)).fill("Nagelstudio Lotus")
    form.get_by_label(ui("Sector", exact=True)).select_option("massage_nail_salon")
    form.get_by_label(ui("Street", exact=True)).fill("Haaksbergerstraat")
    form.get_by_label(ui("House number", exact=True)).fill("12")
    form.get_by_label(ui("Postcode", exact=True)).fill("7511 AB")
    form.get_by_label(ui("Place", exact=True)).fill("Enschede")
    form.get_by_label(ui("Chamber of Commerce (KvK) number", exact=True)).fill("1234567")
    form.get_by_role("button", name=ui("Register", exact=True)).click()
    expect(officer.get_by_test_id("error-summary")).to_contain_text(
        ui("A Chamber of Commerce (KvK) number is eight digits, for example 12345678.")
    )
    assert not Establishment.objects.exists()
    problems += looked_at(officer, "enforcement-establishment-error")
    officer.get_by_label(ui("Chamber of Commerce (KvK) number", exact=True)).fill("12345678")
    officer.get_by_role("button", name=ui("Register", exact=True)).click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Nagelstudio Lotus")

    # 2. An inspection with the police, done yesterday: two indicators and a person met.
    plan = officer.get_by_test_id("plan-form")
    plan.get_by_label(ui("Planned on", exact=True)).fill(yesterday.isoformat())
    plan.get_by_label(re.compile(r"^Politie")).check()
    plan.get_by_role("button", name=ui("Plan", exact=True)).click()
    expect(officer.get_by_test_id("inspection-status")).to_have_text(ui("Planned", exact=True))
    record = officer.get_by_test_id("record-form")
    record.get_by_label(ui("Done on", exact=True)).fill(yesterday.isoformat())
    record.get_by_label(ui("Has no control over own ID papers", exact=True)).check()
    record.get_by_label(ui("Lives where the employer or exploiter decides", exact=True)).check()
    record.get_by_label(ui("Findings", exact=True)).fill(
        "Drie medewerksters zonder paspoort; zij slapen boven de salon."
    )
    record.get_by_role("button", name=ui("Save the inspection", exact=True)).click()
    expect(officer.get_by_test_id("inspection-status")).to_have_text(ui("Done", exact=True))
    person = officer.get_by_test_id("person-form")
    person.get_by_label(ui("Role", exact=True)).select_option("presumed_victim")
    person.get_by_label(ui("First name", exact=True)).fill("Linh")
    person.get_by_label(ui("Last name", exact=True)).fill("Nguyen")
    person.get_by_label(ui("Date of birth", exact=True)).fill("2002-03-14")
    person.get_by_role("button", name=ui("Register", exact=True)).click()
    expect(officer.get_by_test_id("person-met")).to_contain_text("Linh Nguyen")
    expect(officer.get_by_test_id("suggestions")).to_contain_text(
        ui("Closure (art. 174a Gemeentewet)")
    )

    # 3. The finding becomes a report on the meldroute, with source "inspection".
    officer.get_by_test_id("report-finding").click()
    expect(officer.get_by_test_id("inspection-report")).to_be_visible()
    inspection = Inspection.objects.get()
    assert inspection.report.source == "inspection"
    assert [p.last_name for p in inspection.report.persons.all()] == ["Nguyen"]
    problems += looked_at(officer, "enforcement-inspection")

    # 4. A closure without its legal basis is refused; with it, it is registered.
    officer.get_by_test_id("new-measure").click()
    measure_form = officer.get_by_test_id("measure-form")
    measure_form.get_by_label(ui("Type of measure", exact=True)).select_option("closure_174a")
    measure_form.get_by_label(ui("Situation (regional framework)", exact=True)).select_option(
        "serious_disturbance"
    )
    measure_form.get_by_label(ui("Intention sent on", exact=True)).fill(today.isoformat())
    measure_form.get_by_role("button", name=ui("Register the measure", exact=True)).click()
    expect(officer.get_by_test_id("error-summary")).to_contain_text(
        ui("A closure must name its legal basis.")
    )
    assert not Measure.objects.exists()
    problems += looked_at(officer, "enforcement-establishment")
    officer.get_by_test_id("measure-form").get_by_label(ui("Legal basis", exact=True)).fill(
        "art. 174a Gemeentewet"
    )
    officer.get_by_test_id("measure-form").get_by_role(
        "button", name=ui("Register the measure", exact=True)
    ).click()
    expect(officer.get_by_test_id("measure-status")).to_have_text(ui("Intention sent"))
    expect(officer.get_by_test_id("framework-advice")).to_contain_text(
        ui("Closure (art. 174a Gemeentewet)")
    )
    expect(officer.get_by_test_id("deviation")).to_have_count(0)
    measure = Measure.objects.get()
    assert measure.inspection == inspection

    # 5. The draft decision, from the closure's template.
    officer.get_by_test_id("document-link").click()
    expect(officer.get_by_test_id("draft-mark")).to_be_visible()
    expect(officer.get_by_role("heading", level=1)).to_contain_text("174a Gemeentewet")
    problems += looked_at(officer, "enforcement-decision-draft")
    officer.go_back()

    # 6. The views are heard, then the decision is taken (not before the intention).
    hearing = officer.get_by_test_id("step-hearing")
    hearing.get_by_label(ui("Views heard on", exact=True)).fill(today.isoformat())
    hearing.get_by_label(ui("Summary of the views", exact=True)).fill("De exploitant ontkent.")
    hearing.get_by_role("button", name=ui("Record the views", exact=True)).click()
    expect(officer.get_by_test_id("measure-status")).to_have_text(ui("Views heard"))
    decision = officer.get_by_test_id("step-decision")
    decision.get_by_label(ui("Decided on", exact=True)).fill(yesterday.isoformat())
    decision.get_by_label(ui("Decision (dictum)", exact=True)).fill("Sluiting voor drie maanden.")
    decision.get_by_role("button", name=ui("Take the decision", exact=True)).click()
    expect(officer.get_by_test_id("error-summary")).to_contain_text(
        ui("The decision cannot be taken before the intention.")
    )
    problems += looked_at(officer, "enforcement-measure-error")
    decision = officer.get_by_test_id("step-decision")
    decision.get_by_label(ui("Decided on", exact=True)).fill(today.isoformat())
    decision.get_by_role("button", name=ui("Take the decision", exact=True)).click()
    expect(officer.get_by_test_id("measure-status")).to_have_text(ui("Decided", exact=True))
    problems += looked_at(officer, "enforcement-measure")
    officer.get_by_test_id("document-link").click()
    expect(officer.get_by_test_id("dictum")).to_contain_text("Sluiting voor drie maanden.")
    expect(officer.get_by_test_id("draft-mark")).to_have_count(0)
    problems += looked_at(officer, "enforcement-decision")

    # 7. The officer's start page lists the salon and no open measure.
    officer.goto(f"{live_server.url}/handhaving/")
    expect(officer.get_by_test_id("establishments")).to_contain_text("Nagelstudio Lotus")
    problems += looked_at(officer, "enforcement-home")

    # 8. The Twente hub's barrier model for this year counts the closure in the "work"
    # barrier of labour exploitation: counted from the measure, not typed by hand.
    hub = persona("hub.twente")
    hub.goto(f"{live_server.url}/barrieremodel/{today.year}/")
    work = hub.get_by_test_id("form-labour").get_by_test_id("barrier-work")
    expect(work.get_by_test_id("used")).to_contain_text(ui("Closure (art. 174a Gemeentewet)"))

    measure.refresh_from_db()
    assert (measure.status, measure.decided_on, measure.heard_on) == ("decided", today, today)
    assert not problems, "\n".join(problems)
