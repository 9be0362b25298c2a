"""The regional monitor in the browser: the Twente analyst filters to 2025, sees the known
numbers, downloads the annual report and the exports; a focal officer sees small cells
hidden; axe-core finds no WCAG 2.1 AA violations on the monitor's pages."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from testdata.monitor_year import create_known_year
from zicht.audit.models import AccessAction, AccessLogEntry
from zicht.care.models import CareTrajectory
from zicht.demo.care import create_region_trajectories
from zicht.organisations.models import Membership, Organisation, OrganisationType, Role

# A real server needs a transactional database; restore the migrated reference data.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def known(demo_setup, live_server, settings):
    """The known year, and a server that has answered once: its first request imports
    every app's views (some import pandas, seconds on a busy machine), which must not
    count against the browser's ten-second navigation timeout."""
    urllib.request.urlopen(f"{live_server.url}/account/inloggen/", timeout=60).read()  # noqa: S310
    settings.ZICHT_MONITOR_CACHE_SECONDS = 0
    return create_known_year(2025)


def figure(page: Page, name: str):
    return page.locator(f'[data-figure="{name}"]')


def municipality_cell(page: Page, code: str):
    return page.locator(f'#fig-municipality + div tr[data-code="{code}"] td')


def filter_to_2025(page: Page) -> None:
    page.goto("/monitor/")
    page.get_by_label(ui("First day", exact=True)).fill("2025-01-01")
    page.get_by_label(ui("Last day", exact=True)).fill("2025-12-31")
    page.get_by_role("button", name=ui("Show", exact=True)).click()
    expect(page).to_have_url(re.compile(r"start=2025-01-01.*end=2025-12-31"))


def assert_accessible(page: Page, where: str) -> None:
    violations = run_axe(page)
    assert not violations, format_violations(where, violations)


