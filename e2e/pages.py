"""The main pages of every role, in one list: the screenshots of docs/screens.md
(e2e/test_screens.py) and the scan for English on Dutch pages (tests/test_dutch_pages.py)
open the same pages.

`make_story` fills the demo set-up (without history) with a few cases through the route's
operations, so that each role's pages have something to show: a case that went from the
wijkcoach through the focal officer to the hub, with a handover Veilig Thuis accepted and one the
police declined, a safety risk, feedback that is overdue and a link to an earlier case the hub
closed; a fresh report still with the focal officer; a resident's portal report with a
message the hub answered; the care trajectory of the case's presumed victim (a plan, a goal, a
reflection period); and a request for access under the AVG about her."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from zicht.care import reflection, support, trajectories
from zicht.casetable import operations as casetable
from zicht.casetable.models import CaseTable
from zicht.casework import actions, routing
from zicht.casework.models import Feedback, Handover
from zicht.enforcement import establishments, inspections
from zicht.intake.models import InvolvedPerson
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.organisations.models import Membership, Municipality, Organisation, OrganisationType
from zicht.portal import receipts, reporting
from zicht.privacy import subject_requests


@dataclass(frozen=True)
class Story:
    case_id: int  # at the hub, with an accepted handover to Veilig Thuis and a safety risk
    report_id: int  # the wijkcoach's report of that case
    receipt_code: str  # the resident's portal report, answered by the hub
    receipt_secret: str
    trajectory_id: int  # the care trajectory of the case's presumed victim
    request_id: int  # a request for access under the AVG about her
    meeting_id: int = 0  # today's meeting of Twente's case table, with the case on its agenda
    item_id: int = 0  # the case's agenda item (care covenant)


@dataclass(frozen=True)
class Role:
    slug: str  # the first part of the screenshot's file name
    username: str | None  # None: nobody signed in
    name: str  # how docs/screens.md names the role


@dataclass(frozen=True)
class MainPage:
    role: Role
    slug: str
    caption: str  # Dutch / English, one line
    path: Callable[[Story], str]
    # Fields posted to the page first (a resident opening the status of a report).
    form: Callable[[Story], dict[str, str]] | None = None

    @property
    def name(self) -> str:
        return f"{self.role.slug}-{self.slug}"

    @property
    def path_label(self) -> str:
        """The page's address with its ids named, for docs/screens.md."""
        named = Story(
            case_id="<id>",  # type: ignore[arg-type]
            report_id="<id>",  # type: ignore[arg-type]
            receipt_code="",
            receipt_secret="",
            trajectory_id="<id>",  # type: ignore[arg-type]
            request_id="<id>",  # type: ignore[arg-type]
            meeting_id="<id>",  # type: ignore[arg-type]
            item_id="<id>",  # type: ignore[arg-type]
        )
        return self.path(named)


HUB = Role("hub", "hub.twente", "Casemanager kenniscentrum / hub case manager")
FOCAL = Role("focal-officer", "afm.hengelo", "Aandachtsfunctionaris / focal officer")
PARTNER = Role("partner", "vt.twente", "Ketenpartner (Veilig Thuis) / partner member")
REPORTER = Role("reporter", "wijkcoach.hengelo", "Professionele melder / municipal reporter")
SAFETY = Role("safety-officer", "oov.hengelo", "Medewerker veiligheid (OOV) / safety officer")
ANALYST = Role("analyst", "analist.twente", "Analist / analyst")
ENFORCEMENT = Role(
    "enforcement-officer", "handhaving.hengelo", "Handhaver van de gemeente / enforcement officer"
)
CARE = Role("care-coordinator", "zorgcoordinator.twente", "Zorgcoördinator / care coordinator")
ADMIN = Role("administrator", "beheer", "Beheerder / administrator")
PRIVACY = Role("privacy-officer", "privacy.twente", "Privacyfunctionaris / privacy officer")
RESIDENT = Role("resident", None, "Inwoner op het meldportaal (anoniem) / resident on the portal")
VISITOR = Role("staff", None, "Medewerker, niet ingelogd / staff before signing in")
TABLE = Role(
    "table-secretary", "tafel.twente", "Voorzitter of secretaris casustafel / case table chair"
)


