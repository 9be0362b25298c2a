"""The privacy officer's pages in a browser: a request recorded with the keyboard only, the
person found, the answer as a PDF, the retention page with a legal hold; each page at phone,
laptop and wide-screen width, axe-clean, in Dutch.

Screenshots go to test-results/screens/ (git-ignored) for a person to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe
from e2e.test_access_log import SCREENS, WIDTHS, assert_fits, screenshot
from e2e.test_accessibility import case_with_handover_to_veilig_thuis

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ENGLISH = ("Request", "Retention", "Legal hold", "Search", "Record the", "What zicht holds")


def look_at_every_width(page: Page, name: str, problems: list[str]) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"{name}-{width}")
        assert_fits(page, f"{name} at {width}px")
    text = page.locator("main").inner_text()
    problems.extend(f"{name}: English '{word}'" for word in ENGLISH if word in text)
    violations = run_axe(page)
    if violations:
        problems.append(format_violations(name, violations))


def tab_to(page: Page, selector: str, *, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} never got the focus")


@pytest.mark.e2e
def test_a_privacy_officer_answers_an_access_request_with_the_keyboard(persona, live_server):
    case = case_with_handover_to_veilig_thuis()
    problems: list[str] = []
    officer = persona("privacy.twente")
    officer.goto(f"{live_server.url}/")
    expect(officer.get_by_role("heading", level=1)).to_have_text("Verzoeken onder de AVG")
    look_at_every_width(officer, "privacy-overview", problems)

    officer.set_viewport_size({"width": 1280, "height": 900})
    officer.goto(f"{live_server.url}/privacy/verzoeken/nieuw/")
    # First without identifiers: the form explains, keeps what was typed.
    tab_to(officer, "input[name=kind][value=access]")
    officer.keyboard.press("Space")
    officer.keyboard.press("Tab")
    officer.keyboard.type("2-11-2026")
    tab_to(officer, "button[type=submit]")
    officer.keyboard.press("Enter")
    summary = officer.get_by_test_id("error-summary")
    expect(summary).to_contain_text("Geef ten minste voornaam, achternaam en geboortedatum")
    expect(officer.get_by_label("Ontvangen op")).to_have_value("2-11-2026")
    look_at_every_width(officer, "privacy-new-request-errors", problems)

    officer.set_viewport_size({"width": 390, "height": 900})
    tab_to(officer, "input[name=first_name]")
    officer.keyboard.type("Anna")
    officer.keyboard.press("Tab")
    officer.keyboard.type("Kowalska")
    tab_to(officer, "input[name=birth_date]")
    officer.keyboard.type("2-4-1999")
    tab_to(officer, "button[type=submit]")
    officer.keyboard.press("Enter")
    expect(officer.get_by_role("heading", level=1)).to_have_text(re.compile(r"Verzoek V-2026-"))
    expect(officer.get_by_test_id("deadline")).to_have_text("2 december 2026")

    tab_to(officer, "form.zicht-inline-form button")
    officer.keyboard.press("Enter")
    expect(officer.get_by_text("1 persoon gevonden.")).to_be_visible()
    row = officer.get_by_test_id("found-person")
    expect(row).to_contain_text("Kowalska")
    expect(row).to_contain_text(case.reference)
    look_at_every_width(officer, "privacy-request", problems)

    # WeasyPrint makes the PDF while the browser waits: give a busy machine time.
    with officer.expect_download(timeout=60_000) as download:
        officer.get_by_test_id("dossier-pdf").click(timeout=30_000)
    pdf = SCREENS / "privacy-dossier.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    officer.get_by_label("Antwoord aan de persoon").fill("Overzicht per post verstuurd.")
    officer.get_by_role("button", name="Antwoord vastleggen").click()
    expect(officer.get_by_test_id("request-status")).to_have_text("Beantwoord")
    look_at_every_width(officer, "privacy-request-answered", problems)
    assert not problems, "\n".join(problems)


@pytest.mark.e2e
def test_the_retention_page_previews_tonight_and_places_a_hold(persona, live_server):
    case = case_with_handover_to_veilig_thuis()
    problems: list[str] = []
    officer = persona("privacy.twente")
    officer.goto(f"{live_server.url}/privacy/bewaartermijnen/")
    expect(officer.get_by_role("heading", level=2).first).to_contain_text("Wat vannacht verdwijnt")
    rows = officer.get_by_test_id("retention-rule")
    expect(rows).to_have_count(9)
    expect(rows.filter(has_text="Gesloten casussen")).to_contain_text("60 maanden")

    officer.get_by_label("Casus").fill("C-2019-000001")
    officer.get_by_label("Reden").fill("Strafrechtelijk onderzoek")
    officer.get_by_role("button", name="Bewaarplicht vastleggen").click()
    expect(officer.get_by_test_id("error-summary")).to_contain_text("Geen casus in uw regio")
    look_at_every_width(officer, "privacy-retention-errors", problems)

    officer.get_by_label("Casus").fill(case.reference)
    officer.get_by_role("button", name="Bewaarplicht vastleggen").click()
    expect(officer.get_by_test_id("hold")).to_contain_text(case.reference)
    look_at_every_width(officer, "privacy-retention", problems)

    admin = persona("beheer")
    admin.goto(f"{live_server.url}/privacy/bewaartermijnen/")
    expect(admin.get_by_test_id("retention-rule")).to_have_count(9)
    expect(admin.get_by_role("button", name="Bewaarplicht vastleggen")).to_have_count(0)
    assert not problems, "\n".join(problems)
