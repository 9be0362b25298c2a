"""Accessibility of the journey's pages (axe-core, WCAG 2.1 A/AA) and a report
filed with the keyboard alone."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from zicht.casework import actions, routing
from zicht.casework.models import Feedback
from zicht.demo.organisations import DEMO_PASSWORD
from zicht.intake.models import Report
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.organisations.models import Membership, Municipality, Organisation, OrganisationType

# A real server needs a transactional database; restore the migrated reference data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def member(username: str) -> Membership:
    return Membership.objects.select_related("organisation").get(user__username=username)


def case_with_handover_to_veilig_thuis():
    """A Hengelo case reported to the hub with a pending handover to Veilig Thuis and
    an overdue feedback term, so every section of the pages has something to show."""
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="municipal",
            municipality=hengelo,
            description="Vrouw in woning, lijkt niet vrij te kunnen gaan.",
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
        by=member("wijkcoach.hengelo"),
    )
    case = report.case
    routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"), note="Naar het hub.")
    actions.add_action(
        case_id=case.pk,
        by=member("hub.twente"),
        kind="veilig_thuis",
        owner=Organisation.objects.get(region__code="VR05", type=OrganisationType.VEILIG_THUIS),
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    Feedback.objects.create(
        case=case,
        to_organisation=hengelo.organisation,
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    return case


def assert_accessible(page: Page, where: str, problems: list[str]) -> None:
    expect(page.locator("main")).to_be_visible()
    violations = run_axe(page)
    if violations:
        problems.append(format_violations(f"{where} ({page.url})", violations))


@pytest.mark.e2e
def test_every_page_of_the_journey_passes_axe(persona, live_server):
    case = case_with_handover_to_veilig_thuis()
    base = live_server.url
    problems: list[str] = []

    # Sign-in pages, before and after the password.
    visitor = persona("afm.hengelo", signed_in=False)
    visitor.goto(f"{base}/account/inloggen/")
    assert_accessible(visitor, "login", problems)
    visitor.get_by_label(ui("username", exact=True)).fill("afm.hengelo")
    visitor.get_by_label(ui("password", exact=True)).fill("wrong password")
    visitor.get_by_role("button", name=ui("Next", exact=True)).click()
    assert_accessible(visitor, "login with an error", problems)

    focal = persona("afm.hengelo", signed_in=False)
    focal.goto(f"{base}/account/inloggen/")
    focal.get_by_label(ui("username", exact=True)).fill("afm.hengelo")
    focal.get_by_label(ui("password", exact=True)).fill(DEMO_PASSWORD)
    focal.get_by_role("button", name=ui("Next", exact=True)).click()
    expect(
        focal.get_by_label(ui("Six-digit code from your authenticator app", exact=True))
    ).to_be_visible()
    assert_accessible(focal, "verify", problems)

    # The focal officer's pages.
    focal = persona("afm.hengelo")
    assert_accessible(focal, "inbox (focal officer)", problems)
    focal.get_by_role("link", name=re.compile("^(?:Nieuwe melding|New report)$")).click()
    assert_accessible(focal, "new report form", problems)
    focal.get_by_role("button", name=ui("Send report", exact=True)).click()  # empty: errors
    assert_accessible(focal, "new report form with errors", problems)
    report = Report.objects.filter(case=case).get()
    focal.goto(f"{base}/meldingen/{report.pk}/")
    assert_accessible(focal, "report detail", problems)
    focal.goto(f"{base}/casussen/{case.pk}/")
    assert_accessible(focal, "case detail (focal officer)", problems)
    focal.get_by_role("link", name=ui("Cases", exact=True)).click()
    assert_accessible(focal, "case list", problems)
    focal.get_by_role("link", name=ui("Overdue feedback", exact=True)).click()
    expect(focal.get_by_role("link", name=case.reference)).to_be_visible()
    assert_accessible(focal, "overdue feedback", problems)

    # The hub's pages, with the "already known" result loaded in place.
    hub = persona("hub.twente")
    assert_accessible(hub, "inbox (hub)", problems)
    hub.goto(f"{base}/casussen/{case.pk}/")
    assert_accessible(hub, "case detail (hub)", problems)
    hub.get_by_role("button", name=ui("Check whether already known", exact=True)).click()
    expect(hub.locator("#known-result")).to_be_visible()
    assert_accessible(hub, "case detail (hub) with the known check", problems)

    # The partner's view of a handover.
    partner = persona("vt.twente")
    assert_accessible(partner, "inbox (partner)", problems)
    partner.get_by_role("link", name=case.reference, exact=True).first.click()
    expect(partner.get_by_role("heading", level=1)).to_contain_text(case.reference)
    assert_accessible(partner, "case detail (partner)", problems)

    # The administrator's pages.
    admin = persona("beheer")
    assert_accessible(admin, "access log", problems)
    admin.get_by_role("link", name=ui("Invite a user", exact=True)).click()
    assert_accessible(admin, "invite", problems)

    assert not problems, "\n\n".join(problems)


def tab_to(page: Page, selector: str, *, limit: int = 250) -> None:
    """Press Tab until the element matching selector has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


@pytest.mark.e2e
def test_a_focal_officer_files_a_report_with_the_keyboard_only(persona):
    page = persona("afm.hengelo")
    # From the top of the inbox, to the main menu's "New report".
    tab_to(page, "nav a[href$='/meldingen/nieuw/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile("/meldingen/nieuw/[0-9a-f-]{36}/$"))

    # The acute question comes first; "No" is chosen by default.
    tab_to(page, "input[name=is_acute]")
    expect(page.locator("input[name=is_acute][value=no]")).to_be_checked()
    tab_to(page, "#id_description")
    page.keyboard.type("Man slaapt in een bedrijfshal en wordt elke ochtend opgehaald.")
    tab_to(page, "input[name=exploitation_forms][value=labour]")
    page.keyboard.press("Space")
    tab_to(page, "#id_persons-0-first_name")
    page.keyboard.type("Piotr")
    tab_to(page, "#id_persons-0-last_name")
    page.keyboard.type("Nowak")
    tab_to(page, "#id_persons-0-phone")
    page.keyboard.type("06 98765432")
    tab_to(page, "button[type=submit]:not([name])")
    page.keyboard.press("Enter")

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(re.compile(r"M-\d{4}-\d{6}"))
    report = Report.objects.get(
        pk=int(re.search(r"M-\d{4}-(\d{6})", heading.inner_text()).group(1))
    )
    assert report.exploitation_forms == ["labour"]
    assert not report.is_acute
    assert report.description.startswith("Man slaapt in een bedrijfshal")
    person = report.persons.get()
    assert (person.first_name, person.last_name, person.role) == (
        "Piotr",
        "Nowak",
        "presumed_victim",
    )
    assert person.phone == "06 98765432"