def test_the_twente_analyst_sees_the_known_numbers_and_downloads_report_and_exports(persona, known):
    page = persona("analist.twente")
    filter_to_2025(page)
    expect(figure(page, "reports")).to_have_text("23")
    expect(figure(page, "cases")).to_have_text("23")
    expect(figure(page, "unique_persons")).to_have_text("20")  # fewer persons than reports
    expect(figure(page, "person_records")).to_have_text("23")
    expect(municipality_cell(page, "GM0141")).to_have_text("3")  # the hub sees small cells
    expect(municipality_cell(page, "GM0153")).to_have_text("12")
    assert_accessible(page, "monitor (analyst)")

    # The filters are in the URL: the link can be shared and opens the same view.
    shared = page.url
    other = persona("hub.twente")
    other.goto(shared)
    expect(figure(other, "unique_persons")).to_have_text("20")

    # WeasyPrint's first import and the estimation take a while on a busy machine.
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("button", name=ui("Download the annual report (PDF)")).click(
            timeout=90_000
        )
    pdf = download_info.value
    assert pdf.suggested_filename == "jaarverslag-VR05-2025.pdf"
    assert Path(pdf.path()).read_bytes()[:5] == b"%PDF-"

    page.get_by_role("link", name=ui("Exports of this period (CoMensha, HTCDS, CTDC)")).click()
    expect(page.locator('[data-export="left-out"]')).to_be_visible()
    assert_accessible(page, "exports page")
    downloads = {}
    for name in (
        "CoMensha: presumed victims with consent or a legal basis (CSV)",
        "HTCDS 2.0 (JSON)",
        "CTDC-style aggregate table, groups under 11 left out (CSV)",
    ):
        with page.expect_download(timeout=30_000) as download_info:
            page.get_by_role("link", name=ui(name)).click(timeout=30_000)
        download = download_info.value
        text = Path(download.path()).read_text(encoding="utf-8")
        downloads[download.suggested_filename.split("-")[0]] = text
    assert downloads["comensha"].count("\n") == 1 + known["comensha_rows"]
    assert len(json.loads(downloads["htcds"])) == known["comensha_rows"]
    assert downloads["ctdc"].startswith("year,gender,age_band")
    exported = AccessLogEntry.objects.filter(action=AccessAction.EXPORT, username="analist.twente")
    assert exported.count() == 4

    page.get_by_role("link", name=ui("Back to the monitor")).click()
    page.get_by_role("link", name=ui("Estimate the hidden number for this period")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Twente")
    assert_accessible(page, "dark number page")


def test_a_municipal_user_sees_small_cells_hidden_and_the_hub_analyst_sees_them_all(persona, known):
    focal = persona("afm.hengelo")
    filter_to_2025(focal)
    expect(municipality_cell(focal, "GM0164")).to_have_text("8")  # own municipality in full
    expect(municipality_cell(focal, "GM0141")).to_have_text(ui("hidden", exact=True))
    expect(focal.get_by_text(ui("Small numbers are hidden."))).to_be_visible()
    assert_accessible(focal, "monitor (focal officer)")

    analyst = persona("analist.twente")
    filter_to_2025(analyst)
    expect(municipality_cell(analyst, "GM0141")).to_have_text("3")
    expect(analyst.locator(".monitor-hidden")).to_have_count(0)


# --- The monitor an analyst can defend: Dutch, Dutch numbers, filled date fields, reflow ---

SCREENS = Path(__file__).resolve().parent.parent / "test-results" / "screens"
WIDTHS = (390, 1280, 1920)
# English that reached the Dutch pages before (the estimation's command-line reading, its
# chart, the interval that collapsed to one number, the half-Dutch heading).
KNOWN_OFFENDERS = (
    "registered",
    "--bootstrap",
    "main effects",
    "stepwise (",
    "people were",
    "Het dark number",
    "Estimated total",
    "no consent or legal basis",
)
ENGLISH_GROUPING = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")  # 1,479: English notation


def english_on_page(text: str) -> list[str]:
    """Sentences of the catalogue left in English: every msgid of three words or more whose
    Dutch translation differs from it, found in the page's text; plus the known offenders."""
    from django.utils.translation import trans_real

    catalog = trans_real.translation("nl")._catalog
    found = [word for word in KNOWN_OFFENDERS if word in text]
    for msgid, msgstr in catalog.items():
        if isinstance(msgid, str) and msgid.count(" ") >= 2 and msgstr != msgid:
            plain = re.sub(r"%\(\w+\)s|\{\{ \w+ \}\}", "\x00", msgid)
            parts = [part for part in plain.split("\x00") if part.strip()]
            if len(plain.replace("\x00", "")) >= 12 and all(part in text for part in parts):
                found.append(msgid)
    return found


def look_at(page: Page, name: str) -> None:
    """Screenshots at phone, laptop and wide screen; at every width nothing scrolls sideways
    and no table or chart is wider than its card."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate(
            """() => {
                const wide = document.documentElement.scrollWidth > window.innerWidth;
                const cards = [...document.querySelectorAll('.zicht-card')];
                const sticking = cards.flatMap(card => {
                    const box = card.getBoundingClientRect();
                    const title = (card.querySelector('h2, h3') || {}).textContent;
                    return [...card.querySelectorAll('table, svg')].filter(el => {
                        const r = el.getBoundingClientRect();
                        const shown = r.width > 0;  // a closed <details> lays out nothing
                        return shown && (r.right > box.right + 1 || r.left < box.left - 1);
                    }).map(el => {
                        const r = el.getBoundingClientRect();
                        const at = `${Math.round(r.left)}-${Math.round(r.right)}`;
                        return `${el.className} in ${title} at ${at}, card ${box.right}`;
                    });
                });
                return {wide, sticking};
            }"""
        )
        assert not overflow["wide"], f"{name} scrolls sideways at {width} px"
        assert not overflow["sticking"], f"{name} at {width} px: {overflow['sticking']}"
    page.set_viewport_size({"width": 1280, "height": 900})


def assert_dutch(page: Page, where: str) -> None:
    text = page.locator("main").inner_text()
    assert not english_on_page(text), f"English on {where}: {english_on_page(text)}"
    assert not ENGLISH_GROUPING.search(text), f"English number notation on {where}"


def test_the_analyst_lands_on_the_monitor_after_signing_in(persona, known):
    page = persona("analist.twente")
    expect(page).to_have_url(re.compile(r"/monitor/$"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/monitor/$"))


def test_the_period_fields_show_the_chosen_and_the_default_period(persona, known):
    page = persona("analist.twente")
    filter_to_2025(page)
    assert page.get_by_label(ui("First day", exact=True)).input_value() == "2025-01-01"
    assert page.get_by_label(ui("Last day", exact=True)).input_value() == "2025-12-31"
    # Emptied fields fall back to this year so far, and show it.
    page.get_by_label(ui("First day", exact=True)).fill("")
    page.get_by_label(ui("Last day", exact=True)).fill("")
    page.get_by_role("button", name=ui("Show", exact=True)).click()
    start = page.get_by_label(ui("First day", exact=True)).input_value()
    assert re.fullmatch(r"\d{4}-01-01", start)
    assert page.get_by_label(ui("Last day", exact=True)).input_value() >= start
    # Back and submit again (the browser restores what the fields held): no error, and
    # the fields show the period the page is about.
    page.go_back()
    page.get_by_role("button", name=ui("Show", exact=True)).click()
    expect(page.locator(".errorlist")).to_have_count(0)
    assert re.fullmatch(
        r"\d{4}-\d{2}-\d{2}", page.get_by_label(ui("First day", exact=True)).input_value()
    )
    # The year links fill the fields too.
    page.get_by_role("link", name="2025", exact=True).click()
    assert page.get_by_label(ui("Last day", exact=True)).input_value() == "2025-12-31"
    # The main action with the keyboard alone: from the last field, Tab to the button.
    page.get_by_label(ui("Trend per", exact=True)).focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=ui("Show", exact=True))).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"start=2025-01-01.*end=2025-12-31"))


def test_the_monitor_pages_are_dutch_with_dutch_numbers_and_reflow(persona, known):
    page = persona("analist.twente")
    filter_to_2025(page)
    assert_dutch(page, "the dashboard")
    look_at(page, "monitor-dashboard")

    # The estimation's first import (numpy, scipy) takes a while on a busy machine.
    page.get_by_role("link", name=ui("Estimate the hidden number for this period")).click(
        timeout=60_000
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        ui("The hidden number (dark number)")
    )
    assert_dutch(page, "the dark number page")
    assert_accessible(page, "dark number page")
    look_at(page, "monitor-dark-number")

    page.goto("/monitor/exports/?start=2025-01-01&end=2025-12-31")
    left_out = page.locator('[data-export="left-out"]')
    expect(left_out).to_contain_text(ui("no consent or legal basis recorded"))
    assert_dutch(page, "the exports page")
    assert_accessible(page, "exports page")
    look_at(page, "monitor-exports")
    with page.expect_download(timeout=30_000) as download_info:
        page.get_by_role("link", name=ui("who was left out, and why")).click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "geen toestemming of wettelijke grondslag vastgelegd" in text
    assert "geëxporteerd" in text


# --- Care: the demo's trajectories in every stage, counted in the "Zorg" section ---


@pytest.fixture
def demo_care(known):
    """The demo's care stories of Twente (intake, plan, in care, a reflection period ending,
    aftercare, closed, a relapse), told by the demo itself on the known year's cases."""
    hub = Membership.objects.get(user__username="hub.twente", role=Role.HUB_CASE_MANAGER)
    coordinator = Membership.objects.get(user__username="zorgcoordinator.twente")
    region = hub.organisation.region
    organisations = {
        kind: Organisation.objects.filter(region=region, type=kind).earliest("pk")
        for kind in (OrganisationType.SHELTER, OrganisationType.CARE)
    }
    create_region_trajectories(hub, coordinator, organisations)
    assert set(CareTrajectory.objects.values_list("status", flat=True)) == {
        "intake", "plan", "in_care", "aftercare", "closed"
    }  # fmt: skip
    return known


