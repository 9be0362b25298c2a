"""The barrier model in a browser: the Twente hub opens this year's model and sees the
closures counted in the "work" barrier (from a counting source registered here, as the
enforcement app registers its own), the white spots in the comparison with last year, the
printable page, and records a new rating. Every page at three widths (the screenshots go to
test-results/screens/), measured for overflow and checked with axe."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from e2e.test_case_page import WIDTHS, overflow_problems, screenshot
from zicht.barriers import counting
from zicht.barriers.models import Barrier, BarrierRating
from zicht.organisations.models import Region

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

THIS_YEAR = timezone.localdate().year


def closures(region: Region, year: int) -> Iterable[counting.CountRow]:
    """What the measures register would count: closures under 174a in Twente this year."""
    if region.code == "VR05" and year == THIS_YEAR:
        return [("work", "closure_174a", "Sluiting art. 174a Gemeentewet", 2)]
    return []


@pytest.fixture
def source():
    counting.register_source(closures)  # the live server runs in this process
    yield
    counting.unregister_source(closures)


def dutch(message: str, **values: object) -> str:
    """A formatted interface text as the Dutch page shows it."""
    with override("nl"):
        return gettext(message) % values


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
def test_the_twente_hub_reads_and_rates_its_barrier_model(persona, live_server, source):
    problems: list[str] = []
    hub = persona("hub.twente")

    # 1. From the main menu to this year's model; the closures are counted in "work".
    hub.get_by_role("link", name=ui("Barrier model", exact=True)).click()
    problems += looked_at(hub, "barriers-index")
    hub.get_by_role("link", name=dutch("Barrier model %(year)s", year=THIS_YEAR)).click()
    labour = hub.get_by_test_id("form-labour")
    work = labour.get_by_test_id("barrier-work")
    expect(work.get_by_test_id("used")).to_contain_text("Sluiting art. 174a Gemeentewet: 2")
    expect(labour.get_by_test_id("barrier-housing").get_by_test_id("used")).to_contain_text(
        ui("No instrument used")
    )
    problems += looked_at(hub, "barriers-model")

    # 2. The comparison with last year: housing (labour) dropped, in words and with an icon.
    hub.get_by_role(
        "link", name=dutch("Compare with %(year)s: white spots", year=THIS_YEAR - 1)
    ).click()
    housing = hub.get_by_test_id("compare-labour").get_by_test_id("compare-housing")
    expect(housing.get_by_test_id("white-spot")).to_be_visible()
    expect(housing).to_contain_text(ui("Rating dropped"))
    work_row = hub.get_by_test_id("compare-labour").get_by_test_id("compare-work")
    expect(work_row).to_contain_text(ui("No white spot"))
    problems += looked_at(hub, "barriers-comparison")

    # 3. The printable page.
    hub.get_by_role("link", name=ui("Printable page", exact=True)).first.click()
    expect(hub.get_by_role("heading", level=1)).to_contain_text(str(THIS_YEAR))
    problems += looked_at(hub, "barriers-print")

    # 4. A rating outside the scale is refused with a message; a real one is recorded.
    barrier = Barrier.objects.get(
        model__region__code="VR05",
        model__year=THIS_YEAR,
        exploitation_form="labour",
        code="housing",
    )
    hub.goto(f"{live_server.url}/barrieremodel/barrieres/{barrier.pk}/")
    before = BarrierRating.objects.count()
    hub.evaluate(
        "() => { const r = document.querySelector('input[name=rating]');"
        " r.value = '9'; r.checked = true; }"
    )
    hub.get_by_role("button", name=ui("Record the rating", exact=True)).click()
    expect(hub.get_by_test_id("error-summary")).to_contain_text(
        ui("Choose one of the ratings: no barrier, weak, reasonable or strong.")
    )
    assert BarrierRating.objects.count() == before
    problems += looked_at(hub, "barriers-barrier-error")
    hub.get_by_label(ui("Reasonable", exact=True)).check()
    hub.get_by_label(ui("Note", exact=True)).fill("Pandbrigade controleert weer op overbewoning.")
    hub.get_by_role("button", name=ui("Record the rating", exact=True)).click()
    expect(hub.get_by_test_id("ratings")).to_contain_text("Pandbrigade controleert weer")
    assert BarrierRating.objects.count() == before + 1
    problems += looked_at(hub, "barriers-barrier")

    # 5. A focal officer of the region reads the model, without the forms.
    officer = persona("afm.enschede")
    officer.goto(f"{live_server.url}/barrieremodel/{THIS_YEAR}/?vorm=labour")
    expect(officer.get_by_test_id("barrier-work").get_by_test_id("used")).to_contain_text("2")
    expect(officer.get_by_role("button", name=ui("Add the barrier", exact=True))).to_have_count(0)

    assert problems == [], "\n".join(problems)
