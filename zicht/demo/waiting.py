"""The work that waits today for Twente's demo users, so that every inbox shows something
(the three years of history are mostly done): new reports at Hengelo's focal officer, one
being enriched, a case just reported to the hub, an acute case, handovers to Veilig Thuis and
to the municipality (one of them overdue), an action Veilig Thuis accepted and let run late,
and a safety risk for Hengelo's safety officer.

Made like the history: through ``submit_report`` and the route operations, each step at its
own moment in the past.
"""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass
from functools import partial

import time_machine
from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import ActionKind, Case, FollowUpAction
from zicht.demo.persons import synthetic_person
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.intake.vocabulary import ExploitationForm, PersonRole
from zicht.intake.vocabulary import ReportSource as Source
from zicht.notifications.delivery import as_history
from zicht.organisations.models import Membership, Municipality, Organisation, OrganisationType

DAY = datetime.timedelta(days=1)
HENGELO, ENSCHEDE = "GM0164", "GM0153"
ADMINISTRATIVE = ActionKind.ADMINISTRATIVE_MEASURE


@dataclass(frozen=True)
class Signal:
    place: str
    form: str
    description: str
    acute: bool = False


SIGNALS = {
    "new": Signal(
        HENGELO,
        ExploitationForm.LABOUR,
        "Bij een huisbezoek slapen zes mannen in één kamer boven een bedrijfspand; ze werken "
        "zeven dagen per week en weten niet wat ze verdienen.",
    ),
    "enriching": Signal(
        HENGELO,
        ExploitationForm.SEXUAL,
        "Leerplicht: meisje van 16 verzuimt vaak, krijgt dure cadeaus van een oudere 'vriend' "
        "en wordt na school opgehaald.",
    ),
    "reported": Signal(
        HENGELO,
        ExploitationForm.CRIMINAL,
        "Jongen wordt gedwongen drugs te verkopen om een schuld af te lossen; bedreigd als hij "
        "weigert.",
    ),
    "acute": Signal(
        ENSCHEDE,
        ExploitationForm.SEXUAL,
        "Vrouw belt in paniek vanuit een woning; zegt dat ze niet weg mag en dat haar paspoort "
        "is afgepakt.",
        acute=True,
    ),
    "handed_late": Signal(
        HENGELO,
        ExploitationForm.SEXUAL,
        "Wisselende jonge vrouwen in een woning, 's nachts veel bezoek van mannen.",
    ),
    "handed_now": Signal(
        HENGELO,
        ExploitationForm.LABOUR,
        "Au pair werkt dag en nacht in het huishouden en mag het huis niet uit.",
    ),
}


def _member(username: str) -> Membership:
    return Membership.objects.select_related("organisation").get(user__username=username)


class _Today:
    """The steps of today's work; each remembers the cases and actions it made."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cases: dict[str, Case] = {}
        self.actions: dict[str, FollowUpAction] = {}

    def report(self, key: str) -> None:
        signal = SIGNALS[key]
        victim = synthetic_person(self.rng, PersonRole.PRESUMED_VICTIM, timezone.now().year)
        report, _created = submit_report(
            submission_key=uuid.UUID(int=self.rng.getrandbits(128), version=4),
            data=ReportData(
                source=Source.MUNICIPAL,
                municipality=Municipality.objects.get(cbs_code=signal.place),
                description=signal.description,
                is_acute=signal.acute,
                exploitation_forms=[signal.form],
                observed_on=timezone.localdate() - DAY,
                persons=[PersonData(**victim)],
            ),
            by=_member("wijkcoach.hengelo"),
        )
        assert report.case is not None
        self.cases[key] = report.case

    def to_follow_up(self, key: str) -> None:
        routing.report_to_hub(case_id=self.cases[key].pk, by=_member("afm.hengelo"))
        routing.start_follow_up(case_id=self.cases[key].pk, by=_member("hub.twente"))

    def hand_over(self, key: str, owner: str, kind: str, due_in: int) -> None:
        hub = _member("hub.twente")
        organisation = (
            Municipality.objects.get(cbs_code=HENGELO).organisation
            if owner == "municipality"
            else Organisation.objects.get(region=hub.organisation.region, type=owner)
        )
        self.actions[f"{key}:{kind}"] = actions.add_action(
            case_id=self.cases[key].pk,
            by=hub,
            kind=kind,
            owner=organisation,
            due_on=timezone.localdate() + due_in * DAY,
            instructions="Graag binnen de termijn terugmelden aan het kenniscentrum.",
        )

    def accept(self, action: str, username: str) -> None:
        handover = self.actions[action].handover
        actions.decide_handover(handover_id=handover.pk, by=_member(username), accept=True)

    def enrich(self, key: str) -> None:
        routing.start_enriching(
            case_id=self.cases[key].pk,
            by=_member("afm.hengelo"),
            note="Schoolmaatschappelijk werk en wijkteam gevraagd wat zij weten.",
        )

    def report_with_safety_risk(self, key: str) -> None:
        focal = _member("afm.hengelo")
        routing.report_to_hub(case_id=self.cases[key].pk, by=focal)
        routing.flag_safety_risk(
            case_id=self.cases[key].pk,
            by=focal,
            note="Dreiging richting het gezin; mogelijk wapenbezit.",
        )


def create_waiting_work(rng: random.Random) -> None:
    today = _Today(rng)
    vt = OrganisationType.VEILIG_THUIS
    steps = [
        # A handover to Veilig Thuis never answered, and a second one just asked.
        (40 * DAY, partial(today.report, "handed_late")),
        (39 * DAY, partial(today.to_follow_up, "handed_late")),
        (38 * DAY, partial(today.hand_over, "handed_late", vt, ActionKind.VEILIG_THUIS, 14)),
        (3 * DAY, partial(today.hand_over, "handed_late", vt, ActionKind.SHELTER, 5)),
        # An action Veilig Thuis accepted and let run late; a measure asked of Hengelo.
        (30 * DAY, partial(today.report, "handed_now")),
        (29 * DAY, partial(today.to_follow_up, "handed_now")),
        (29 * DAY, partial(today.hand_over, "handed_now", vt, ActionKind.CARE, 14)),
        (28 * DAY, partial(today.accept, f"handed_now:{ActionKind.CARE}", "vt.twente")),
        (2 * DAY, partial(today.hand_over, "handed_now", "municipality", ADMINISTRATIVE, 10)),
        # With the focal officer: one being enriched, one reported with a safety risk.
        (6 * DAY, partial(today.report, "enriching")),
        (5 * DAY, partial(today.enrich, "enriching")),
        (4 * DAY, partial(today.report, "reported")),
        (2 * DAY, partial(today.report_with_safety_risk, "reported")),
        # Today: a new report, and acute danger in Enschede.
        (DAY, partial(today.report, "new")),
        (datetime.timedelta(hours=3), partial(today.report, "acute")),
    ]
    now = timezone.now()
    with as_history():
        for ago, step in sorted(steps, key=lambda s: s[0], reverse=True):
            with time_machine.travel(now - ago, tick=False):
                step()
