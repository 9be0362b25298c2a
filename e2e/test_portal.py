"""Browser journeys of the public portal: an anonymous report in Polish answered by
the hub on the case page, axe-core on every portal page in Dutch, Polish and
Arabic, and a report filed with the keyboard alone."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from e2e.test_accessibility import tab_to
from zicht.intake.models import Report
from zicht.organisations.models import Municipality
from zicht.portal.models import PortalMessage

# A real server needs a transactional database; restore the migrated reference data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def t(message: str, language: str) -> str:
    """The portal text in the reporter's language, as the server renders it."""
    with translation.override(language):
        return translation.gettext(message)


@pytest.fixture(autouse=True)
def fresh_counters():
    """Every journey starts without earlier wrong tries (all come from 127.0.0.1)."""
    cache.clear()
    yield
    cache.clear()


def fill_report(page: Page, language: str, *, description: str) -> None:
    page.get_by_label(t("Tell us in your own words what you saw or heard", language)).fill(
        description
    )
    page.get_by_label(t("Someone else keeps their passport or ID card", language)).check()
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    page.get_by_label(t("In which municipality did it happen?", language)).select_option(
        label=hengelo.name
    )


def send(page: Page, language: str) -> tuple[str, str]:
    page.get_by_role("button", name=t("Send report", language)).click()
    code = page.get_by_test_id("receipt-code")
    expect(code).to_be_visible()
    return code.inner_text().strip(), page.get_by_test_id("receipt-secret").inner_text().strip()


def log_in(page: Page, language: str, code: str, secret: str) -> None:
    page.goto("/melden/status/")
    page.get_by_label(t("Receipt code", language)).fill(code)
    page.get_by_label(t("Secret", language)).fill(secret)
    page.get_by_role("button", name=t("Show my report", language)).click()


@pytest.mark.e2e
def test_an_anonymous_report_in_polish_is_answered_by_the_hub(reporter, persona, live_server):
    page = reporter("nl-NL")
    page.goto("/melden/")
    # The acute-danger screen comes first, then the language switch to Polish.
    expect(
        page.get_by_role("heading", name=t("Is someone in danger right now?", "nl"))
    ).to_be_visible()
    page.get_by_role("button", name="Polski").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    page.get_by_role("link", name=t("Continue to the questions", "pl")).click()
    fill_report(page, "pl", description="Widziałam kobiety, które nie mogą wychodzić z domu.")
    code, secret = send(page, "pl")
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)

    report = Report.objects.get()
    assert report.language == "pl"
    assert report.source == "resident_anonymous"

    # The hub reads it in Dutch, with the original language shown, and answers.
    hub = persona("hub.twente")
    hub.goto(reverse("casework:case_detail", args=[report.case_id]))
    expect(hub.get_by_test_id("report-language")).to_be_visible()
    expect(hub.get_by_text("Widziałam kobiety")).to_be_visible()
    hub.get_by_label(ui("Answer to the reporter", exact=True)).fill(
        "Dziękujemy. Zajmujemy się tym."
    )
    hub.get_by_role("button", name=ui("Send answer", exact=True)).click()
    expect(hub.get_by_test_id("portal-message")).to_contain_text("Zajmujemy się tym")
    problems: list[str] = []
    check(hub, "case page with the portal conversation", problems)
    assert not problems, "\n\n".join(problems)

    # The reporter comes back on another device: a wrong secret shows nothing.
    later = reporter("pl-PL")
    log_in(later, "pl", code, "AAAA-BBBB-CCCC-DDDD")
    expect(later.get_by_role("alert")).to_contain_text(
        t("This combination of receipt code and secret is not known.", "pl")
    )
    expect(later.get_by_test_id("portal-message")).to_have_count(0)
    log_in(later, "pl", code, secret)
    expect(later.get_by_test_id("portal-status")).to_contain_text(
        t("Read: the team has read your report and answered you below.", "pl")
    )
    expect(later.get_by_test_id("portal-message")).to_contain_text("Zajmujemy się tym")

    # And writes back.
    later.get_by_label(t("Your message", "pl")).fill("Dziękuję. Widziałam też samochód.")
    later.get_by_role("button", name=t("Send message", "pl")).click()
    expect(later.get_by_text(t("Your message was sent.", "pl"))).to_be_visible()
    assert PortalMessage.objects.filter(direction="to_staff").count() == 1


