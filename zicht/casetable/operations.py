"""Every change to a case table is one function here, called by the pages, the demo and
the tests alike. Each runs in one transaction, checks who may do it, changes the data and
writes the access log. A decision becomes a follow-up action on the case through the
meldroute's own operation (``zicht.casework.actions.add_action``)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.audit.log import record_change, record_read
from zicht.audit.models import AccessAction, Purpose
from zicht.casetable.models import (
    AgendaItem,
    CaseTable,
    Covenant,
    Decision,
    MeasureKind,
    Meeting,
    MeetingStatus,
    OffenderMeasure,
    TableKind,
    TableMember,
)
from zicht.casework import actions, routing
from zicht.casework.models import Case
from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import PersonRole
from zicht.organisations.models import Membership, Organisation, Role

# The persons an offender item may be about.
OFFENDER_ROLES = (PersonRole.SUSPECT, PersonRole.FACILITATOR)


class TableRefused(Exception):
    """Not allowed, or not possible now; the message is shown to the user."""


class NotFound(Exception):
    """Not visible to this membership: the caller answers 404."""


def is_organiser(membership: Membership, table: CaseTable) -> bool:
    """The table's chair or secretary (of the chairing organisation), or the case
    manager of the region's hub: they plan meetings, set the agenda and record minutes,
    decisions and measures."""
    if membership.role == Role.TABLE_SECRETARY:
        return membership.organisation_id == table.chair_organisation_id
    return (
        membership.role == Role.HUB_CASE_MANAGER
        and membership.organisation.is_hub
        and membership.organisation.region_id == table.region_id
    )


def _require_organiser(by: Membership, table: CaseTable) -> None:
    if not is_organiser(by, table):
        raise TableRefused(
            _("Only the table's chair or secretary, or the regional hub, can do this.")
        )


@transaction.atomic
def set_up_table(
    *,
    by: Membership,
    name: str,
    kind: str,
    chair_organisation: Organisation,
    members: list[tuple[Organisation, bool, bool]],
) -> CaseTable:
    """A region's table, set up by the region's hub: the chairing organisation (a member
    under both covenants) and each member with the covenants it signed (RIEC, care)."""
    if not (by.role == Role.HUB_CASE_MANAGER and by.organisation.is_hub):
        raise TableRefused(_("Only the regional hub can set up a case table."))
    region = by.organisation.region
    if kind not in TableKind.values:
        raise TableRefused(_("Choose the kind of table."))
    if not name.strip():
        raise TableRefused(_("Give the table a name."))
    seats = [(chair_organisation, True, True), *members]
    if any(organisation.region_id != region.pk for organisation, _r, _c in seats):
        raise TableRefused(_("Every member must be an organisation of the region."))
    table = CaseTable.objects.create(
        region=region, name=name.strip(), kind=kind, chair_organisation=chair_organisation
    )
    seen: set[int] = set()
    for organisation, riec, care in seats:
        if organisation.pk in seen:
            continue
        seen.add(organisation.pk)
        TableMember.objects.create(
            table=table, organisation=organisation, riec_covenant=riec, care_covenant=care
        )
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=table,
        detail={"members": sorted(seen), "kind": kind},
    )
    return table


def _lock_meeting(meeting_id: int, by: Membership) -> Meeting:
    try:
        meeting = (
            Meeting.objects.visible_to(by)
            .select_for_update(of=("self",))
            .select_related("table")
            .get(pk=meeting_id)
        )
    except Meeting.DoesNotExist:
        raise NotFound from None
    _require_organiser(by, meeting.table)
    return meeting


@transaction.atomic
def plan_meeting(*, table_id: int, by: Membership, held_on: datetime.date) -> Meeting:
    try:
        table = CaseTable.objects.filter(members__organisation=by.organisation).get(pk=table_id)
    except CaseTable.DoesNotExist:
        raise NotFound from None
    _require_organiser(by, table)
    if Meeting.objects.filter(table=table, held_on=held_on).exists():
        raise TableRefused(_("The table already meets on that day."))
    meeting = Meeting.objects.create(table=table, held_on=held_on)
    record_change(
        membership=by, action=AccessAction.CREATE, obj=meeting, detail={"table": table.pk}
    )
    return meeting


@transaction.atomic
def add_agenda_item(
    *,
    meeting_id: int,
    by: Membership,
    case_id: int,
    covenant: str,
    summary: str,
    care_details: str = "",
    person_id: int | None = None,
) -> AgendaItem:
    """Put a case, or one suspect of a case, on a planned meeting's agenda, with the
    covenant under which the members are told of it. The case must be one the organiser
    may see (the one case rule) and of the table's region."""
    meeting = _lock_meeting(meeting_id, by)
    if meeting.is_held:
        raise TableRefused(_("The meeting has been held; put the item on the next one."))
    if covenant not in Covenant.values:
        raise TableRefused(_("Choose the legal basis: the RIEC covenant or the care covenant."))
    if not summary.strip():
        raise TableRefused(_("Write what the table is to discuss."))
    case = Case.objects.visible_to(by).filter(pk=case_id, region=meeting.table.region).first()
    if case is None:
        raise TableRefused(_("No case with that reference that you may see in this region."))
    person = None
    if person_id is not None:
        person = InvolvedPerson.objects.filter(
            pk=person_id, report__case=case, role__in=OFFENDER_ROLES
        ).first()
        if person is None:
            raise TableRefused(_("Only a suspect or facilitator of the case can be on the agenda."))
    duplicate = AgendaItem.objects.filter(meeting=meeting, case=case, person=person)
    if duplicate.exists():
        raise TableRefused(_("This is on the agenda already."))
    item = AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        person=person,
        covenant=covenant,
        summary=summary.strip(),
        care_details=care_details.strip(),
        added_by=by.user,
    )
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=item,
        person_ids=[person.pk] if person else [],
        purpose=Purpose.CASE_TABLE,
        detail={"meeting": meeting.pk, "case": case.pk, "covenant": covenant},
    )
    return item


