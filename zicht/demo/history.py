"""Three years of synthetic history, made the way users make it: every report goes
through ``submit_report`` and every later step through the operations of
``zicht.casework.routing``, taken by a demo user of the role that may take it.

Each case's story is planned first (from the seeded random generator, so the same
seed gives the same demo); then all steps of all regions are taken in time order, each
at its own moment in the past (``time_machine.travel``), so that reports, case history,
the access log and notifications carry believable dates. Notifications of that past are
kept but never e-mailed (``notifications.delivery.as_history``).
"""

from __future__ import annotations

import datetime
import itertools
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import time_machine
from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import ActionKind, Case
from zicht.casework.workflow import ClosureReason
from zicht.demo.organisations import RegionStaff
from zicht.demo.persons import synthetic_person
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.intake.vocabulary import INDICATORS, SECTORS_BY_FORM, ExploitationForm, PersonRole
from zicht.intake.vocabulary import ReportSource as Source
from zicht.linkage.already_known import already_known
from zicht.notifications.delivery import as_history
from zicht.organisations.models import Membership, OrganisationType

REGION_YEARS = 3
FORMS = [
    ExploitationForm.SEXUAL,
    ExploitationForm.LABOUR,
    ExploitationForm.CRIMINAL,
    ExploitationForm.UNKNOWN,
]
FORM_WEIGHTS = [45, 35, 15, 5]
# Who reports for each source: a partner's member, the hub (it registers what a municipal
# professional tells it: the hub opens the case itself) or nobody (an anonymous resident,
# whose report reaches the municipality's focal officer, as from the portal).
REPORTERS: dict[str, str | None] = {
    Source.MUNICIPAL: "hub",
    Source.POLICE: OrganisationType.POLICE,
    Source.CARE: OrganisationType.CARE,
    Source.RESIDENT_ANONYMOUS: None,
    Source.LABOUR_INSPECTORATE: OrganisationType.LABOUR_INSPECTORATE,
}
ACTIONS = [
    (ActionKind.POLICE_REPORT, OrganisationType.POLICE),
    (ActionKind.VEILIG_THUIS, OrganisationType.VEILIG_THUIS),
    (ActionKind.SHELTER, OrganisationType.SHELTER),
    (ActionKind.CARE, OrganisationType.CARE),
    (ActionKind.RIEC, OrganisationType.RIEC),
    (ActionKind.LABOUR_INSPECTORATE, OrganisationType.LABOUR_INSPECTORATE),
]
CLOSURE_REASONS = [
    ClosureReason.REFERRED_POLICE,
    ClosureReason.VICTIM_IN_CARE,
    ClosureReason.REFERRED_CARE,
    ClosureReason.NO_INDICATION,
]
REPEAT_VICTIM_SHARE = 0.12  # reports about a presumed victim reported before in the region


@dataclass
class Story:
    """One report and what happens to its case; the ids are known once the steps are taken."""

    staff: RegionStaff
    reporter: Membership | None
    submission_key: uuid.UUID
    data: ReportData
    case_id: int = 0
    action_id: int = 0
    handover_id: int = 0
    steps: list[tuple[datetime.datetime, Callable[[Story], None]]] = field(default_factory=list)

    def then(self, at: datetime.datetime, step: Callable[[Story], None]) -> None:
        self.steps.append((at, step))


def create_history(
    rng: random.Random, staff: list[RegionStaff], *, years: int = REGION_YEARS
) -> int:
    """Plan every region's stories, then take all their steps in time order; returns
    the number of reports."""
    now = timezone.now()
    stories = plan_history(rng, staff, years=years, now=now)
    order = itertools.count()
    steps = sorted(
        (at, next(order), story, step) for story in stories for at, step in story.steps if at < now
    )
    with as_history():
        for at, _order, story, step in steps:
            with time_machine.travel(at, tick=False):
                step(story)
    return len(stories)


def plan_history(
    rng: random.Random,
    staff: list[RegionStaff],
    *,
    years: int = REGION_YEARS,
    now: datetime.datetime | None = None,
) -> list[Story]:
    """The stories of every region's last ``years`` years, nothing written yet."""
    now = now or timezone.now()
    end = timezone.localdate(now)
    start = end - datetime.timedelta(days=365 * years)
    return [
        story
        for region in staff
        for story in _region_stories(rng, region, start, end, now, years=years)
    ]


