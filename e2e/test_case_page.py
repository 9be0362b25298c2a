"""The case page as the people who use it see it: at phone, laptop and wide-screen width,
for the focal officer, the hub and a partner. Screenshots go to test-results/screens/
(git-ignored) so that a person can look at them; the assertions measure what a person would
notice: nothing sticking out of its card, no sideways scrolling, every step form labelled."""

from __future__ import annotations

import datetime
import re
import uuid
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from zicht.casework import actions, routing
from zicht.casework.models import Case
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.organisations.models import Membership, Municipality, Organisation, OrganisationType

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENS = Path(__file__).resolve().parent.parent / "test-results" / "screens"
WIDTHS = (390, 1280, 1920)


def member(username: str) -> Membership:
    return Membership.objects.select_related("organisation", "user").get(user__username=username)


def busy_case(*, hand_over: bool = True) -> Case:
    """A Hengelo case with long names and addresses, two persons, indicators, a pending
    handover to Veilig Thuis and an action the hub owns: every section has something."""
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="municipal",
            municipality=hengelo,
            description="Vrouw in woning aan de rand van het centrum, lijkt niet vrij te kunnen "
            "gaan; wordt elke avond opgehaald door een man in een donkere bestelbus.",
            exploitation_forms=["sexual"],
            sectors=["home"],
            indicators=["no_id_papers", "restricted_movement"],
            location="Bedrijventerrein Twentekanaal",
            observed_on=timezone.localdate() - datetime.timedelta(days=2),
            persons=[
                PersonData(
                    role="presumed_victim",
                    first_name="Anna-Magdalena",
                    last_name="Kowalska-Wiśniewska",
                    birth_date=datetime.date(1999, 4, 2),
                    phone="+48 612 345 678 901",
                    street="Burgemeester van Heeckerenstraat",
                    house_number="123-bis",
                    postcode="7551 AB",
                    city="Hengelo (Overijssel)",
                ),
                PersonData(
                    role="suspect",
                    first_name="Marek",
                    last_name="Nowak",
                    phone="0612345678",
                    street="Enschedesestraat",
                    house_number="1",
                    postcode="7551 EE",
                    city="Hengelo",
                ),
            ],
        ),
        by=member("wijkcoach.hengelo"),
    )
    case = report.case
    assert case is not None
    routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"), note="Naar het hub.")
    hub = member("hub.twente")
    if hand_over:
        actions.add_action(
            case_id=case.pk,
            by=hub,
            kind="veilig_thuis",
            owner=Organisation.objects.get(region__code="VR05", type=OrganisationType.VEILIG_THUIS),
            due_on=timezone.localdate() + datetime.timedelta(days=7),
            instructions="Neem contact op met de wijkcoach voor een huisbezoek.",
        )
    actions.add_action(
        case_id=case.pk,
        by=hub,
        kind="advice",
        owner=hub.organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    return case


def screenshot(page: Page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def overflow_problems(page: Page) -> list[str]:
    """Everything a person would see sticking out: the page wider than the window, and any
    table, form or field wider than the card it sits in."""
    return page.evaluate(
        """() => {
            const problems = [];
            const doc = document.documentElement;
            if (doc.scrollWidth > window.innerWidth) {
                problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${window.innerWidth}`);
            }
            for (const card of document.querySelectorAll('main .zicht-card')) {
                const box = card.getBoundingClientRect();
                const inside = 'table, form, textarea, input, select, .zicht-table-scroll';
                for (const el of card.querySelectorAll(inside)) {
                    const scroller = el.closest('.zicht-table-scroll');
                    if (scroller && scroller !== el) continue;  // scrolls inside its own box
                    const r = el.getBoundingClientRect();
                    if (r.width === 0) continue;
                    if (r.right > box.right + 1 || r.left < box.left - 1) {
                        const label = el.id || el.name || el.className || el.tagName;
                        const where = card.getAttribute('aria-labelledby') || card.className;
                        problems.push(`${el.tagName.toLowerCase()} ${label} sticks out of ${where}`)
                    }
                }
            }
            const cards = [...document.querySelectorAll('main .zicht-card')]
                .map(c => c.getBoundingClientRect());
            for (let i = 0; i < cards.length; i++) {
                for (let j = i + 1; j < cards.length; j++) {
                    const a = cards[i], b = cards[j];
                    if (a.width && b.width && a.left < b.right - 1 && b.left < a.right - 1
                        && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
                        problems.push(`cards ${i} and ${j} overlap`);
                    }
                }
            }
            return problems;
        }"""
    )


def english_words(page: Page) -> list[str]:
    """English interface words that must not appear on a Dutch page."""
    text = page.locator("main").inner_text()
    words = [
        "Note", "Case", "Reports", "Persons", "Follow-up actions", "Timeline", "Due",
        "Outcome", "Feedback", "Add action", "Mark as done", "Role", "Name", "Phone",
        "Address", "Indicators", "Signals", "Received", "opened", "Place", "Seen on",
    ]  # fmt: skip
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.mark.e2e
@pytest.mark.parametrize("username", ["hub.twente", "afm.hengelo", "vt.twente"])
def test_the_case_page_fits_every_width_for_every_role(persona, live_server, username):
    case = busy_case()
    page = persona(username)
    problems: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/casussen/{case.pk}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)
        screenshot(page, f"case-{username}-{width}")
        problems += [f"{width}px: {p}" for p in overflow_problems(page)]
    assert not problems, "\n".join(problems)
    assert not english_words(page), english_words(page)
    violations = run_axe(page)
    assert not violations, format_violations(f"case page ({username})", violations)


@pytest.mark.e2e
def test_a_pending_partner_sees_the_action_but_no_names(persona, live_server):
    case = busy_case()
    page = persona("vt.twente")
    page.goto(f"{live_server.url}/casussen/{case.pk}/")
    expect(page.get_by_test_id("handover-decision")).to_be_visible()
    expect(page.get_by_text("Neem contact op met de wijkcoach")).to_be_visible()
    main = page.locator("main").inner_text()
    assert "Kowalska" not in main
    assert "Heeckerenstraat" not in main
    assert "donkere bestelbus" not in main


@pytest.mark.e2e
def test_an_empty_due_date_is_a_clear_error_and_keeps_what_was_typed(persona, live_server):
    case = busy_case(hand_over=False)
    page = persona("hub.twente")
    page.goto(f"{live_server.url}/casussen/{case.pk}/")
    page.get_by_label(ui("Instructions", exact=True)).fill("Bel de wijkcoach terug.")
    page.get_by_role("button", name=ui("Add action", exact=True)).click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(ui("Enter the date by which the action must be done."))
    expect(page.get_by_label(ui("Instructions", exact=True))).to_have_value(
        "Bel de wijkcoach terug."
    )
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"case-action-error-{width}")
        assert not overflow_problems(page)
    assert not english_words(page), english_words(page)
    violations = run_axe(page)
    assert not violations, format_violations("case page with an error", violations)