@pytest.mark.e2e
def test_after_wrong_secrets_the_browser_proves_its_work_and_the_reporter_gets_in(
    reporter, settings
):
    """A guesser's wrong tries on a code do not lock the reporter out: the status page's ALTCHA
    widget (served from our own static files, in Polish, without breaking the CSP) solves its
    proof of work by itself and the right secret opens the report."""
    page = reporter("pl-PL")
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(str(error)))
    page.goto("/melden/melding/")
    fill_report(page, "pl", description="Widziałam kobiety, które nie mogą wychodzić z domu.")
    code, secret = send(page, "pl")
    for _ in range(settings.PORTAL_STATUS_FAILURE_LIMIT + 2):
        log_in(page, "pl", code, "AAAA-BBBB-CCCC-DDDD")
        expect(page.get_by_role("alert")).to_be_visible()
    page.goto("/melden/status/")
    widget = page.locator("altcha-widget")
    expect(widget.get_by_text("Zweryfikowano")).to_be_visible()  # ALTCHA's own Polish
    page.get_by_label(t("Receipt code", "pl")).fill(code)
    page.get_by_label(t("Secret", "pl")).fill(secret)
    page.get_by_role("button", name=t("Show my report", "pl")).click()
    expect(page.get_by_test_id("portal-status")).to_be_visible()
    assert violations == []


def check(page: Page, where: str, problems: list[str]) -> None:
    expect(page.locator("main")).to_be_visible()
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        problems.append(f"{where}: the page is wider than the screen")
    violations = run_axe(page)
    if violations:
        problems.append(format_violations(f"{where} ({page.url})", violations))


@pytest.mark.e2e
@pytest.mark.parametrize("language", ["nl", "pl", "ar"])
def test_every_portal_page_passes_axe(reporter, language):
    page = reporter(language)
    problems: list[str] = []
    page.goto("/melden/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    check(page, f"start [{language}]", problems)
    page.goto("/melden/privacy/")
    check(page, f"privacy [{language}]", problems)
    page.goto("/melden/melding/")
    check(page, f"report form [{language}]", problems)
    page.get_by_role("button", name=t("Send report", language)).click()
    expect(page.locator("#form-errors")).to_be_visible()
    check(page, f"report form with errors [{language}]", problems)
    fill_report(page, language, description="Test " + language)
    code, secret = send(page, language)
    check(page, f"receipt [{language}]", problems)
    page.goto("/melden/status/")
    check(page, f"status sign-in [{language}]", problems)
    log_in(page, language, code, "AAAA-BBBB-CCCC-DDDD")
    check(page, f"status sign-in with an error [{language}]", problems)
    log_in(page, language, code, secret)
    page.get_by_label(t("Your message", language)).fill("Nog een vraag.")
    page.get_by_role("button", name=t("Send message", language)).click()
    expect(page.get_by_test_id("portal-message")).to_have_count(1)
    check(page, f"status with messages [{language}]", problems)
    assert not problems, "\n\n".join(problems)


@pytest.mark.e2e
def test_a_resident_files_a_report_with_the_keyboard_only(reporter):
    page = reporter("nl-NL")
    page.goto("/melden/")
    tab_to(page, "a.portal-continue")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/melden/melding/[0-9a-f-]{36}/$"))

    tab_to(page, "input[name=is_acute]")
    expect(page.locator("input[name=is_acute][value=no]")).to_be_checked()
    tab_to(page, "input[name=situation][value=labour]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=seen][value=work_pay]")
    page.keyboard.press("Space")
    tab_to(page, "#id_description")
    page.keyboard.type("Mannen slapen in een loods en werken elke dag tot laat.")
    tab_to(page, "#id_municipality")
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    # A closed select takes the first letters of an option, as a screen reader user would type.
    page.keyboard.type("Hengelo")
    expect(page.locator("#id_municipality")).to_have_value(str(hengelo.pk))
    tab_to(page, "#report-form button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("receipt-code")).to_be_visible()
    report = Report.objects.get()
    assert report.municipality == hengelo
    assert report.indicators == ["labour_low_pay", "labour_long_hours"]
    assert report.exploitation_forms == ["labour"]
    assert report.description.startswith("Mannen slapen in een loods")