def _region_stories(
    rng: random.Random,
    staff: RegionStaff,
    start: datetime.date,
    end: datetime.date,
    now: datetime.datetime,
    *,
    years: int,
) -> Iterator[Story]:
    municipalities = list(staff.region.municipalities.valid_on(end).order_by("pk"))
    weights = [3 if i < 2 else 1 for i in range(len(municipalities))]
    days = (end - start).days
    count = years * staff.plan.reports_per_year
    # Drawn in time order, so that a repeated victim was reported before.
    moments = sorted(
        timezone.make_aware(
            datetime.datetime.combine(
                start + datetime.timedelta(days=rng.randrange(days)),
                datetime.time(rng.randint(8, 18), rng.randrange(60)),
            )
        )
        for _ in range(count)
    )
    earlier_victims: list[dict] = []
    for received in moments:
        form = rng.choices(FORMS, weights=FORM_WEIGHTS)[0]
        source = rng.choice(list(REPORTERS))
        repeat = bool(earlier_victims) and rng.random() < REPEAT_VICTIM_SHARE
        victim = (
            dict(rng.choice(earlier_victims))
            if repeat
            else synthetic_person(rng, PersonRole.PRESUMED_VICTIM, received.year)
        )
        earlier_victims.append(victim)
        persons = [PersonData(**victim)]
        if rng.random() < 0.4:
            persons.append(PersonData(**synthetic_person(rng, PersonRole.SUSPECT, received.year)))
        indicators = [i.code for i in INDICATORS if not i.forms or form in i.forms]
        reporter = REPORTERS[source]
        story = Story(
            staff=staff,
            reporter=staff.hub if reporter == "hub" else staff.partners.get(reporter or ""),
            submission_key=uuid.UUID(int=rng.getrandbits(128), version=4),
            data=ReportData(
                source=source,
                municipality=rng.choices(municipalities, weights=weights)[0],
                description="Synthetische demomelding.",
                exploitation_forms=[form],
                sectors=rng.sample(SECTORS_BY_FORM.get(form, ["unknown"]), 1),
                indicators=rng.sample(indicators, 3),
                persons=persons,
            ),
        )
        _plan_route(rng, story, received, now, repeat=repeat)
        yield story


def _plan_route(
    rng: random.Random,
    story: Story,
    received: datetime.datetime,
    now: datetime.datetime,
    *,
    repeat: bool,
) -> None:
    """Received → (the hub takes it) → follow-up with one action handed to a partner →
    done → closed, as far as the case's age allows."""
    age_days = (now - received).days
    story.then(received, _submit)
    taken_after = datetime.timedelta(hours=rng.randint(1, 20))
    if story.reporter is None:
        story.then(received + taken_after, _hub_takes_case)
    if repeat:
        story.then(received + datetime.timedelta(minutes=30), _link_known_cases)
    kind, owner = rng.choice(ACTIONS)
    feedback_day = rng.randint(3, 20)
    reason = rng.choice(CLOSURE_REASONS)
    closes = rng.random() < 0.85
    if age_days < 7:
        return
    story.then(received + datetime.timedelta(days=1), _add_action(kind, owner))
    story.then(received + datetime.timedelta(days=2), _accept_handover(owner))
    if age_days > 30:
        story.then(received + datetime.timedelta(days=feedback_day), _give_feedback)
    if age_days > 60:
        story.then(received + datetime.timedelta(days=30), _complete_action(owner))
        if closes:
            close_day = rng.randint(40, min(120, age_days - 1))
            story.then(received + datetime.timedelta(days=close_day), _close(reason))


def _submit(story: Story) -> None:
    report, _created = submit_report(
        submission_key=story.submission_key, data=story.data, by=story.reporter
    )
    assert report.case_id is not None
    story.case_id = report.case_id


def _hub_takes_case(story: Story) -> None:
    """An anonymous resident's report, left with the focal officer, goes on to the hub."""
    routing.report_to_hub(case_id=story.case_id, by=story.staff.hub)


def _link_known_cases(story: Story) -> None:
    """The hub's "already known?" check, and a link to every case it finds."""
    case = Case.objects.get(pk=story.case_id)
    for match in already_known(case, by=story.staff.hub).cases:
        routing.link_cases(
            case_id=case.pk,
            other_case_id=match.case.pk,
            by=story.staff.hub,
            matched_on=",".join(match.matched_on),
        )


def _add_action(kind: str, owner: str) -> Callable[[Story], None]:
    def add(story: Story) -> None:
        action = actions.add_action(
            case_id=story.case_id,
            by=story.staff.hub,
            kind=kind,
            owner=story.staff.partners[owner].organisation,
            due_on=timezone.localdate() + datetime.timedelta(days=20),
        )
        story.action_id = action.pk
        story.handover_id = action.handover.pk  # the action is another organisation's

    return add


def _accept_handover(owner: str) -> Callable[[Story], None]:
    def accept(story: Story) -> None:
        actions.decide_handover(
            handover_id=story.handover_id, by=story.staff.partners[owner], accept=True
        )

    return accept


def _give_feedback(story: Story) -> None:
    routing.give_feedback(
        case_id=story.case_id,
        by=story.staff.hub,
        text="Terugkoppeling: casus in behandeling bij de zorgcoördinatie.",
    )


def _complete_action(owner: str) -> Callable[[Story], None]:
    def complete(story: Story) -> None:
        actions.complete_action(
            action_id=story.action_id, by=story.staff.partners[owner], outcome="Afgerond."
        )

    return complete


def _close(reason: str) -> Callable[[Story], None]:
    def close(story: Story) -> None:
        routing.close_case(
            case_id=story.case_id, by=story.staff.hub, reason=reason, follow_up_secured=True
        )

    return close
