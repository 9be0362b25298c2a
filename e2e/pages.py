"""The main pages of every role, in one list: the screenshots of docs/screens.md
(e2e/test_screens.py) and the scan for English on Dutch pages (tests/test_dutch_pages.py)
open the same pages.

`make_story` fills the demo set-up (without history) with a few cases through the route's
operations, so that each role's pages have something to show: a case that went from the
wijkcoach through the focal officer to the hub, with a handover Veilig Thuis accepted and one the
police declined, a safety risk, feedback that is overdue and a link to an earlier case the hub
closed; a fresh report still with the focal officer; and a resident's portal report with a
message the hub answered."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from zicht.casework import actions, routing
from zicht.casework.models import Feedback, Handover
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.organisations.models import Membership, Municipality, Organisation, OrganisationType
from zicht.portal import receipts, reporting


@dataclass(frozen=True)
class Story:
    case_id: int  # at the hub, with an accepted handover to Veilig Thuis and a safety risk
    report_id: int  # the wijkcoach's report of that case
    receipt_code: str  # the resident's portal report, answered by the hub
    receipt_secret: str


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
        named = Story(case_id="<id>", report_id="<id>", receipt_code="", receipt_secret="")  # type: ignore[arg-type]
        return self.path(named)


HUB = Role("hub", "hub.twente", "Casemanager kenniscentrum / hub case manager")
FOCAL = Role("focal-officer", "afm.hengelo", "Aandachtsfunctionaris / focal officer")
PARTNER = Role("partner", "vt.twente", "Ketenpartner (Veilig Thuis) / partner member")
REPORTER = Role("reporter", "wijkcoach.hengelo", "Professionele melder / municipal reporter")
SAFETY = Role("safety-officer", "oov.hengelo", "Medewerker veiligheid (OOV) / safety officer")
ANALYST = Role("analyst", "analist.twente", "Analist / analyst")
ADMIN = Role("administrator", "beheer", "Beheerder, privacy officer / administrator")
RESIDENT = Role("resident", None, "Inwoner op het meldportaal (anoniem) / resident on the portal")
VISITOR = Role("staff", None, "Medewerker, niet ingelogd / staff before signing in")


def _barrier_model(story: Story) -> str:
    return f"/barrieremodel/{timezone.localdate().year}/"


def _case(story: Story) -> str:
    return f"/casussen/{story.case_id}/"


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
    MainPage(ANALYST, "monitor", "Monitor / monitor", lambda s: "/monitor/"),
    MainPage(
        ANALYST, "dark-number", "Dark number / dark figure", lambda s: "/monitor/dark-number/"
    ),
    MainPage(ANALYST, "exports", "Exports / exports", lambda s: "/monitor/exports/"),
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
    return Story(
        case_id=case.pk,
        report_id=report.pk,
        receipt_code=filed.receipt.code,
        receipt_secret=secret,
    )