def _barrier_model(story: Story) -> str:
    return f"/barrieremodel/{timezone.localdate().year}/"


def _case(story: Story) -> str:
    return f"/casussen/{story.case_id}/"


def _trajectory(story: Story) -> str:
    return f"/zorg/trajecten/{story.trajectory_id}/"


MAIN_PAGES: tuple[MainPage, ...] = (
    MainPage(VISITOR, "sign-in", "Inloggen / sign-in", lambda s: "/account/inloggen/"),
    MainPage(HUB, "inbox", "Inbox van het kenniscentrum / the hub's inbox", lambda s: "/"),
    MainPage(HUB, "cases", "Alle casussen / all cases", lambda s: "/casussen/"),
    MainPage(HUB, "case", "Casus met acties en overdracht / a case", _case),
    MainPage(
        HUB,
        "known-check",
        "Controle of een persoon al bekend is / the already-known check",
        lambda s: f"/casussen/{s.case_id}/bekend/",
    ),
    MainPage(HUB, "new-report", "Nieuwe melding / new report", lambda s: "/meldingen/nieuw/"),
    MainPage(
        HUB,
        "overdue-feedback",
        "Te late terugkoppeling / overdue feedback",
        lambda s: "/terugkoppeling/te-laat/",
    ),
    MainPage(
        HUB,
        "shelter",
        "Opvang: plekken en plaatsingen / shelter places and placements",
        lambda s: "/zorg/opvang/",
    ),
    MainPage(HUB, "monitor", "Monitor van de regio / regional monitor", lambda s: "/monitor/"),
    MainPage(
        HUB,
        "baseline",
        "Basisniveau van de gemeenten / the municipalities' baseline",
        lambda s: "/basisniveau/",
    ),
    MainPage(HUB, "care", "Zorgtrajecten / care trajectories", lambda s: "/zorg/"),
    MainPage(HUB, "trajectory", "Zorgtraject / a care trajectory", _trajectory),
    MainPage(FOCAL, "inbox", "Inbox van de gemeente / the focal officer's inbox", lambda s: "/"),
    MainPage(
        FOCAL,
        "cases",
        "Casussen van de gemeente / the municipality's cases",
        lambda s: "/casussen/",
    ),
    MainPage(FOCAL, "case", "Casus / a case", _case),
    MainPage(
        FOCAL,
        "enrich",
        "Casus aanvullen (verrijken) / enriching a case",
        lambda s: f"/meldingen/casus/{s.case_id}/aanvullen/",
    ),
    MainPage(
        FOCAL,
        "overdue-feedback",
        "Te late terugkoppeling / overdue feedback",
        lambda s: "/terugkoppeling/te-laat/",
    ),
    MainPage(
        FOCAL,
        "baseline",
        "Basisniveau en trainingsregister van de gemeente / the municipality's baseline",
        lambda s: "/basisniveau/gemeente/GM0164/",
    ),
    MainPage(PARTNER, "inbox", "Inbox van de ketenpartner / the partner's inbox", lambda s: "/"),
    MainPage(PARTNER, "case", "Casus na aanvaarde overdracht / a case after a handover", _case),
    MainPage(REPORTER, "inbox", "Inbox van de melder / the reporter's inbox", lambda s: "/"),
    MainPage(REPORTER, "new-report", "Nieuwe melding / new report", lambda s: "/meldingen/nieuw/"),
    MainPage(
        REPORTER,
        "report",
        "Eigen melding met status / one's own report",
        lambda s: f"/meldingen/{s.report_id}/",
    ),
    MainPage(
        SAFETY, "inbox", "Inbox met veiligheidsrisico / the safety officer's inbox", lambda s: "/"
    ),
    MainPage(SAFETY, "case", "Casus met veiligheidsrisico / a case with a safety risk", _case),
    MainPage(
        TABLE, "tables", "Casustafel en overleggen / the case table", lambda s: "/casustafel/"
    ),
    MainPage(
        TABLE,
        "meeting",
        "Overleg met agenda en verslag / a table meeting",
        lambda s: f"/casustafel/overleggen/{s.meeting_id}/",
    ),
    MainPage(
        TABLE,
        "item",
        "Agendapunt met besluiten / an agenda item",
        lambda s: f"/casustafel/punten/{s.item_id}/",
    ),
    MainPage(
        ENFORCEMENT,
        "enforcement",
        "Bestuurlijke aanpak: locaties, controles, maatregelen / administrative approach",
        lambda s: "/handhaving/",
    ),
    MainPage(ANALYST, "monitor", "Monitor / monitor", lambda s: "/monitor/"),
    MainPage(
        ANALYST, "dark-number", "Dark number / dark figure", lambda s: "/monitor/dark-number/"
    ),
    MainPage(ANALYST, "exports", "Exports / exports", lambda s: "/monitor/exports/"),
    MainPage(
        CARE, "inbox", "Inbox van de zorgcoördinator / the care coordinator's inbox", lambda s: "/"
    ),
    MainPage(CARE, "care", "Zorgtrajecten / care trajectories", lambda s: "/zorg/"),
    MainPage(
        CARE,
        "trajectory",
        "Zorgtraject met plan en bedenktijd / a trajectory with plan and reflection period",
        _trajectory,
    ),
    MainPage(
        ANALYST, "barrier-model", "Barrièremodel van dit jaar / barrier model", _barrier_model
    ),
    MainPage(
        ANALYST,
        "barrier-white-spots",
        "Witte vlekken: vergelijking met vorig jaar / white spots",
        lambda s: f"{_barrier_model(s)}vergelijking/",
    ),
    MainPage(
        FOCAL,
        "barrier-model",
        "Barrièremodel van de regio / the region's barrier model",
        _barrier_model,
    ),
    MainPage(ADMIN, "access-log", "Toegangslog / access log", lambda s: "/beheer/toegangslog/"),
    MainPage(
        ADMIN, "invite", "Gebruiker uitnodigen / inviting a user", lambda s: "/account/uitnodigen/"
    ),
    MainPage(
        ADMIN, "retention", "Bewaartermijnen / retention", lambda s: "/privacy/bewaartermijnen/"
    ),
    MainPage(
        PRIVACY,
        "requests",
        "Verzoeken onder de AVG / requests under the AVG",
        lambda s: "/privacy/",
    ),
    MainPage(
        PRIVACY,
        "new-request",
        "Nieuw verzoek / a new request",
        lambda s: "/privacy/verzoeken/nieuw/",
    ),
    MainPage(
        PRIVACY,
        "request",
        "Verzoek om inzage met gevonden personen / a request for access",
        lambda s: f"/privacy/verzoeken/{s.request_id}/",
    ),
    MainPage(
        PRIVACY,
        "retention",
        "Bewaartermijnen en bewaarplicht / retention and legal holds",
        lambda s: "/privacy/bewaartermijnen/",
    ),
    MainPage(
        RESIDENT, "start", "Startpagina van het meldportaal / portal start", lambda s: "/melden/"
    ),
    MainPage(RESIDENT, "report-form", "Meldformulier / report form", lambda s: "/melden/melding/"),
    MainPage(
        RESIDENT,
        "status-sign-in",
        "Status opvragen met code / asking for a report's status",
        lambda s: "/melden/status/",
    ),
    MainPage(
        RESIDENT,
        "status",
        "Status en berichten / status and messages",
        lambda s: "/melden/status/",
        form=lambda s: {"code": s.receipt_code, "secret": s.receipt_secret},
    ),
    MainPage(RESIDENT, "privacy", "Privacy / privacy", lambda s: "/melden/privacy/"),
)


