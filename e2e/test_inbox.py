"""The inbox as the hub, a focal officer and a partner see it: at phone, laptop and wide-screen
width, nothing sticking out of its card, no sideways scrolling, case numbers on one line; a
filter used with the keyboard alone, with and without JavaScript; axe clean.

Screenshots go to test-results/screens/ (git-ignored) for a person to look at."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from e2e.conftest import format_violations, run_axe, sign_in, ui
from e2e.test_access_log import assert_fits
from e2e.test_accessibility import tab_to
from e2e.test_case_page import WIDTHS, busy_case, member, overflow_problems, screenshot
from zicht.casework import actions, routing
from zicht.casework.models import ActionKind, Case
from zicht.intake.submission import ReportData, submit_report
from zicht.organisations.models import Municipality, Organisation, OrganisationType

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DAY = datetime.timedelta(days=1)


def report(*, acute: bool = False, by: str = "wijkcoach.hengelo", place: str = "GM0164") -> Case:
    filed, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="municipal",
            municipality=Municipality.objects.get(cbs_code=place),
            description="Signaal.",
            is_acute=acute,
        ),
        by=member(by),
    )
    assert filed.case is not None
    return filed.case


def work_for_everyone() -> dict[str, Case]:
    """Something in every group: an acute case, a new report at the focal officer, feedback
    overdue, a handover to Veilig Thuis overdue and one on time, an action of the hub."""
    hub, focal = member("hub.twente"), member("afm.hengelo")
    veilig_thuis = Organisation.objects.get(region__code="VR05", type=OrganisationType.VEILIG_THUIS)
    with time_machine.travel(timezone.now() - 30 * DAY, tick=False):
        late = report()
        routing.report_to_hub(case_id=late.pk, by=focal, feedback_days=5)
        routing.start_follow_up(case_id=late.pk, by=hub)
        actions.add_action(
            case_id=late.pk,
            by=hub,
            kind=ActionKind.SHELTER,
            owner=veilig_thuis,
            due_on=timezone.localdate() + 10 * DAY,
        )
    return {
        "late": late,
        "busy": busy_case(),
        "acute": report(acute=True),
        "new": report(),
        "enschede": report(by="hub.twente", place="GM0153"),
    }


def references_on_one_line(page: Page) -> list[str]:
    """Case numbers that wrap over more than one line."""
    return page.evaluate(
        """() => [...document.querySelectorAll('main .zicht-inbox-table td:first-child a')]
            .filter(a => a.getClientRects().length > 1)  // an inline box per line
            .map(a => a.textContent)"""
    )


ENGLISH = re.compile(
    r"\b(Case number|Whose work|Only overdue|What waits|Waiting since|Due on|overdue|days? late"
    r"|items? waits?|Cases to take up|Handovers|Actions of|Feedback|Municipality)\b"
)


@pytest.mark.e2e
@pytest.mark.parametrize("username", ["hub.twente", "afm.hengelo", "vt.twente"])
def test_the_inbox_fits_every_width_for_every_role(persona, live_server, username):
    work = work_for_everyone()
    page = persona(username)
    problems: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/")
        expect(page.get_by_test_id("inbox-total")).to_be_visible()
        screenshot(page, f"inbox-{username}-{width}")
        problems += [f"{width}px: {p}" for p in overflow_problems(page)]
        problems += [f"{width}px: {ref} wraps" for ref in references_on_one_line(page)]
        assert_fits(page, f"inbox of {username} at {width}px")  # no text drawn over text
    assert not problems, "\n".join(problems)
    assert not ENGLISH.findall(page.locator("main").inner_text()), "English on a Dutch page"
    if username == "hub.twente":
        # Acute first; overdue feedback first in its group, marked.
        expect(page.get_by_test_id("inbox-item").first).to_contain_text(work["acute"].reference)
        feedback = page.get_by_test_id("group-feedback_to_give")
        expect(feedback.get_by_test_id("inbox-item").first).to_contain_text(work["late"].reference)
        first_row = feedback.get_by_test_id("inbox-item").first
        expect(first_row.locator(".utrecht-status-badge--danger")).to_contain_text(
            re.compile(r"\d+ (dagen|days) (te laat|late)")
        )
    if username == "vt.twente":
        handovers = page.get_by_test_id("group-handovers")
        expect(handovers.get_by_test_id("inbox-item")).to_have_count(2)
        expect(handovers.get_by_test_id("inbox-item").first).to_contain_text(work["late"].reference)
        # The partner sees no case it has not been handed.
        expect(page.locator("main")).not_to_contain_text(work["new"].reference)
    violations = run_axe(page)
    assert not violations, format_violations(f"inbox ({username})", violations)


def filter_by_keyboard(page: Page, reference: str) -> None:
    tab_to(page, "#id_q")
    page.keyboard.type(reference[-6:])
    page.keyboard.press("Enter")


@pytest.mark.e2e
def test_the_hub_filters_on_a_case_number_with_the_keyboard_only(persona, live_server):
    work = work_for_everyone()
    page = persona("hub.twente")
    filter_by_keyboard(page, work["enschede"].reference)
    items = page.get_by_test_id("inbox-item")
    expect(page.get_by_test_id("inbox-total")).to_contain_text(ui("With these filters:"))
    expect(items.first).to_contain_text(work["enschede"].reference)
    for other in ("late", "busy", "acute", "new"):
        expect(page.locator("#inbox-results")).not_to_contain_text(work[other].reference)
    # The address holds the filter (htmx pushed it): a reload shows the same.
    expect(page).to_have_url(re.compile(r"\?.*q=" + work["enschede"].reference[-6:]))
    # Then "only overdue", by keyboard: Space on the checkbox filters at once.
    page.goto(f"{live_server.url}/")
    tab_to(page, "#id_overdue")
    page.keyboard.press("Space")
    feedback = page.get_by_test_id("group-feedback_to_give")
    expect(feedback.get_by_test_id("inbox-item")).to_have_count(1)
    expect(page.get_by_test_id("group-take_up")).to_have_count(0)
    page.set_viewport_size({"width": 390, "height": 900})
    screenshot(page, "inbox-hub-overdue-390")
    assert not overflow_problems(page)


@pytest.mark.e2e
def test_the_filter_works_without_javascript(browser: Browser, live_server, demo_setup):
    work = work_for_everyone()
    context = browser.new_context(
        locale="nl-NL", base_url=live_server.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        sign_in(page, live_server.url, "hub.twente")
        filter_by_keyboard(page, work["busy"].reference)
        expect(page).to_have_url(re.compile(r"\?.*q="))
        results = page.locator("#inbox-results")
        expect(results).to_contain_text(work["busy"].reference)
        expect(results).not_to_contain_text(work["enschede"].reference)
        expect(page.locator("#id_q")).to_have_value(work["busy"].reference[-6:])
    finally:
        context.close()
