"""Browser journeys of the report forms: a form sent again (back button, double click) is
one report; nonsense is refused in Dutch with an error summary and nothing typed is lost; the
form reflows from a phone to a wide screen. Screenshots go to test-results/screens/."""

from __future__ import annotations

import datetime
import re
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from e2e.test_portal import fill_report, log_in, send, t
from zicht.casework import routing
from zicht.intake.models import Report
from zicht.intake.submission import ReportData, submit_report
from zicht.organisations.models import Membership, Municipality
from zicht.portal import reporting

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENS = Path(__file__).resolve().parent.parent / "test-results" / "screens"
WIDTHS = (390, 1280, 1920)
ALREADY_RECEIVED = re.compile("al ontvangen als|already received as")
CATALOGUE = Path(__file__).resolve().parent.parent / "zicht/locale/nl/LC_MESSAGES/django.po"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def member(username: str) -> Membership:
    return Membership.objects.select_related("organisation").get(user__username=username)


def english_texts() -> list[str]:
    """Interface texts whose Dutch translation differs: none may show on a Dutch page."""
    entry = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', re.M)
    texts = []
    for msgid, msgstr in entry.findall(CATALOGUE.read_text(encoding="utf-8")):
        english = "".join(re.findall(r'"(.*)"', msgid)).replace('\\"', '"')
        dutch = "".join(re.findall(r'"(.*)"', msgstr))
        if len(english) >= 12 and "%" not in english and "{" not in english and dutch != english:
            texts.append(english)
    return texts


def no_english(page: Page, where: str, problems: list[str]) -> None:
    shown = page.locator("main").inner_text()
    options = " ".join(page.locator("main option").all_inner_texts())
    for text in english_texts():
        if text in shown:
            problems.append(f"{where}: English text on a Dutch page: {text!r}")
    for country in ("Germany", "Romania", "Poland", "Netherlands"):
        if re.search(rf"\b{country}\b", options):
            problems.append(f"{where}: English country name {country!r}")


