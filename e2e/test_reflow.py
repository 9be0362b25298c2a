"""The care pages, the privacy pages, every role's inbox and the portal's status page at a
phone's 390 px, a laptop's 1,280 px and a wide 1,920 px screen: no sideways scrolling, nothing
sticking out of its card, no cards over each other, and (in Dutch) no number in English
notation. A screenshot of each goes to test-results/screens/reflow/ to be looked at."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from playwright.sync_api import Browser, Page

from e2e.conftest import sign_in
from e2e.pages import MAIN_PAGES, MainPage, Role, make_story
from e2e.test_case_page import SCREENS, WIDTHS, overflow_problems
from e2e.test_screens import _open

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A number with a comma before three digits and no Dutch decimal comma: 1,479 (English).
ENGLISH_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")


def _checked(entry: MainPage) -> bool:
    path = entry.path_label
    return (
        path.startswith(("/zorg/", "/privacy/"))
        or entry.slug == "inbox"
        or entry.name == "resident-status"
    )


def _beyond_main(page: Page) -> list[str]:
    """A card that runs into the footer (or closer to it than 1rem); a table that must be
    scrolled sideways within its card (the pages checked here reflow their tables)."""
    return page.evaluate(
        """() => {
            const footer = document.querySelector('footer').getBoundingClientRect();
            return [...document.querySelectorAll('main .zicht-card')]
                .filter(card => card.getBoundingClientRect().bottom > footer.top - 16)
                .map(card => `card ${card.getAttribute('aria-labelledby')} touches the footer`)
                .concat([...document.querySelectorAll('main .zicht-table-scroll')]
                    .filter(box => box.scrollWidth > box.clientWidth + 1)
                    .map(box => `table ${box.getAttribute('aria-labelledby')} scrolls sideways`));
        }"""
    )


PAGES = [entry for entry in MAIN_PAGES if _checked(entry)]


def test_the_pages_reflow_from_a_phone_to_a_wide_screen(browser: Browser, live_server, demo_setup):
    with translation.override("nl"):
        story = make_story()
    folder = SCREENS / "reflow"
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    pages: dict[Role, Page] = {}
    for entry in PAGES:
        page = pages.get(entry.role)
        if page is None:
            context = browser.new_context(locale="nl-NL", base_url=live_server.url)
            context.set_default_timeout(15_000)
            page = pages[entry.role] = context.new_page()
            if entry.role.username is not None:
                sign_in(page, live_server.url, entry.role.username)
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        _open(page, entry, story, live_server.url, problems)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            problems += [f"{entry.name} at {width}px: {p}" for p in overflow_problems(page)]
            problems += [f"{entry.name} at {width}px: {p}" for p in _beyond_main(page)]
            text = page.locator("main").inner_text()
            problems += [
                f"{entry.name}: English number notation {number!r}"
                for number in ENGLISH_THOUSANDS.findall(text)
            ]
            page.screenshot(path=str(folder / f"{entry.name}-{width}.png"), full_page=True)
    for page in pages.values():
        page.context.close()
    assert {entry.name for entry in PAGES} >= {
        "hub-care",
        "care-coordinator-trajectory",
        "privacy-officer-request",
        "administrator-retention",
        "resident-status",
    }
    assert not problems, "\n".join(dict.fromkeys(problems))