@transaction.atomic
def record_minutes(*, meeting_id: int, by: Membership, minutes: str) -> Meeting:
    """The minutes of a meeting; recording them marks the meeting as held (they may be
    corrected afterwards, each correction logged)."""
    meeting = _lock_meeting(meeting_id, by)
    if not minutes.strip():
        raise TableRefused(_("Write the minutes."))
    if meeting.held_on > timezone.localdate():
        raise TableRefused(_("The meeting is still to come; record its minutes once it is held."))
    was_held = meeting.is_held
    meeting.minutes = minutes.strip()
    meeting.minutes_by = by.user
    meeting.minutes_at = timezone.now()
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["minutes", "minutes_by", "minutes_at", "status"])
    record_change(
        membership=by,
        action=AccessAction.UPDATE,
        obj=meeting,
        purpose=Purpose.CASE_TABLE,
        detail={"minutes": "corrected" if was_held else "recorded"},
    )
    return meeting


def _lock_item(item_id: int, by: Membership) -> AgendaItem:
    try:
        item = (
            AgendaItem.objects.visible_to(by)
            .select_for_update(of=("self",))
            .select_related("meeting__table", "case", "person")
            .get(pk=item_id)
        )
    except AgendaItem.DoesNotExist:
        raise NotFound from None
    _require_organiser(by, item.meeting.table)
    return item


@transaction.atomic
def decide(
    *,
    item_id: int,
    by: Membership,
    text: str,
    kind: str,
    owner: Organisation,
    due_on: datetime.date,
) -> Decision:
    """A decision of the table on an item: a follow-up action with owner and due date on
    the case, added through ``add_action`` (its rules, handover and notifications)."""
    item = _lock_item(item_id, by)
    if not text.strip():
        raise TableRefused(_("Write what the table decided."))
    if due_on < item.meeting.held_on:
        raise TableRefused(_("The due date cannot be before the meeting."))
    try:
        action = actions.add_action(
            case_id=item.case_id,
            by=by,
            kind=kind,
            owner=owner,
            due_on=due_on,
            instructions=_("Decision of %(table)s on %(date)s: %(text)s")
            % {
                "table": item.meeting.table.name,
                "date": item.meeting.held_on.strftime("%d-%m-%Y"),
                "text": text.strip(),
            },
        )
    except routing.NotFound:
        raise TableRefused(_("You may no longer see this case.")) from None
    except routing.RouteRefused as refusal:
        raise TableRefused(str(refusal)) from None
    decision = Decision.objects.create(
        item=item, text=text.strip(), action=action, decided_by=by.user
    )
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=decision,
        purpose=Purpose.CASE_TABLE,
        detail={"item": item.pk, "action": action.pk},
    )
    return decision


@transaction.atomic
def record_measure(
    *,
    item_id: int,
    by: Membership,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    electronic_monitoring: bool = False,
    note: str = "",
) -> OffenderMeasure:
    """A measure against the suspect an item is about: a contact ban, a location ban
    (with or without electronic monitoring), or re-integration."""
    item = _lock_item(item_id, by)
    if item.person is None:
        raise TableRefused(_("A measure is recorded on the agenda item of a suspect."))
    if kind not in MeasureKind.values:
        raise TableRefused(_("Choose the measure."))
    if ends_on is not None and ends_on < starts_on:
        raise TableRefused(_("The end cannot be before the start."))
    if electronic_monitoring and kind != MeasureKind.LOCATION_BAN:
        raise TableRefused(_("Electronic monitoring goes with a location ban."))
    measure = OffenderMeasure.objects.create(
        person=item.person,
        item=item,
        kind=kind,
        electronic_monitoring=electronic_monitoring,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note.strip(),
        recorded_by=by.user,
    )
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=measure,
        person_ids=[item.person.pk],
        purpose=Purpose.CASE_TABLE,
        detail={"item": item.pk, "kind": kind},
    )
    return measure


def log_item_reads(by: Membership, items: list[AgendaItem]) -> None:
    """Every item shown to a member is a read of the table's data, with its purpose."""
    for item in items:
        record_read(
            membership=by,
            obj=item,
            person_ids=[item.person_id] if item.person_id else [],
            purpose=Purpose.CASE_TABLE,
        )


def log_persons_shown(by: Membership, item: AgendaItem, person_ids: list[int]) -> None:
    """The suspects of an item's case shown to its organiser to put on the agenda."""
    record_read(membership=by, obj=item.case, person_ids=person_ids, purpose=Purpose.CASE_TABLE)
