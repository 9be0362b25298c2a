"""No input makes a page fail: random and edge-case values (long text, unicode that grows when
normalised, superscript digits, NUL, far dates, negative and huge numbers) posted to every form
and sent in every query parameter of every public and staff page, signed in with a role that
uses the page. Every answer is below 500, and no exception leaves a view.

The pages are found from the URL patterns, not listed by hand: a new page is fuzzed without a
change here (and a pattern this file cannot reach fails `test_every_page_is_fuzzed`). The form
fields are read from each page as the browser gets it, so a new field is fuzzed too. The number
of examples is modest so that the suite stays fast; hypothesis keeps what failed in its
database and tries it first next time."""

from __future__ import annotations

import re
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.barriers.models import Barrier

pytestmark = pytest.mark.django_db

# The Django admin and the language switch are Django's own; the favicon is a redirect.
NOT_OURS = ("admin:", "set_language", "favicon")

# Who uses each part of zicht (namespace, or namespace:name).
ROLES = {
    "casework": ["hub.twente", "afm.hengelo"],
    "intake": ["wijkcoach.hengelo", "afm.hengelo"],
    "linkage": ["hub.twente"],
    "care": ["zorgcoordinator.twente", "hub.twente"],
    "barriers": ["hub.twente", "afm.hengelo"],
    "privacy": ["privacy.twente"],
    "monitor": ["analist.twente"],
    "audit": ["beheer"],
    "accounts": [None],
    "accounts:invite": ["beheer"],
    "accounts:choose_role": ["hub.twente"],
    "portal": [None],
    "portal:staff_reply": ["hub.twente"],
    "portal:attachment": ["hub.twente"],
}

EDGES = [
    "",
    "0",
    "-1",
    "²",
    "١٢",
    "9" * 30,
    "9999-12-31",
    "0001-01-01",
    "0000-00-00",
    "2026-02-30",
    "31-12-9999",
    "9999-Q4",
    "ß" * 100,
    "ß" * 150,
    "ﬃ" * 100,
    "x" * 101,
    "x" * 201,
    "x" * 301,
    "x" * 5000,
    "a\x00b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "C-2026-000001",
    "M-9999-99999999999999999999",
    "00000000-0000-0000-0000-000000000000",
    "on",
    "yes",
    "acute",
]
VALUES = st.one_of(st.sampled_from(EDGES), st.text(max_size=120))


