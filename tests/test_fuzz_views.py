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

import datetime
import re
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.barriers.models import Barrier
from zicht.care import reflection, shelter, support, trajectories
from zicht.care.shelter import UnitSpec
from zicht.casetable import operations as table_operations
from zicht.casetable.models import CaseTable
from zicht.enforcement import establishments, inspections, measures
from zicht.organisations.models import Organisation
from zicht.privacy import subject_requests
from zicht.privacy.holds import place_hold

pytestmark = pytest.mark.django_db

# The Django admin and the language switch are Django's own; the favicon is a redirect.
NOT_OURS = ("admin:", "set_language", "favicon")

# Who uses each part of zicht (namespace, or namespace:name).
ROLES = {
    "casework": ["hub.twente", "afm.hengelo"],
    "intake": ["wijkcoach.hengelo", "afm.hengelo"],
    "linkage": ["hub.twente"],
    "care": ["zorgcoordinator.twente", "hub.twente"],
    "casetable": ["tafel.twente", "politie.twente"],
    "enforcement": ["handhaving.enschede", "politie.twente"],
    "baseline": ["afm.hengelo", "hub.twente"],
    "barriers": ["hub.twente", "afm.hengelo"],
    "privacy": ["privacy.twente"],
    "monitor": ["analist.twente"],
    "audit": ["beheer"],
    "accounts": [None],
    "accounts:invite": ["beheer"],
    "accounts:choose_role": ["hub.twente"],
    "accounts:language": ["hub.twente", None],
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


def _path_arguments(page: str, route: str, ids: dict, choose) -> dict[str, object]:
    """Arguments for the route's parameters; `choose` picks one of a list of candidates, the
    first being a real record of the test's world where there is one (the page's own, as
    `ids[page]`, before the world's by parameter name). A real record is offered twice as often
    as each made-up id, so that the detail pages are fuzzed with something to show."""
    arguments: dict[str, object] = {}
    own = ids.get(page, {})
    for kind, name in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        if kind == "int":
            real = own.get(name, ids.get(name, 1))
            arguments[name] = choose([real, real, 0, 2**31, 2**63 - 1])
        elif kind == "uuid":
            arguments[name] = uuid.uuid4()
        elif name == "transition":
            arguments[name] = choose(["report_to_hub", "close", "x" * 200, "²"])
        elif name == "step":
            arguments[name] = choose(["decision", "hearing", "x" * 200, "²"])
        elif name == "cbs_code":
            arguments[name] = choose(["GM0164", "GM0153", "GM0599", "²"])
        elif name == "kind":
            arguments[name] = choose(["comensha", "htcds-json", "ctdc", "nope"])
        else:
            arguments[name] = choose(["abc", "MQ", "set-password"])
    return arguments


@pytest.fixture
def world(make_report, member, django_capture_on_commit_callbacks):
    """Real records for every page with an id in its address: a case with a person (case,
    report and known-check pages, and a victim without care yet), a victim's care trajectory
    with a goal and a reflection period, a shelter place reserved for the first case's person,
    the first case on the agenda of a meeting of Twente's case table, a request under the AVG
    that found the person, a legal hold, and an establishment in Enschede with a done inspection
    (police in the team) and a closure in its procedure, and this year's barrier model of
    Twente (the demo's). Made through the operations."""
    report = make_report()
    cared = make_report()
    hub = member("hub.twente")
    officer = member("privacy.twente")
    victim = cared.persons.get(role="presumed_victim")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        trajectory = trajectories.open_trajectory(
            case_id=cared.case_id, person_id=victim.pk, by=hub
        )
        trajectories.start_plan(trajectory_id=trajectory.pk, by=hub)
        goal = support.add_goal(
            trajectory_id=trajectory.pk,
            by=hub,
            domain="housing",
            description="Woonruimte",
            owner=hub.organisation,
            due_on=today + datetime.timedelta(days=30),
        )
        reflection.start_reflection_period(trajectory_id=trajectory.pk, by=hub, starts_on=today)
        request = subject_requests.open_request(
            by=officer,
            kind="access",
            received_on=today,
            first_name=victim.first_name,
            last_name=victim.last_name,
            birth_date=victim.birth_date,
        )
        subject_requests.search_persons(request_id=request.pk, by=officer)
        hold = place_hold(case_reference=cared.case.reference, reason="Onderzoek", by=officer)
        provider = Organisation.objects.get(region=hub.organisation.region, type="shelter")
        shelter.register_unit(by=hub, provider=provider, spec=UnitSpec("Bed", "crisis_bed", 2))
        placement = shelter.request_placement(
            case_id=report.case_id,
            person_id=report.persons.get(role="presumed_victim").pk,
            by=hub,
        )
        table = CaseTable.objects.get(region__code="VR05")
        meeting = table_operations.plan_meeting(
            table_id=table.pk, by=member("tafel.twente"), held_on=today
        )
        item = table_operations.add_agenda_item(
            meeting_id=meeting.pk,
            by=hub,
            case_id=report.case_id,
            covenant="riec",
            summary="Bespreken.",
        )
    enforcer = member("handhaving.enschede")
    police = member("politie.twente").organisation
    establishment = establishments.register_establishment(
        data=establishments.EstablishmentData(
            name="Salon", sector="massage_nail_salon", street="Markt", house_number="1",
            postcode="7511AA", city="Enschede",
        ),
        by=enforcer,
    )  # fmt: skip
    inspection = inspections.plan_inspection(
        establishment_id=establishment.pk, by=enforcer, planned_on=today, team=[police]
    )
    inspections.record_inspection(
        inspection_id=inspection.pk, by=enforcer, done_on=today, indicators=["no_id_papers"],
        findings="",
    )  # fmt: skip
    measure = measures.draft_measure(
        data=measures.MeasureData(
            type="closure_174a", legal_basis="art. 174a Gemeentewet",
            establishment_id=establishment.pk, intention_on=today,
        ),
        by=enforcer,
    )  # fmt: skip
    barrier = Barrier.objects.filter(model__region__code="VR05").order_by("-model__year").first()
    assert barrier is not None
    return {
        "case_id": report.case_id,
        "report_id": report.pk,
        "person_id": report.persons.get(role="presumed_victim").pk,
        "establishment_id": establishment.pk,
        "inspection_id": inspection.pk,
        "measure_id": measure.pk,
        "trajectory_id": trajectory.pk,
        "goal_id": goal.pk,
        "placement_id": placement.pk,
        "table_id": table.pk,
        "meeting_id": meeting.pk,
        "item_id": item.pk,
        "privacy:request_detail": {"pk": request.pk},
        "privacy:dossier_pdf": {"pk": request.pk},
        "privacy:lift_hold": {"pk": hold.pk},
        "year": barrier.model.year,
        "barrier_id": barrier.pk,
    }


# Pages that show a record of the world: each must show it (200) to the first of its roles, or
# the fuzzing of these pages would only ever meet a 404. Their forms post to the operations
# (a goal, a step, a contact, an erasure...), which are fuzzed through them with real ids.
DETAIL_PAGES = {
    "care:trajectory_detail": ["care:add_goal", "care:set_goal_status", "care:record_contact"],
    "care:trajectory_list": [],
    "privacy:request_detail": [],
    "privacy:dossier_pdf": [],
    "privacy:retention": ["privacy:lift_hold"],
    "barriers:model": ["barriers:add"],
    "barriers:barrier": ["barriers:rate", "barriers:describe"],
}


def test_the_world_gives_the_detail_pages_a_record_to_show(client, signed_in, world):
    routes = dict(ROUTES)
    for name, operations in DETAIL_PAGES.items():
        client.logout()
        browser = signed_in(_roles_for(name)[0])
        url = reverse(name, kwargs=_path_arguments(name, routes[name], world, lambda o: o[0]))
        page = browser.get(url)
        assert page.status_code == 200, name
        parser = Forms()
        parser.feed(page.content.decode(errors="replace"))
        actions = {form["action"].split("?")[0] for form in parser.forms}
        for operation in operations:
            arguments = _path_arguments(operation, routes[operation], world, lambda o: o[0])
            assert reverse(operation, kwargs=arguments) in actions, (name, operation)


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
        kwargs=_path_arguments(
            name, route, world, lambda options: data.draw(st.sampled_from(options))
        ),
    )
    page = browser.get(url, follow=True)
    assert page.status_code < 500
    parser = Forms()
    parser.feed(page.content.decode(errors="replace"))
    forms = [form for form in parser.forms if form["method"] != "skip"] or [
        {"method": "get", "action": "", "fields": [("q", "")]}
    ]
    # Forms and fields are picked by an index of fixed range: a page's forms depend on the
    # state earlier examples left (a measure's next step, a finding already reported), and
    # hypothesis requires the same draws to have the same bounds from one example to the next.
    form = forms[data.draw(st.integers(0, 63), label="form") % len(forms)]
    # The page's own fields, and one it does not have.
    names = [*(field for field, _value in form["fields"]), "unexpected"]
    picks = data.draw(st.lists(st.integers(0, 255), max_size=12), label="fields")
    chosen = list(dict.fromkeys(names[pick % len(names)] for pick in picks))
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
            arguments = _path_arguments(name, route, world, lambda options: options[0])
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