@pytest.mark.e2e
def test_the_focal_officer_enriches_a_case_and_a_resubmission_adds_nothing(persona, live_server):
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="municipal", municipality=hengelo, description="Man slaapt in een hal."
        ),
        by=member("wijkcoach.hengelo"),
    )
    case = report.case
    page = persona("afm.hengelo")
    page.goto(f"{live_server.url}/casussen/{case.pk}/")
    page.get_by_label(ui("Information from the social domain", exact=True)).fill(
        "Wijkteam: bekend met schulden, woont bij de werkgever."
    )
    page.get_by_text(ui("Signals, form of exploitation and sector")).click()
    page.get_by_label("Heeft een schuld bij de werkgever of uitbuiter").check()
    page.get_by_text(ui("Add a person", exact=True)).click()
    page.locator("#id_enrich-person-last_name").fill("Nowak")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"case-enrich-form-{width}")
        assert not overflow_problems(page), overflow_problems(page)
    key = page.locator("input[name=enrich-submission_key]").input_value()
    page.get_by_role("button", name=ui("Add to the case", exact=True)).click()
    expect(page.get_by_test_id("report")).to_have_count(2)
    reports = page.get_by_role("region", name=ui("Reports", exact=True))
    expect(reports.get_by_text("Heeft een schuld bij de werkgever of uitbuiter")).to_be_visible()
    expect(page.get_by_role("cell", name="Nowak")).to_be_visible()

    # Back to the filled-in form and send it again. Whether the browser restores the form
    # from its cache or not, the form it restores carries the first submission's key.
    page.go_back()
    key_field = page.locator("input[name=enrich-submission_key]")
    key_field.evaluate("(field, key) => { field.value = key; }", key)
    page.locator("#id_enrich-information").fill("Wijkteam: bekend met schulden.")
    page.get_by_role("button", name=ui("Add to the case", exact=True)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)
    expect(page.get_by_test_id("report")).to_have_count(2)
    assert case.reports.filter(is_supplement=True).count() == 1
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "case-enriched-1280")


@pytest.mark.e2e
def test_the_next_step_can_be_taken_with_the_keyboard_only(persona, live_server):
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(source="municipal", municipality=hengelo, description="Signaal."),
        by=member("wijkcoach.hengelo"),
    )
    page = persona("afm.hengelo")
    page.goto(f"{live_server.url}/casussen/{report.case_id}/")
    for _ in range(200):
        if page.evaluate("document.activeElement?.id") == "id_start_enriching-note":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the note of “start enriching” cannot be reached with Tab")
    page.keyboard.type("Wijkteam gebeld.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("case-status")).to_have_text(ui("Being enriched", exact=True))
