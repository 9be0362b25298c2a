"""One screenshot of every main page of every role (e2e/pages.py), 1,280 px wide, for
docs/screens.md; a page that answers with an error or raises one in the browser fails the test.

The screenshots go to a temporary directory; with ZICHT_SCREENS=docs (`make screens`) they
replace docs/screens/ and docs/screens.md, which are committed. Dates and receipt codes differ
from run to run, so an ordinary test run leaves the committed pictures alone."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.utils import translation
from PIL import Image
from playwright.sync_api import Browser, ConsoleMessage, Page

from e2e.conftest import sign_in
from e2e.pages import MAIN_PAGES, MainPage, Role, Story, make_story

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOCS = Path(__file__).resolve().parent.parent / "docs"
WIDTH = 1280
MAX_HEIGHT = 2000  # a long page is cut here: the top says what the page is
MAX_BYTES = 300_000  # per picture; all of them together stay well under 5 MB


def _shrink(png: bytes) -> bytes:
    """The screenshot with at most 256 colours, which keeps text sharp and the file small."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def _open(page: Page, entry: MainPage, story: Story, base: str, errors: list[str]) -> None:
    response = page.goto(base + entry.path(story))
    if response is None or not response.ok:
        status = response.status if response else "no answer"
        errors.append(f"{entry.name}: {entry.path(story)} answered {status}")
    if entry.form is not None:
        fields = entry.form(story)
        for name, value in fields.items():
            page.locator(f"[name='{name}']").fill(value)
        with page.expect_navigation():
            page.locator(f"[name='{next(iter(fields))}']").evaluate("f => f.form.requestSubmit()")
    page.wait_for_load_state("networkidle")
    if page.locator("main").count() != 1:
        errors.append(f"{entry.name}: no main content at {page.url}")


def _screenshot(page: Page) -> bytes:
    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
    clip = {"x": 0, "y": 0, "width": WIDTH, "height": height}
    return _shrink(page.screenshot(full_page=True, clip=clip, animations="disabled"))


def _write_index(folder: Path, pictures: list[MainPage]) -> str:
    lines = [
        "# Screens",
        "",
        f"One screenshot of every main page of every role, {WIDTH:,} px wide (a long page is cut",
        f"at {MAX_HEIGHT:,} px), in Dutch, with the demo set-up and a few cases made through the",
        "route's operations (`e2e/pages.py`). Made by the test suite: `make screens` runs",
        "`e2e/test_screens.py` and rewrites this page and `docs/screens/`; the same pages are",
        "scanned for English by `tests/test_dutch_pages.py`.",
    ]
    role: Role | None = None
    for entry in pictures:
        if entry.role != role:
            role = entry.role
            who = f" (`{role.username}`)" if role.username else ""
            lines += ["", f"## {role.name}{who}", ""]
        lines.append(f"- **{entry.caption}** (`{entry.path_label}`)")
        lines.append(f"  ![{entry.caption}](screens/{entry.name}.png)")
    text = "\n".join(lines) + "\n"
    (folder / "screens.md").write_text(text, encoding="utf-8")
    return text


@pytest.mark.e2e
def test_every_main_page_of_every_role_has_a_screenshot(
    browser: Browser, live_server, demo_setup, tmp_path
):
    with translation.override("nl"):
        story = make_story()
    into = DOCS if os.environ.get("ZICHT_SCREENS") == "docs" else tmp_path
    (into / "screens").mkdir(parents=True, exist_ok=True)
    for old in (into / "screens").glob("*.png"):
        old.unlink()
    errors: list[str] = []
    sizes: dict[str, int] = {}
    pages: dict[Role, Page] = {}
    for entry in MAIN_PAGES:
        page = pages.get(entry.role)
        if page is None:
            context = browser.new_context(
                locale="nl-NL", viewport={"width": WIDTH, "height": 900}, base_url=live_server.url
            )
            context.set_default_timeout(15_000)
            page = pages[entry.role] = context.new_page()
            page.on("pageerror", lambda error, role=entry.role: _page_error(error, role, errors))
            page.on("console", lambda message, role=entry.role: _console(message, role, errors))
            if entry.role.username is not None:
                sign_in(page, live_server.url, entry.role.username)
        _open(page, entry, story, live_server.url, errors)
        picture = _screenshot(page)
        sizes[entry.name] = len(picture)
        (into / "screens" / f"{entry.name}.png").write_bytes(picture)
    for page in pages.values():
        page.context.close()

    assert not errors, "\n".join(errors)
    too_big = {name: size for name, size in sizes.items() if size > MAX_BYTES}
    assert not too_big, f"screenshots over {MAX_BYTES:,} bytes: {too_big}"
    assert sum(sizes.values()) < 5_000_000
    index = _write_index(into, list(MAIN_PAGES))
    for entry in MAIN_PAGES:
        assert f"screens/{entry.name}.png" in index
        with Image.open(into / "screens" / f"{entry.name}.png") as image:
            assert image.width == WIDTH


def _page_error(error: Exception, role: Role, errors: list[str]) -> None:
    errors.append(f"{role.slug}: {error}")


def _console(message: ConsoleMessage, role: Role, errors: list[str]) -> None:
    """An error in the browser's console: a refused script or style (CSP), a failed load."""
    if message.type == "error":
        errors.append(f"{role.slug}: console: {message.text} ({message.location.get('url')})")
