"""The case table in the demo: each region's casustafel, chaired by its hub, with the
region's partners as members (police, RIEC and the labour inspectorate under the RIEC
covenant, Veilig Thuis, shelter and care under the care covenant), a chair/secretary at the
hub, and (with the history) two meetings held with minutes and decisions and the next one
planned. Made through the operations of `zicht.casetable`, at their moments in the past."""

from __future__ import annotations

import datetime

import time_machine
from django.utils import timezone

from zicht.casetable import operations
from zicht.casetable.models import CaseTable, Covenant, MeasureKind, TableKind
from zicht.casework.models import ActionKind, Case
from zicht.casework.workflow import Status
from zicht.demo.organisations import REGIONS, _member
from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import PersonRole
from zicht.notifications.delivery import as_history
from zicht.organisations.models import Membership, Organisation, OrganisationType, Role

RIEC_MEMBERS = (
    OrganisationType.POLICE,
    OrganisationType.RIEC,
    OrganisationType.LABOUR_INSPECTORATE,
)
CARE_MEMBERS = (OrganisationType.VEILIG_THUIS, OrganisationType.SHELTER, OrganisationType.CARE)
# Meetings held this many days ago, and the next one planned this many days ahead.
HELD_DAYS_AGO = (84, 28)
NEXT_IN_DAYS = 21


def create_casetable_demo(
    organisations: dict[str, dict[str, Organisation]], *, history: bool
) -> list[tuple[str, str, str]]:
    """The chairs/secretaries (returned to print), each region's table where its hub case
    manager exists, and with the history its meetings."""
    users = []
    for plan in REGIONS:
        orgs = organisations[plan.code]
        hub = orgs["hub"]
        secretary = _member(
            f"tafel.{plan.slug}",
            "Tafelsecretaris",
            hub.region.name,
            organisation=hub,
            role=Role.TABLE_SECRETARY,
        )
        users.append((secretary.user.username, hub.name, str(Role(secretary.role).label)))
        hub_member = Membership.objects.filter(
            user__username=f"hub.{plan.slug}", organisation=hub, role=Role.HUB_CASE_MANAGER
        ).first()
        if hub_member is None or CaseTable.objects.filter(region=hub.region).exists():
            continue
        table = operations.set_up_table(
            by=hub_member,
            name=f"Casustafel Mensenhandel {hub.region.name}",
            kind=TableKind.CASE_TABLE,
            chair_organisation=hub,
            members=[(orgs[kind], True, False) for kind in RIEC_MEMBERS if kind in orgs]
            + [(orgs[kind], False, True) for kind in CARE_MEMBERS if kind in orgs],
        )
        if history:
            _meetings(table, hub_member, secretary, orgs)
    return users


def _cases(table: CaseTable, before: datetime.datetime, taken: set[int]) -> list[Case]:
    """Two cases whose follow-up started before ``before`` and still runs, each with a
    suspect: what a table discusses."""
    cases = list(
        Case.objects.filter(
            region=table.region,
            status=Status.FOLLOW_UP,
            steps__transition="start_follow_up",
            steps__at__lt=before,
            reports__persons__role=PersonRole.SUSPECT,
        )
        .exclude(pk__in=taken)
        .distinct()
        .order_by("-opened_at")[:2]
    )
    taken.update(case.pk for case in cases)
    return cases


def _meetings(
    table: CaseTable, hub: Membership, secretary: Membership, orgs: dict[str, Organisation]
) -> None:
    now = timezone.now()
    taken: set[int] = set()
    with as_history():
        for days_ago in HELD_DAYS_AGO:
            when = now - datetime.timedelta(days=days_ago)
            planned = when - datetime.timedelta(days=7)
            pair = _cases(table, planned, taken)
            with time_machine.travel(planned, tick=False):
                meeting = operations.plan_meeting(
                    table_id=table.pk, by=secretary, held_on=when.date()
                )
                items = [
                    # The hub sees every case of the region; it sets the agenda.
                    operations.add_agenda_item(
                        meeting_id=meeting.pk,
                        by=hub,
                        case_id=case.pk,
                        covenant=covenant,
                        summary=summary,
                        care_details=care,
                    )
                    for case, (covenant, summary, care) in zip(pair, AGENDA, strict=False)
                ]
                suspect = (
                    InvolvedPerson.objects.filter(
                        report__case=pair[0], role=PersonRole.SUSPECT
                    ).first()
                    if pair
                    else None
                )
                suspect_item = (
                    operations.add_agenda_item(
                        meeting_id=meeting.pk,
                        by=secretary,
                        case_id=pair[0].pk,
                        person_id=suspect.pk,
                        covenant=Covenant.RIEC,
                        summary="Dadergerichte aanpak: welke barrières kunnen we opwerpen?",
                    )
                    if suspect
                    else None
                )
            with time_machine.travel(when + datetime.timedelta(hours=3), tick=False):
                for item, (kind, owner, text) in zip(items, DECISIONS, strict=False):
                    operations.decide(
                        item_id=item.pk,
                        by=secretary,
                        text=text,
                        kind=kind,
                        owner=orgs[owner],
                        due_on=when.date() + datetime.timedelta(days=42),
                    )
                if suspect_item is not None:
                    operations.record_measure(
                        item_id=suspect_item.pk,
                        by=secretary,
                        kind=MeasureKind.LOCATION_BAN,
                        electronic_monitoring=True,
                        starts_on=when.date(),
                        ends_on=when.date() + datetime.timedelta(days=180),
                        note="Gebiedsverbod rond de woning van het slachtoffer.",
                    )
                operations.record_minutes(
                    meeting_id=meeting.pk,
                    by=secretary,
                    minutes=MINUTES,
                )
        operations.plan_meeting(
            table_id=table.pk,
            by=secretary,
            held_on=(now + datetime.timedelta(days=NEXT_IN_DAYS)).date(),
        )


AGENDA = (
    (
        Covenant.RIEC,
        "Signalen van uitbuiting in een uitzendbureau; controle met de arbeidsinspectie?",
        "",
    ),
    (
        Covenant.CARE,
        "Slachtoffer in zorg; afstemming over veiligheid en aangifte.",
        "Slachtoffer verblijft in de opvang; traumabehandeling gestart.",
    ),
)
DECISIONS = (
    (
        ActionKind.LABOUR_INSPECTORATE,
        OrganisationType.LABOUR_INSPECTORATE,
        "Integrale controle bij het uitzendbureau.",
    ),
    (ActionKind.SHELTER, OrganisationType.SHELTER, "Opvangplek buiten de regio zoeken."),
)
MINUTES = (
    "Aanwezig: politie, RIEC, arbeidsinspectie, Veilig Thuis, opvang en zorg. "
    "Casussen besproken volgens de agenda; besluiten zijn als vervolgacties vastgelegd."
)
