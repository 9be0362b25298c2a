"""No English on a Dutch page: every main page of every role (e2e/pages.py, the same pages as
docs/screens.md) is rendered in Dutch and its visible text searched for the English source text
of our catalogue's entries, and for tell-tale English words."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from e2e.pages import MAIN_PAGES, MainPage, Role, make_story

CATALOGUE = Path(__file__).resolve().parent.parent / "zicht/locale/nl/LC_MESSAGES/django.po"

# English source texts that are Dutch as well, or that only name something: they may stand on
# a Dutch page as they are.
ALSO_DUTCH = {
    "Filter",  # "Filter wissen"
    "Veilig Thuis",
    "Transport",  # "Transport en logistiek"
}
# Words that are English and not Dutch (whole words, any case).
ENGLISH_WORDS = (
    "the", "and", "with", "this", "that", "these", "your", "you", "please", "from", "for",
    "which", "case", "cases", "report", "reports", "person", "persons", "submit", "save",
    "cancel", "search", "none", "true", "false", "yes", "unknown", "received", "registered",
    "required", "optional", "error", "days", "weeks", "month", "months", "year",
    "years", "method", "estimate", "median", "sign", "signed", "next",
    "previous", "page", "back", "january", "february", "march", "may", "june", "july",
    "august", "october", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "to", "by", "or", "not", "all", "new", "overdue", "due",
)  # fmt: skip
ENGLISH = re.compile(
    r"(?<![\w-])(?:" + "|".join(map(re.escape, ENGLISH_WORDS)) + r")(?![\w-])", re.I
)
# Elements whose text nobody sees; void elements, which have no end tag.
UNSEEN = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# Attributes that are read out or shown.
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "aria-description")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}")


def _unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), body)


@cache
def english_source_texts() -> tuple[str, ...]:
    """The msgids of the Dutch catalogue a Dutch page must not show: those whose Dutch
    text differs (or is missing, so the page would show the English)."""
    entries: list[dict[str, list[str]]] = [{}]
    field = ""
    for raw in CATALOGUE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            entries.append({})
            continue
        if line.startswith("#"):
            continue  # comments, flags and obsolete entries (#~)
        if line.startswith('"'):
            entries[-1][field][-1] += _unquote(line)
            continue
        field = line.split(" ", 1)[0]
        entries[-1].setdefault(field, []).append(_unquote(line))
    found = []
    for entry in entries:
        translations = [
            text for key, texts in entry.items() if key.startswith("msgstr") for text in texts
        ]
        for source in entry.get("msgid", []) + entry.get("msgid_plural", []):
            if source and source not in translations:
                found.append(source)
    assert len(found) > 300, "the Dutch catalogue was not read"
    return tuple(found)


def _pattern(source: str) -> re.Pattern[str] | None:
    """A pattern for a source text as it appears on a page (placeholders filled in), or None
    for texts too short to tell apart from Dutch or names."""
    parts = PLACEHOLDER.split(" ".join(source.split()))
    if source in ALSO_DUTCH or sum(len(part.strip()) for part in parts) < 4:
        return None
    if len(parts) == 1 and " " not in source and len(source) < 6:
        return None  # one short word: a name or a word Dutch shares (e.g. "Hotel")
    body = r"[^\n]{1,60}?".join(re.escape(part) for part in parts)
    return re.compile(rf"(?<!\w){body}(?!\w)")


class VisibleText(HTMLParser):
    """The text a reader of the page sees or hears, one line per text node, leaving out
    whatever is marked as in another language than the page (the language switch)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from this check)
        self.language = ""  # the page's

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang")
        if tag == "html":
            self.language = lang or ""
        hidden = self._hidden() or tag in UNSEEN or (lang is not None and lang != self.language)
        if not hidden:
            for name in SHOWN_ATTRIBUTES:
                if values.get(name):
                    self.lines.append(str(values[name]))
            if tag == "input" and values.get("type") in ("submit", "button"):
                self.lines.append(str(values.get("value") or ""))
        if tag not in VOID:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._hidden():
            self.lines.append(text)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.lines)


def english_on(text: str) -> list[str]:
    """The English found in a page's visible text."""
    found = []
    for source in english_source_texts():
        pattern = _pattern(source)
        if pattern is not None and (match := pattern.search(text)):
            found.append(f"catalogue entry {source!r}: {match[0]!r}")
    for line in text.splitlines():
        found += [f"English word {match[0]!r} in {line!r}" for match in ENGLISH.finditer(line)]
    return found


def _client_for(role: Role, language: str = "nl") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if role.username is not None:
        device = TOTPDevice.objects.select_related("user").get(user__username=role.username)
        client.force_login(device.user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def render(page: MainPage, story, clients: dict[Role, Client]) -> str:
    if page.role.username is None:
        client = _client_for(page.role)  # a resident or visitor starts afresh on each page
    else:
        client = clients.setdefault(page.role, _client_for(page.role))
    path = page.path(story)
    if page.form is not None:
        client.post(path, page.form(story))
    response = client.get(path, follow=True)  # a form page moves to its own key first
    assert response.status_code == 200, f"{page.name}: {path} answered {response.status_code}"
    html = response.content.decode()
    assert '<html lang="nl"' in html, f"{page.name}: the page does not say it is Dutch"
    return html


def test_the_check_finds_english():
    """The check itself: an English label and an English sentence are found, Dutch is not."""
    assert english_on(visible_text('<main><a href="/">My inbox</a></main>'))
    assert english_on(visible_text("<p>Received 3 days ago by the hub</p>"))
    assert english_on(visible_text('<input type="search" placeholder="Search cases">'))
    assert not english_on(
        visible_text(
            '<html lang="nl"><main><h1>Mijn inbox</h1><p>Gemeld door Veilig Thuis op 3 maart '
            '2026.</p><form lang="en"><button>English</button></form><script>var the = 1;</script>'
            "</main></html>"
        )
    )


@pytest.mark.django_db
def test_the_check_finds_english_on_a_page_rendered_in_english(demo):
    with translation.override("nl"):
        story = make_story()
    hub_case = next(page for page in MAIN_PAGES if page.name == "hub-case")
    english = _client_for(hub_case.role, "en").get(hub_case.path(story))
    found = english_on(visible_text(english.content.decode()))
    assert any("'Follow-up actions'" in item for item in found)
    assert any("English word" in item for item in found)


@pytest.mark.django_db
def test_no_english_on_the_dutch_pages(demo):
    with translation.override("nl"):  # what a Dutch user's request has active
        story = make_story()
    clients: dict[Role, Client] = {}
    problems = []
    for page in MAIN_PAGES:
        found = english_on(visible_text(render(page, story, clients)))
        problems += [f"{page.name} ({page.path(story)}): {item}" for item in found]
    assert not problems, "\n".join(problems)