def _member(username: str) -> Membership:
    return Membership.objects.select_related("organisation").get(user__username=username)


def make_story() -> Story:
    """A few cases in the demo set-up, made through the route's operations."""
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    hub, focal = _member("hub.twente"), _member("afm.hengelo")
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="municipal",
            municipality=hengelo,
            description="Jonge vrouw wordt elke ochtend bij de woning opgehaald en 's nachts "
            "teruggebracht; spreekt geen Nederlands, heeft geen eigen telefoon.",
            exploitation_forms=["sexual"],
            sectors=["home"],
            location="Hengelo, omgeving station",
            observed_on=timezone.localdate() - datetime.timedelta(days=9),
            persons=[
                PersonData(
                    role="presumed_victim",
                    first_name="Anna",
                    last_name="Kowalska",
                    birth_date=datetime.date(1999, 4, 2),
                    sex="female",
                    phone="0612345678",
                    city="Hengelo",
                ),
                PersonData(role="suspect", first_name="Marek", description="Haalt haar op."),
            ],
        ),
        by=_member("wijkcoach.hengelo"),
    )
    case = report.case
    routing.start_enriching(case_id=case.pk, by=focal, note="Navraag bij het wijkteam.")
    routing.report_to_hub(
        case_id=case.pk, by=focal, note="Vermoeden blijft: naar het kenniscentrum."
    )
    routing.start_follow_up(case_id=case.pk, by=hub, note="Vervolg: Veilig Thuis en politie.")
    twente = Organisation.objects.filter(region__code="VR05")
    actions.add_action(
        case_id=case.pk,
        by=hub,
        kind="veilig_thuis",
        owner=twente.get(type=OrganisationType.VEILIG_THUIS),
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        instructions="Meldcode: weeg acute onveiligheid.",
    )
    actions.add_action(
        case_id=case.pk,
        by=hub,
        kind="police_report",
        owner=twente.get(type=OrganisationType.POLICE),
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    handover = Handover.objects.get(action__case=case, action__kind="veilig_thuis")
    actions.decide_handover(handover_id=handover.pk, by=_member("vt.twente"), accept=True)
    police = Handover.objects.get(action__case=case, action__kind="police_report")
    actions.decide_handover(
        handover_id=police.pk,
        by=_member("politie.twente"),
        accept=False,
        reason="Eerst het gesprek door Veilig Thuis afwachten.",
    )
    routing.flag_safety_risk(case_id=case.pk, by=hub, note="Pooier komt dagelijks langs.")
    Feedback.objects.filter(case=case).update(
        due_on=timezone.localdate() - datetime.timedelta(days=3)
    )

    # An earlier case of the hub about the same woman, linked, handled and closed.
    earlier, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="regional_hub",
            municipality=Municipality.objects.get(cbs_code="GM0153"),
            description="Eerder signaal: vrouw in een woning in Enschede, geen eigen telefoon.",
            exploitation_forms=["sexual"],
            persons=[PersonData(role="presumed_victim", first_name="Anna", last_name="Kowalska")],
        ),
        by=hub,
    )
    routing.link_cases(case_id=case.pk, other_case_id=earlier.case_id, by=hub, matched_on="name")
    advice = actions.add_action(
        case_id=earlier.case_id,
        by=hub,
        kind="advice",
        owner=hub.organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    actions.complete_action(action_id=advice.pk, by=hub, outcome="Advies aan het wijkteam gegeven.")
    routing.close_case(
        case_id=earlier.case_id, by=hub, reason="victim_in_care", follow_up_secured=True
    )
    routing.give_feedback(case_id=earlier.case_id, by=hub, text="Zij is in zorg; casus gesloten.")

    # A second report, still waiting for the focal officer.
    submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="municipal",
            municipality=hengelo,
            description="Drie mannen slapen in een bedrijfspand aan de rand van de stad.",
            exploitation_forms=["labour"],
            sectors=["construction"],
        ),
        by=_member("wijkcoach.hengelo"),
    )

    secret = receipts.new_secret()
    filed = reporting.file_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="resident_anonymous",
            municipality=Municipality.objects.get(cbs_code="GM0153"),
            description="In de nagelstudio werken meisjes tot laat in de avond, ze slapen "
            "boven de zaak.",
            exploitation_forms=["labour"],
            sectors=["beauty"],
        ),
        secret=secret,
    )
    reporting.reporter_writes(receipt=filed.receipt, text="Vanavond was het weer zo.")
    reporting.staff_answers(
        receipt_id=filed.receipt.pk, by=hub, text="Dank voor uw melding; wij kijken ernaar."
    )
    # Today's meeting of Twente's case table, with the case on its agenda (care covenant),
    # its suspect (RIEC covenant) and a decision that became the police's action.
    table = CaseTable.objects.get(region__code="VR05")
    secretary = _member("tafel.twente")
    meeting = casetable.plan_meeting(table_id=table.pk, by=secretary, held_on=timezone.localdate())
    item = casetable.add_agenda_item(
        meeting_id=meeting.pk,
        by=hub,
        case_id=case.pk,
        covenant="care",
        summary="Veiligheid van het slachtoffer en de aangifte.",
        care_details="Traumabehandeling gestart in de opvang.",
    )
    suspect = casetable.add_agenda_item(
        meeting_id=meeting.pk,
        by=secretary,
        case_id=case.pk,
        person_id=report.persons.get(role="suspect").pk,
        covenant="riec",
        summary="Dadergerichte aanpak: barrières opwerpen.",
    )
    casetable.decide(
        item_id=suspect.pk,
        by=secretary,
        text="Gebiedsverbod aanvragen.",
        kind="offender_approach",
        owner=twente.get(type=OrganisationType.POLICE),
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    # An establishment of Hengelo with an inspection planned, for the enforcement pages.
    officer = _member("handhaving.hengelo")
    salon = establishments.register_establishment(
        data=establishments.EstablishmentData(
            name="Nagelstudio Tulp",
            sector="massage_nail_salon",
            street="Enschedesestraat",
            house_number="40",
            postcode="7551EK",
            city="Hengelo",
            kvk_number="12345678",
        ),
        by=officer,
    )
    inspections.plan_inspection(
        establishment_id=salon.pk,
        by=officer,
        planned_on=timezone.localdate() + datetime.timedelta(days=5),
        team=[twente.get(type=OrganisationType.POLICE)],
    )

    # The presumed victim's care trajectory: opened by the hub, coordinated by the care
    # coordinator, with a plan, a goal and the B8/3 reflection period.
    coordinator = _member("zorgcoordinator.twente")
    anna = InvolvedPerson.objects.get(report=report, role="presumed_victim")
    trajectory = trajectories.open_trajectory(
        case_id=case.pk, person_id=anna.pk, by=hub, note="Intake met de tolk gepland."
    )
    trajectories.start_plan(trajectory_id=trajectory.pk, by=hub, note="Plan met de cliënt.")
    support.add_goal(
        trajectory_id=trajectory.pk,
        by=hub,
        domain="housing",
        description="Veilige opvangplek voor de komende drie maanden.",
        owner=coordinator.organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=21),
    )
    reflection.start_reflection_period(
        trajectory_id=trajectory.pk,
        by=hub,
        starts_on=timezone.localdate() - datetime.timedelta(days=20),
    )

    # A request for access under the AVG from the same woman, searched.
    privacy = _member("privacy.twente")
    request = subject_requests.open_request(
        by=privacy,
        kind="access",
        received_on=timezone.localdate() - datetime.timedelta(days=2),
        first_name="Anna",
        last_name="Kowalska",
        birth_date=datetime.date(1999, 4, 2),
        phone="0612345678",
    )
    subject_requests.search_persons(request_id=request.pk, by=privacy)
    return Story(
        case_id=case.pk,
        report_id=report.pk,
        receipt_code=filed.receipt.code,
        receipt_secret=secret,
        meeting_id=meeting.pk,
        item_id=item.pk,
        trajectory_id=trajectory.pk,
        request_id=request.pk,
    )
