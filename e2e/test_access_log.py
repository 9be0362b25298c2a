"""The access log as a privacy officer reads it, at phone, laptop and wide-screen width;
zicht's own error pages; no inline style refused by the Content Security Policy.

Screenshots go to test-results/screens/ (git-ignored) for a person to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import format_violations, run_axe, ui
from e2e.test_accessibility import case_with_handover_to_veilig_thuis, member
from zicht.audit.log import record_read
from zicht.audit.models import Purpose

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENS = Path(__file__).resolve().parent.parent / "test-results" / "screens"
WIDTHS = (390, 1280, 1920)
# What the log stored and must no longer show as such on a Dutch page.
RAW = ("casework.case", "intake.report", "focal_officer", "hub_case_manager", "case handling")
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


def screenshot(page: Page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def assert_fits(page: Page, where: str) -> None:
    """No sideways scrolling, no table or form wider than the main column, no text drawn
    over other text."""
    overflow = page.evaluate(
        """() => {
            const main = document.querySelector('main').getBoundingClientRect();
            const wide = [...document.querySelectorAll('main table, main form, main input')]
                .filter(e => e.getBoundingClientRect().right > main.right + 1)
                .map(e => e.tagName + (e.className ? '.' + e.className : ''));
            // Lines of text that are drawn over each other (text nodes' boxes intersect).
            const boxes = [];
            const walker = document.createTreeWalker(
                document.querySelector('main'), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                if (!node.textContent.trim()) continue;
                let hidden = false;  // visually hidden text (a 1-pixel clipped box) is no overlap
                for (let e = node.parentElement; e && !hidden; e = e.parentElement) {
                    const box = e.getBoundingClientRect();
                    hidden = box.width <= 1 || box.height <= 1;
                }
                if (hidden) continue;
                const range = document.createRange();
                range.selectNodeContents(node);
                for (const r of range.getClientRects()) {
                    if (r.width > 0 && r.height > 0) boxes.push([node, r]);
                }
            }
            const spilled = [];
            for (let i = 0; i < boxes.length; i++) {
                for (let j = i + 1; j < boxes.length; j++) {
                    const [n, a] = boxes[i], [m, b] = boxes[j];
                    if (n === m) continue;
                    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
                    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                    if (x > 2 && y > 2) spilled.push(n.textContent.trim().slice(0, 30) + ' / '
                        + m.textContent.trim().slice(0, 30));
                }
            }
            return {
                scroll: document.documentElement.scrollWidth, inner: innerWidth, wide, spilled,
            };
        }"""
    )
    assert overflow["scroll"] <= overflow["inner"], f"{where}: sideways scrolling {overflow}"
    assert not overflow["wide"], f"{where}: wider than the page {overflow}"
    assert not overflow["spilled"], f"{where}: text drawn over other text {overflow}"


def csp_violations(page: Page) -> list[str]:
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return messages


@pytest.mark.e2e
def test_the_access_log_reads_in_dutch_and_fits_every_width(persona, live_server):
    case = case_with_handover_to_veilig_thuis()
    persons = list(case.reports.get().persons.values_list("pk", flat=True))
    record_read(
        membership=member("afm.hengelo"),
        obj=case,
        person_ids=persons,
        purpose=Purpose.CASE_HANDLING,
    )
    admin = persona("beheer")
    refused = csp_violations(admin)
    for width in WIDTHS:
        admin.set_viewport_size({"width": width, "height": 900})
        admin.goto(f"{live_server.url}/beheer/toegangslog/")
        expect(admin.get_by_role("heading", level=1)).to_have_text(ui("Access log"))
        screenshot(admin, f"access-log-{width}")
        assert_fits(admin, f"access log at {width}px")
    text = admin.locator("main").inner_text()
    for raw in RAW:
        assert raw not in text
    assert f"Casus {case.reference}" in text
    assert "Behandeling van de casus" in text
    assert "Aandachtsfunctionaris mensenhandel" in text
    assert re.search(rf"\d{{1,2}} ({MONTHS}) \d{{4}}", text)
    violations = run_axe(admin)
    assert not violations, format_violations("access log", violations)

    # A person's number leads to everything logged about that person.
    admin.get_by_role("link", name=f"persoon {persons[0]}").first.click()
    expect(admin.get_by_text(re.compile(r"^\d+ regels?$"))).to_be_visible()
    assert all(
        f"persoon {persons[0]}" in row.inner_text()
        for row in admin.get_by_test_id("log-entry").all()
    )
    assert not refused, refused


@pytest.mark.e2e
def test_a_bad_filter_is_explained_and_keeps_what_was_typed(persona, live_server):
    case = case_with_handover_to_veilig_thuis()
    admin = persona("beheer")
    admin.set_viewport_size({"width": 390, "height": 900})
    admin.goto(f"{live_server.url}/beheer/toegangslog/")
    admin.get_by_label("Casus of melding").fill("casus 12")
    admin.get_by_label("Vanaf").fill("1-5-2026")
    admin.get_by_label("Tot en met").fill("1-4-2026")
    admin.get_by_role("button", name="Filteren").click()
    summary = admin.get_by_role("alert")
    expect(summary).to_contain_text("Het filter kon niet worden toegepast")
    expect(summary).to_contain_text("Vul een kenmerk in zoals C-2026-000123")
    expect(admin.get_by_label("Casus of melding")).to_have_value("casus 12")
    expect(admin.get_by_label("Vanaf")).to_have_value("1-5-2026")
    screenshot(admin, "access-log-errors-390")
    assert_fits(admin, "access log with errors at 390px")
    violations = run_axe(admin)
    assert not violations, format_violations("access log with errors", violations)

    # Corrected with the keyboard alone: the reference and Enter; empty dates are no filter.
    admin.get_by_label("Vanaf").fill("")
    admin.get_by_label("Tot en met").fill("")
    admin.get_by_label("Casus of melding").fill(case.reference)
    admin.get_by_label("Casus of melding").press("Enter")
    expect(admin.get_by_role("alert")).to_have_count(0)
    rows = admin.get_by_test_id("log-entry")
    expect(rows.first).to_be_visible()
    for row in rows.all():
        assert case.reference in row.inner_text()

    # Back and submit again: the same page, no error.
    admin.go_back()
    admin.go_forward()
    admin.reload()
    expect(admin.get_by_role("alert")).to_have_count(0)
    expect(admin.get_by_test_id("log-entry").first).to_be_visible()


@pytest.mark.e2e
def test_a_case_out_of_reach_is_zichts_own_dutch_page_with_a_way_back(persona, live_server):
    case = case_with_handover_to_veilig_thuis()
    officer = persona("oov.hengelo")
    refused = csp_violations(officer)
    for width in (390, 1280):
        officer.set_viewport_size({"width": width, "height": 800})
        response = officer.goto(f"{live_server.url}/casussen/{case.pk}/")
        assert response is not None
        assert response.status == 404
        expect(officer.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
        screenshot(officer, f"not-found-{width}")
        assert_fits(officer, f"404 at {width}px")
    violations = run_axe(officer)
    assert not violations, format_violations("404", violations)
    officer.get_by_role("link", name="Naar mijn werkbak").click()
    expect(officer).to_have_url(f"{live_server.url}/")
    assert not refused, refused


@pytest.mark.e2e
def test_pages_load_their_favicon_and_break_no_content_security_policy(persona, live_server):
    focal = persona("afm.hengelo")
    refused = csp_violations(focal)
    focal.goto(f"{live_server.url}/")
    focal.get_by_role("link", name=ui("Cases", exact=True)).click()
    expect(focal.locator("main")).to_be_visible()
    icon = focal.locator("link[rel=icon]").get_attribute("href")
    assert icon is not None
    assert focal.request.get(f"{live_server.url}{icon}").ok
    assert focal.request.get(f"{live_server.url}/favicon.ico").ok
    assert not refused, refused
