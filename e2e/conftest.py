"""Browser journeys: Playwright (sync API) driving Debian's Chromium against
pytest-django's live server, with the demo set-up and real sign-in (password +
TOTP) per persona."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio loop in this thread; Django's ORM calls
# made by the test itself (set-up, assertions) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, expect, sync_playwright

from zicht.demo.create import create_demo
from zicht.demo.organisations import DEMO_PASSWORD, demo_code

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--lang=nl-NL",  # the browser's own widgets (date fields) in Dutch
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            # With chromium-l10n, LANGUAGE makes the date fields read dd-mm-jjjj (--lang alone
            # does not when headless).
            env={**os.environ, "LANGUAGE": "nl"},
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_setup(transactional_db):
    create_demo(history=False)


def sign_in(page: Page, base_url: str, username: str) -> None:
    """Sign in as a real user: user name and password, then the six-digit code."""
    page.goto(f"{base_url}/account/inloggen/")
    page.get_by_label(ui("username", exact=True)).fill(username)
    page.get_by_label(ui("password", exact=True)).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=ui("Next", exact=True)).click()
    code_field = page.get_by_label(ui("Six-digit code from your authenticator app", exact=True))
    expect(code_field).to_be_visible()
    code_field.fill(demo_code(username))
    page.get_by_role("button", name=ui("Verify", exact=True)).click()
    # Signed in: the main menu is there (the verification page has none).
    expect(page.get_by_role("navigation", name=ui("Main menu", exact=True))).to_be_visible()


@pytest.fixture
def persona(browser: Browser, live_server, demo_setup):
    """persona("hub.twente") -> a Page in a fresh browser context, signed in."""
    contexts = []

    def open_as(username: str, *, signed_in: bool = True) -> Page:
        context = browser.new_context(locale="nl-NL", base_url=live_server.url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if signed_in:
            sign_in(page, live_server.url, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def reporter(browser: Browser, live_server, demo_setup):
    """reporter("pl") -> a Page in a fresh, signed-out browser context in that language."""
    contexts = []

    def open_in(language: str) -> Page:
        # A phone-sized screen: the portal is built for it first.
        context = browser.new_context(
            locale=language, base_url=live_server.url, viewport={"width": 390, "height": 844}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_in
    for context in contexts:
        context.close()


def run_axe(page: Page) -> list[dict]:
    """Run axe-core with the WCAG 2.1 A/AA rules on the current page; return violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # The site's CSP forbids inline scripts without a nonce, so evaluate the
        # source through the DevTools protocol instead of adding a <script> tag.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }"""
    )
    return result


def format_violations(where: str, violations: list[dict]) -> str:
    lines = [f"{where}: {len(violations)} accessibility violation(s)"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:10]:
            summary = (node["summary"] or "").replace("\n", " / ")
            lines.append(f"      at {node['target']}: {summary}")
    return "\n".join(lines)


def ui(message: str, *, exact: bool = False) -> re.Pattern:
    """The interface text in Dutch or English, whichever the server shows.

    Taken from the translation catalogue (the live server runs in this process,
    so it renders exactly these strings); falls back to the English source text
    when the Dutch catalogue has no translation yet. With exact, the whole text
    must match (a label's trailing colon and required marker allowed); matching ignores case."""
    from django.utils import translation

    variants, required = [], []
    for language in ("nl", "en"):
        with translation.override(language):
            variants.append(str(translation.gettext(message)))
            required.append(str(translation.gettext("required")))
    alternatives = "|".join(re.escape(v) for v in dict.fromkeys(variants))
    if not exact:
        return re.compile(f"(?:{alternatives})", re.IGNORECASE)
    # a label may end in a colon, and a required field's label says "(required)"
    marker = "|".join(re.escape(r) for r in dict.fromkeys(required))
    return re.compile(rf"^\s*(?:{alternatives})(?:\s*\((?:{marker})\))?\s*:?\s*$", re.I)