def test_the_analyst_sees_the_care_section_of_the_demo(persona, demo_care):
    page = persona("analist.twente")
    page.goto("/monitor/")  # this year so far
    section = page.locator("section.monitor-care")
    expect(section.get_by_role("heading", level=2, name=ui("Care", exact=True))).to_be_visible()
    # In care or aftercare this year: the stories in care, with a reflection period ending,
    # in aftercare, closed 40 days ago and the relapse (in care until 140 days ago).
    expect(figure(page, "care_in_care")).to_have_text("5")
    expect(figure(page, "days_to_care")).not_to_have_text(ui("hidden or none"))
    closed = section.locator('#fig-care_outcome + div tr[data-code="goals_reached"] td')
    expect(closed).to_have_text("2")
    expect(section.locator(".monitor-hidden")).to_have_count(0)  # the hub sees everything
    assert_dutch(page, "the dashboard with care")
    assert_accessible(page, "monitor with the care section")
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        section.screenshot(path=str(SCREENS / f"monitor-care-{width}.png"))
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not wide, f"the care section scrolls sideways at {width} px"

    # A focal officer sees the same section, small counts hidden.
    focal = persona("afm.hengelo")
    focal.goto("/monitor/")
    expect(figure(focal, "care_in_care")).to_have_text("5")
    expect(figure(focal, "care_started")).to_have_text(ui("hidden", exact=True))
    assert_accessible(focal, "monitor with the care section (focal officer)")
