"""The municipal baseline in a browser: the Twente hub opens the regional baseline page and
finds Hengelo's criteria, coloured and named; Hengelo's focal officer opens the
municipality's page, records that a criterion is met, and gets a Dutch message (and no
change) for a date in the future. Every page at three widths (the screenshots go to
test-results/screens/), measured for overflow (the wide matrix scrolls inside its own box,
never the page) and checked with axe."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from e2e.test_case_page import WIDTHS, overflow_problems, screenshot
from zicht.baseline import progress, training
from zicht.baseline.models import CriterionChange, CriterionState
from zicht.organisations.models import Membership

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def hengelo_so_far() -> None:
    """A year of Hengelo's baseline and a trained department, through the operations."""
    focal = Membership.objects.get(user__username="afm.hengelo")
    municipality_id = focal.organisation.municipality_id
    today = timezone.localdate()
    for code, status, days_ago in (
        ("policy-1a", "in_progress", 300),
        ("policy-1a", "met", 120),
        ("awareness-1d", "met", 200),
        ("cooperation-1a", "in_progress", 60),
    ):
        progress.record_status(
            municipality_id=municipality_id,
            criterion_code=code,
            status=status,
            effective_on=today - datetime.timedelta(days=days_ago),
            evidence_text="Vastgesteld door het college." if status == "met" else "",
            by=focal,
        )
    desk = training.add_department(municipality_id=municipality_id, name="Burgerzaken", by=focal)
    training.add_department(municipality_id=municipality_id, name="Vergunningen", by=focal)
    training.record_training(
        municipality_id=municipality_id,
        department_id=desk.pk,
        participant="Sanne de Vries",
        title="Signalen van mensenhandel herkennen",
        followed_on=today - datetime.timedelta(days=30),
        by=focal,
    )


def looked_at(page: Page, name: str) -> list[str]:
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
def test_the_regional_page_shows_hengelo_and_its_focal_officer_records_progress(
    persona, live_server
):
    hengelo_so_far()
    problems: list[str] = []

    # 1. The hub reads the region: Hengelo's row, each cell an icon with its status named.
    hub = persona("hub.twente")
    hub.goto(f"{live_server.url}/basisniveau/")
    row = hub.locator('[data-testid="baseline-row"][data-municipality="GM0164"]')
    expect(row).to_contain_text("Hengelo")
    met = row.locator('[data-criterion="policy-1a"]')
    expect(met).to_have_attribute("data-status", "met")
    expect(met).to_contain_text(ui("Met"))
    expect(row.locator('[data-criterion="cooperation-1a"]')).to_have_attribute(
        "data-status", "in_progress"
    )
    # The focal officer proves N2; one of two departments trained: A1c in progress.
    expect(row.locator('[data-criterion="baseline-12"]')).to_have_attribute("data-status", "met")
    expect(row.locator('[data-criterion="awareness-1c"]')).to_have_attribute(
        "data-status", "in_progress"
    )
    expect(hub.get_by_test_id("baseline-progress")).to_contain_text("Hengelo")
    problems += looked_at(hub, "baseline-regional")
    # A filter: only plateau 2, only what is met.
    hub.get_by_label(ui("Plateau", exact=True)).select_option("2")
    hub.get_by_role("button", name=ui("Show", exact=True)).click()
    expect(hub.locator('[data-criterion="policy-1a"]')).to_have_count(0)
    problems += looked_at(hub, "baseline-regional-plateau-2")

    # 2. Hengelo's focal officer opens the municipality's page from the regional page.
    focal = persona("afm.hengelo")
    focal.goto(f"{live_server.url}/basisniveau/")
    focal.get_by_test_id("baseline-matrix").get_by_role("link", name="Hengelo (O.)").click()
    expect(focal.get_by_role("heading", level=1)).to_contain_text("Hengelo")
    criterion = focal.locator('[data-testid="baseline-criterion"][data-criterion="policy-1a"]')
    expect(criterion).to_contain_text("Vastgesteld door het college.")
    problems += looked_at(focal, "baseline-hengelo")

    # 3. A date in the future: a Dutch message, nothing changed.
    before = CriterionChange.objects.count()
    focal.locator('[data-criterion="policy-1b"]').get_by_role("link").click()
    form = focal.locator("#status-form form")
    expect(form.get_by_label(ui("Criterion"))).to_have_value("policy-1b")
    form.get_by_label(ui("Status", exact=True)).select_option("met")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form.get_by_label(ui("Date")).fill(tomorrow.isoformat())
    form.get_by_label(ui("Evidence: description")).fill("Beleidsnotitie vastgesteld.")
    form.get_by_role("button", name=ui("Record the status", exact=True)).click()
    summary = focal.get_by_test_id("error-summary")
    expect(summary).to_contain_text(
        ui("The date lies in the future: enter today or an earlier day.")
    )
    assert CriterionChange.objects.count() == before
    problems += looked_at(focal, "baseline-hengelo-error")

    # 4. Today instead: recorded, and the regional page shows it.
    form = focal.locator("#status-form form")
    form.get_by_label(ui("Date")).fill(timezone.localdate().isoformat())
    form.get_by_role("button", name=ui("Record the status", exact=True)).click()
    expect(focal.locator(".zicht-message--success")).to_contain_text(
        ui("The status of the criterion was recorded.")
    )
    state = CriterionState.objects.get(criterion__code="policy-1b", municipality__cbs_code="GM0164")
    assert state.status == "met"
    assert state.latest.recorded_by.username == "afm.hengelo"
    hub.goto(f"{live_server.url}/basisniveau/")
    expect(
        hub.locator('[data-municipality="GM0164"] [data-criterion="policy-1b"]')
    ).to_have_attribute("data-status", "met")

    assert not problems, "\n".join(problems)
