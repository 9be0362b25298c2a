"""Care coordination in a browser: the Twente hub opens a trajectory for a presumed victim
from the case page, the care coordinator finds it on the care list, writes the first goal
of the support plan and starts the B8/3 reflection period. Every page at three widths (the
screenshots go to test-results/screens/), measured for overflow and checked with axe."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from e2e.test_case_page import WIDTHS, overflow_problems, screenshot
from zicht.care.models import CareTrajectory, GoalDomain, three_months_after
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.organisations.models import Membership, Municipality

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def victim_case():
    """A Hengelo case the hub registered, with a presumed victim."""
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="regional_hub",
            municipality=Municipality.objects.get(cbs_code="GM0164"),
            description="Jonge vrouw uit Roemenië, werkt in een privéhuis, paspoort ingenomen.",
            exploitation_forms=["sexual"],
            persons=[
                PersonData(
                    role="presumed_victim",
                    first_name="Ioana",
                    last_name="Popescu",
                    birth_date=datetime.date(2001, 6, 12),
                    nationality="RO",
                )
            ],
        ),
        by=Membership.objects.get(user__username="hub.twente"),
    )
    assert report.case is not None
    return report.case


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
def test_the_hub_opens_care_and_the_coordinator_plans_it(persona, live_server):
    case = victim_case()
    problems: list[str] = []

    # 1. The hub opens the victim's trajectory from the case page, coordinated by itself.
    hub = persona("hub.twente")
    hub.goto(f"{live_server.url}/casussen/{case.pk}/")
    care = hub.get_by_test_id("case-care")
    expect(care).to_contain_text("Ioana Popescu")
    problems += looked_at(hub, "care-case-page")
    care.get_by_role("button", name=ui("Open a care trajectory", exact=True)).click()
    expect(hub.get_by_role("heading", level=1)).to_contain_text(ui("Care trajectory"))
    trajectory = CareTrajectory.objects.get()
    expect(hub.get_by_test_id("trajectory-status")).to_have_text(ui("Intake", exact=True))

    # 2. The coordinator finds it on the care list and opens it.
    coordinator = persona("zorgcoordinator.twente")
    coordinator.get_by_role("link", name=ui("Care", exact=True)).click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(ui("Care trajectories"))
    problems += looked_at(coordinator, "care-list")
    coordinator.get_by_role("link", name=trajectory.reference).click()
    expect(coordinator.get_by_test_id("trajectory-person")).to_contain_text("Ioana Popescu")

    # 3. The intake is done: the support plan starts and gets its first goal.
    coordinator.get_by_test_id("care-step-start_plan").get_by_role(
        "button", name=ui("Start the support plan", exact=True)
    ).click()
    expect(coordinator.get_by_test_id("trajectory-status")).to_have_text(ui("Support plan"))
    due = timezone.localdate() + datetime.timedelta(days=30)
    coordinator.get_by_label(ui("Domain", exact=True)).select_option(GoalDomain.HOUSING)
    coordinator.get_by_label(ui("Goal", exact=True)).fill("Veilige woonplek buiten Twente")
    coordinator.get_by_label(ui("Owner", exact=True)).select_option(
        label=trajectory.coordinating_organisation.name
    )
    coordinator.get_by_label(ui("Due on", exact=True)).fill(due.isoformat())
    coordinator.get_by_role("button", name=ui("Add goal", exact=True)).click()
    goal = coordinator.get_by_test_id("goal")
    expect(goal).to_contain_text("Veilige woonplek buiten Twente")
    with override("nl"):
        expect(goal).to_contain_text(date_format(due, "j F Y"))

    # 4. A start after the end is refused with a message, nothing typed lost ...
    start = timezone.localdate()
    reflection = coordinator.get_by_test_id("reflection")
    reflection.get_by_label(ui("Start of the reflection period", exact=True)).fill(
        start.isoformat()
    )
    reflection.get_by_label(ui("End", exact=True)).fill(
        (start - datetime.timedelta(days=1)).isoformat()
    )
    reflection.get_by_role("button", name=ui("Start the reflection period", exact=True)).click()
    expect(coordinator.get_by_test_id("error-summary")).to_contain_text(
        ui("The end of the reflection period cannot be before its start.")
    )
    problems += looked_at(coordinator, "care-reflection-error")
    # ... and without an end the period runs the usual three months.
    reflection = coordinator.get_by_test_id("reflection")
    reflection.get_by_label(ui("End", exact=True)).fill("")
    reflection.get_by_role("button", name=ui("Start the reflection period", exact=True)).click()
    with override("nl"):
        expect(coordinator.get_by_test_id("reflection-end")).to_contain_text(
            date_format(three_months_after(start), "j F Y")
        )
    problems += looked_at(coordinator, "care-trajectory")

    # The coordinator's steps reached the trajectory; the hub saw the case page only.
    trajectory.refresh_from_db()
    assert trajectory.status == "plan"
    assert trajectory.goals.count() == 1
    assert trajectory.reflection_period.ends_on == three_months_after(start)
    assert not problems, "\n".join(problems)