def _routes() -> list[tuple[str, str]]:
    """(namespace:name, route) of every named pattern of ours."""
    found = []

    def walk(patterns, namespace: str = "", prefix: str = ""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found.append((name, prefix + str(pattern.pattern)))

    walk(get_resolver().url_patterns)
    return [(name, route) for name, route in found if not name.startswith(NOT_OURS)]


def _roles_for(name: str) -> list[str | None]:
    return ROLES.get(name) or ROLES.get(name.split(":", 1)[0], [])


ROUTES = _routes()


class Forms(HTMLParser):
    """The forms of a page: method, action and field names."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form" and attributes.get("action") == reverse("accounts:logout"):
            self.forms.append({"method": "skip", "action": "", "fields": []})  # stay signed in
        elif tag == "form":
            self.forms.append(
                {
                    "method": (attributes.get("method") or "get").lower(),
                    "action": attributes.get("action") or "",
                    "fields": [],
                }
            )
        elif tag in {"input", "select", "textarea", "button"} and self.forms:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken":
                self.forms[-1]["fields"].append((name, attributes.get("value") or ""))


def _path_arguments(route: str, ids: dict[str, int], choose) -> dict[str, object]:
    """Arguments for the route's parameters; `choose` picks one of a list of candidates, the
    first being a real record of the test's world where there is one."""
    arguments: dict[str, object] = {}
    for kind, name in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        if kind == "int":
            arguments[name] = choose([ids.get(name, 1), 0, 2**31, 2**63 - 1])
        elif kind == "uuid":
            arguments[name] = uuid.uuid4()
        elif name == "transition":
            arguments[name] = choose(["report_to_hub", "close", "x" * 200, "²"])
        elif name == "kind":
            arguments[name] = choose(["comensha", "htcds-json", "ctdc", "nope"])
        else:
            arguments[name] = choose(["abc", "MQ", "set-password"])
    return arguments


@pytest.fixture
def world(make_report, member):
    """A case with a person, so that case, report and known-check pages have something, and
    this year's barrier model of Twente (the demo's)."""
    report = make_report()
    barrier = Barrier.objects.filter(model__region__code="VR05").order_by("-model__year").first()
    assert barrier is not None
    return {
        "case_id": report.case_id,
        "report_id": report.pk,
        "year": barrier.model.year,
        "barrier_id": barrier.pk,
    }


def test_every_page_is_fuzzed():
    unreached = [name for name, _route in ROUTES if not _roles_for(name)]
    assert unreached == [], "give these pages a role in ROLES"


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_input_makes_a_page_fail(client, signed_in, world, data):
    name, route = data.draw(st.sampled_from(ROUTES), label="page")
    username = data.draw(st.sampled_from(_roles_for(name)), label="as")
    client.logout()
    browser = signed_in(username) if username else client
    url = reverse(
        name,
        kwargs=_path_arguments(route, world, lambda options: data.draw(st.sampled_from(options))),
    )
    page = browser.get(url, follow=True)
    assert page.status_code < 500
    parser = Forms()
    parser.feed(page.content.decode(errors="replace"))
    forms = [form for form in parser.forms if form["method"] != "skip"] or [
        {"method": "get", "action": "", "fields": [("q", "")]}
    ]
    form = data.draw(st.sampled_from(forms), label="form")
    # The page's own fields, and one it does not have.
    names = [*(field for field, _value in form["fields"]), "unexpected"]
    chosen = data.draw(
        st.lists(st.sampled_from(names), max_size=len(names), unique=True), label="fields"
    )
    values = dict(form["fields"])
    # Half the time one edge value in every chosen field: a period from 9999-12-31 to
    # 9999-12-31 is wrong only as a pair.
    theme = data.draw(st.none() | st.sampled_from(EDGES), label="every field")
    for field in chosen:
        values[field] = data.draw(VALUES, label=field) if theme is None else theme
    target = form["action"] or url
    if form["method"] == "post":
        answer = browser.post(target, values)
    else:
        answer = browser.get(target + "?" + urlencode(values, doseq=True))
    assert answer.status_code < 500, (target, values)


# One value in every field of a form at once: what is wrong only as a pair (a period from
# 9999-12-31 to 9999-12-31) or only in one field among many (a municipality "²").
SWEEP = ["9999-12-31", "²", "ß" * 100, "x" * 301, "9" * 30, "a\x00b"]


def test_every_form_takes_an_edge_value_in_every_field(client, signed_in, world):
    for name, route in ROUTES:
        for username in _roles_for(name):
            client.logout()
            browser = signed_in(username) if username else client
            arguments = _path_arguments(route, world, lambda options: options[0])
            url = reverse(name, kwargs=arguments)
            parser = Forms()
            parser.feed(browser.get(url, follow=True).content.decode(errors="replace"))
            for form in (form for form in parser.forms if form["method"] != "skip"):
                target = form["action"] or url
                for value in SWEEP:
                    everywhere = {field: value for field, _default in form["fields"]}
                    # The page's own values, with each of the value's kind (a date, a number)
                    # replaced: the rest of the form stays valid.
                    alike = {
                        field: value if default and _kind(default) == _kind(value) else default
                        for field, default in form["fields"]
                    }
                    for values in (everywhere, alike):
                        if form["method"] == "post":
                            answer = browser.post(target, values)
                        else:
                            answer = browser.get(target + "?" + urlencode(values, doseq=True))
                        assert answer.status_code < 500, (name, target, values)


def _kind(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "date"
    return "number" if re.fullmatch(r"-?\d+", value) else "text"