def look(page: Page, name: str, problems: list[str]) -> None:
    """At each width: a screenshot to read, nothing wider than the screen, and each radio
    button or checkbox on one line with its label."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append(f"{name} at {width}px: the page is wider than the screen")
        beside = page.evaluate(
            """() => [...document.querySelectorAll('main [type=radio], main [type=checkbox]')]
                .filter(input => input.offsetParent !== null && input.labels.length)
                .filter(input => {
                    const box = input.getBoundingClientRect();
                    const label = input.labels[0].getBoundingClientRect();
                    return label.top >= box.bottom || label.left < box.right;
                }).map(input => input.id)"""
        )
        if beside:
            problems.append(f"{name} at {width}px: labels not beside their input: {beside[:5]}")
    page.set_viewport_size({"width": 1280, "height": 900})


def accessible(page: Page, where: str, problems: list[str]) -> None:
    violations = run_axe(page)
    if violations:
        problems.append(format_violations(where, violations))


def fill_professional_form(page: Page) -> None:
    page.get_by_label(ui("What did you see or hear?")).fill(
        "Man slaapt in een bedrijfshal en wordt elke ochtend opgehaald."
    )
    page.locator("input[name=exploitation_forms][value=labour]").check()
    page.locator("#id_persons-0-first_name").fill("Piotr")


# -- the professional form ------------------------------------------------------------


@pytest.mark.e2e
def test_back_and_send_again_makes_one_report(persona):
    page = persona("wijkcoach.hengelo")
    page.goto(reverse("intake:new_report"))
    expect(page).to_have_url(re.compile(r"/meldingen/nieuw/[0-9a-f-]{36}/$"))
    form_url = page.url
    fill_professional_form(page)
    page.get_by_role("button", name=ui("Send report", exact=True)).click()
    expect(page.get_by_text(re.compile(r"M-\d{4}-\d{6}")).first).to_be_visible()
    report = Report.objects.get()

    # Back to the form: the browser shows it again (from its cache) or asks the server;
    # either way, sending it again makes no second report.
    page.go_back()
    if page.url == form_url and page.locator("button[type=submit]").last.is_visible():
        send_again = page.get_by_role("button", name=ui("Send report", exact=True))
        if send_again.count():
            send_again.click()
    expect(page.get_by_text(report.reference).first).to_be_visible()
    expect(page.get_by_text(ALREADY_RECEIVED).first).to_be_visible()
    assert Report.objects.count() == 1
    # And the address of the form page itself, opened again, says the same.
    page.goto(form_url)
    expect(page.get_by_text(ALREADY_RECEIVED).first).to_be_visible()
    assert Report.objects.count() == 1


@pytest.mark.e2e
def test_a_double_click_on_send_makes_one_report(persona):
    page = persona("wijkcoach.hengelo")
    page.goto(reverse("intake:new_report"))
    fill_professional_form(page)
    page.get_by_role("button", name=ui("Send report", exact=True)).dblclick()
    expect(page.get_by_text(re.compile(r"M-\d{4}-\d{6}")).first).to_be_visible()
    assert Report.objects.count() == 1


@pytest.mark.e2e
def test_the_form_refuses_nonsense_in_dutch_and_keeps_what_was_typed(persona):
    page = persona("wijkcoach.hengelo")
    page.goto(reverse("intake:new_report"))
    problems: list[str] = []
    look(page, "report-form", problems)
    accessible(page, "report form", problems)
    no_english(page, "report form", problems)
    expect(page.locator("label[for=id_description]")).to_contain_text("(verplicht)")
    expect(page.locator("#id_exploitation_forms legend")).to_contain_text("(verplicht)")

    # Empty: an error summary whose links lead to the fields.
    page.get_by_role("button", name=ui("Send report", exact=True)).click()
    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Dit veld is verplicht.")
    summary.get_by_role("link", name=re.compile("Vorm van uitbuiting")).click()
    expect(page.locator("#id_exploitation_forms")).to_be_focused()
    look(page, "report-form-empty", problems)
    accessible(page, "report form with errors", problems)
    no_english(page, "report form with errors", problems)

    # Nonsense: a date seen tomorrow, a birth date in 2030, 20,020 characters.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.locator("#id_description").fill("x" * 20_020)
    page.locator("input[name=exploitation_forms][value=labour]").check()
    page.locator("#id_observed_on").fill(tomorrow.isoformat())
    page.locator("#id_persons-0-first_name").fill("Ana")
    page.locator("#id_persons-0-birth_date").fill("2030-05-01")
    page.locator("#id_persons-0-nationality").select_option(label="Roemenië")
    page.get_by_role("button", name=ui("Send report", exact=True)).click()
    expect(summary).to_contain_text("Schrijf hoogstens 10.000 tekens; deze tekst heeft er 20.020.")
    expect(summary).to_contain_text("Deze datum ligt in de toekomst.")
    expect(summary).to_contain_text("Persoon 1 \u2013 Geboortedatum")
    # Nothing typed is lost.
    assert len(page.locator("#id_description").input_value()) == 20_020
    expect(page.locator("input[name=exploitation_forms][value=labour]")).to_be_checked()
    expect(page.locator("#id_persons-0-first_name")).to_have_value("Ana")
    expect(page.locator("#id_persons-0-birth_date")).to_have_value("2030-05-01")
    expect(page.locator("#id_persons-0-nationality")).to_have_value("RO")
    look(page, "report-form-nonsense", problems)
    no_english(page, "report form with nonsense", problems)

    # Empty date fields are fine: corrected, the report goes through.
    page.locator("#id_description").fill("Vrouw wordt elke ochtend met een busje opgehaald.")
    page.locator("#id_observed_on").fill("")
    page.locator("#id_persons-0-birth_date").fill("")
    page.get_by_role("button", name=ui("Send report", exact=True)).click()
    expect(page.get_by_text(re.compile(r"M-\d{4}-\d{6}")).first).to_be_visible()
    report = Report.objects.get()
    assert report.observed_on is None
    assert report.persons.get().nationality == "RO"
    assert not problems, "\n\n".join(problems)


@pytest.mark.e2e
def test_an_empty_action_gets_our_dutch_message_not_the_browsers_bubble(persona):
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="municipal",
            municipality=hengelo,
            description="Vrouw in woning, lijkt niet vrij te kunnen gaan.",
            exploitation_forms=["sexual"],
        ),
        by=member("wijkcoach.hengelo"),
    )
    routing.report_to_hub(case_id=report.case_id, by=member("afm.hengelo"))
    page = persona("hub.twente")
    page.goto(reverse("casework:case_detail", args=[report.case_id]))
    page.get_by_role("button", name=ui("Add action", exact=True)).click()
    message = page.get_by_test_id("error-summary")
    expect(message).to_contain_text("Dit veld is verplicht.")
    expect(message).to_contain_text(ui("Owning organisation"))
    expect(message).not_to_contain_text("owner")
    expect(message).not_to_contain_text("due_on")
    look(page, "case-empty-action", [])  # the case page's own layout is not this form's


# -- the portal -----------------------------------------------------------------------


@pytest.mark.e2e
def test_portal_back_and_send_again_shows_the_same_receipt(reporter):
    page = reporter("nl-NL")
    page.goto("/melden/melding/")
    expect(page).to_have_url(re.compile(r"/melden/melding/[0-9a-f-]{36}/$"))
    form_url = page.url
    fill_report(page, "nl", description="Mannen worden elke ochtend met een busje opgehaald.")
    code, _secret = send(page, "nl")

    page.go_back()
    if page.url == form_url and page.get_by_role("button", name=t("Send report", "nl")).count():
        page.get_by_role("button", name=t("Send report", "nl")).click()
    expect(page.get_by_test_id("receipt-code")).to_have_text(code)
    expect(
        page.get_by_text(t("This report was already sent. Use the secret you saved then.", "nl"))
    ).to_be_visible()
    assert Report.objects.count() == 1
    problems: list[str] = []
    look(page, "portal-already-received", problems)
    assert not problems, "\n\n".join(problems)


@pytest.mark.e2e
def test_portal_double_click_makes_one_report(reporter):
    page = reporter("nl-NL")
    page.goto("/melden/melding/")
    fill_report(page, "nl", description="Mannen worden elke ochtend met een busje opgehaald.")
    page.get_by_role("button", name=t("Send report", "nl")).dblclick()
    expect(page.get_by_test_id("receipt-code")).to_be_visible()
    assert Report.objects.count() == 1


@pytest.mark.e2e
def test_the_reporter_sees_that_the_team_read_and_answered(reporter):
    page = reporter("nl-NL")
    page.goto("/melden/melding/")
    fill_report(page, "nl", description="Mannen worden elke ochtend met een busje opgehaald.")
    code, secret = send(page, "nl")
    receipt = Report.objects.get().portal_receipt
    reporting.staff_answers(
        receipt_id=receipt.pk, by=member("afm.hengelo"), text="Dank u, wij lezen mee."
    )
    log_in(page, "nl", code, secret)
    expect(page.get_by_test_id("portal-status")).to_contain_text(
        t("Read: the team has read your report and answered you below.", "nl")
    )
    problems: list[str] = []
    look(page, "portal-status-answered", problems)
    assert not problems, "\n\n".join(problems)
