"""Pages of the case table. Views validate input, call one operation and show the result.
Meetings come through `Meeting.objects.visible_to` (the tables the organisation sits at),
items through `AgendaItem.objects.visible_to` (shared under a covenant the organisation
signed); an item the organisation may not see is named as such, nothing of it shown. Every
item shown is logged with its purpose."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zicht.casetable import operations
from zicht.casetable.forms import (
    AgendaItemForm,
    DecisionForm,
    MeasureForm,
    MeetingForm,
    MinutesForm,
    SuspectItemForm,
)
from zicht.casetable.models import (
    TABLE_ROLES,
    AgendaItem,
    CaseTable,
    Covenant,
    Decision,
    Meeting,
    TableMember,
)
from zicht.casetable.reminders import open_decisions
from zicht.casework.models import Case
from zicht.intake.models import InvolvedPerson
from zicht.organisations.acting import MemberRequest, membership_required
from zicht.organisations.models import Membership

table_roles = membership_required(roles=sorted(TABLE_ROLES))


def _seat(membership: Membership, table: CaseTable) -> TableMember | None:
    return TableMember.objects.filter(table=table, organisation=membership.organisation).first()


@dataclass(frozen=True)
class TableRow:
    table: CaseTable
    meetings: list[Meeting]
    seat: TableMember | None
    organiser: bool
    form: MeetingForm | None


@table_roles
def overview(request: MemberRequest, bound: tuple[int, MeetingForm] | None = None) -> HttpResponse:
    membership = request.membership
    rows = []
    tables = CaseTable.objects.filter(members__organisation=membership.organisation)
    for table in tables.select_related("chair_organisation", "region"):
        organiser = operations.is_organiser(membership, table)
        form = None
        if organiser:
            form = bound[1] if bound and bound[0] == table.pk else MeetingForm(table_id=table.pk)
        rows.append(
            TableRow(
                table=table,
                meetings=list(Meeting.objects.filter(table=table)[:12]),
                seat=_seat(membership, table),
                organiser=organiser,
                form=form,
            )
        )
    return render(
        request,
        "casetable/overview.html",
        {"rows": rows, "error_forms": [bound[1]] if bound else []},
        status=400 if bound else 200,
    )


@require_POST
@table_roles
def plan_meeting(request: MemberRequest, table_id: int) -> HttpResponse:
    form = MeetingForm(request.POST, table_id=table_id)
    if form.is_valid():
        try:
            meeting = operations.plan_meeting(
                table_id=table_id, by=request.membership, held_on=form.cleaned_data["held_on"]
            )
        except operations.NotFound as error:
            raise Http404 from error
        except operations.TableRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting was planned."))
            return redirect("casetable:meeting_detail", meeting_id=meeting.pk)
    return overview(request, bound=(table_id, form))


def _visible_meeting(request: MemberRequest, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.visible_to(request.membership).select_related("table__region"),
        pk=meeting_id,
    )


@table_roles
def meeting_detail(
    request: MemberRequest, meeting_id: int, bound: dict[str, Form] | None = None
) -> HttpResponse:
    membership = request.membership
    meeting = _visible_meeting(request, meeting_id)
    table = meeting.table
    seat = _seat(membership, table)
    organiser = operations.is_organiser(membership, table)
    bound = bound or {}
    visible = AgendaItem.objects.visible_to(membership)
    items = list(visible.filter(meeting=meeting).select_related("case__municipality", "person"))
    not_shared = AgendaItem.objects.at_table_of(membership).filter(meeting=meeting).count() - len(
        items
    )
    earlier = list(
        open_decisions()
        .filter(
            item__in=visible,
            item__meeting__table=table,
            item__meeting__held_on__lt=meeting.held_on,
        )
        .select_related("item__meeting", "item__case", "action__owner")
        .order_by("action__due_on", "pk")
    )
    decisions: dict[int, list[Decision]] = {}
    for decision in Decision.objects.filter(item__in=items).select_related("action__owner"):
        decisions.setdefault(decision.item_id, []).append(decision)
    context: dict[str, Any] = {
        "meeting": meeting,
        "table": table,
        "seat": seat,
        "organiser": organiser,
        "rows": [(item, decisions.get(item.pk, [])) for item in items],
        "not_shared": not_shared,
        "earlier": earlier,
        "item_form": bound.get("item")
        or (AgendaItemForm(membership=membership) if organiser and not meeting.is_held else None),
        "minutes_form": bound.get("minutes")
        or (MinutesForm(initial={"minutes": meeting.minutes}) if organiser else None),
        "error_forms": list(bound.values()),
    }
    operations.log_item_reads(membership, items + [d.item for d in earlier])
    return render(request, "casetable/meeting_detail.html", context, status=400 if bound else 200)


def _submit(
    request: MemberRequest,
    form: Form,
    operation: Callable[[dict[str, Any]], object],
    done: str,
    success: HttpResponse | Callable[[], HttpResponse],
    again: Callable[[Form], HttpResponse],
) -> HttpResponse:
    """Validate, run the operation; a refusal shows the page again with the form, what
    was typed and the reason (status 400), nothing changed."""
    if form.is_valid():
        try:
            operation(form.cleaned_data)
        except operations.NotFound as error:
            raise Http404 from error
        except operations.TableRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return success() if callable(success) else success
    return again(form)


@require_POST
@table_roles
def add_item(request: MemberRequest, meeting_id: int) -> HttpResponse:
    meeting = _visible_meeting(request, meeting_id)
    return _submit(
        request,
        AgendaItemForm(request.POST, membership=request.membership),
        lambda d: operations.add_agenda_item(
            meeting_id=meeting.pk,
            by=request.membership,
            case_id=d["case_reference"],
            covenant=d["covenant"],
            summary=d["summary"],
            care_details=d["care_details"],
        ),
        _("The case was put on the agenda."),
        redirect("casetable:meeting_detail", meeting_id=meeting.pk),
        lambda form: meeting_detail(request, meeting.pk, {"item": form}),
    )


@require_POST
@table_roles
def record_minutes(request: MemberRequest, meeting_id: int) -> HttpResponse:
    meeting = _visible_meeting(request, meeting_id)
    return _submit(
        request,
        MinutesForm(request.POST),
        lambda d: operations.record_minutes(
            meeting_id=meeting.pk, by=request.membership, minutes=d["minutes"]
        ),
        _("The minutes were recorded; the meeting is held."),
        redirect("casetable:meeting_detail", meeting_id=meeting.pk),
        lambda form: meeting_detail(request, meeting.pk, {"minutes": form}),
    )


@table_roles
def item_detail(
    request: MemberRequest, item_id: int, bound: dict[str, Form] | None = None
) -> HttpResponse:
    membership = request.membership
    at_table = get_object_or_404(
        AgendaItem.objects.at_table_of(membership).select_related("meeting__table"), pk=item_id
    )
    item = (
        AgendaItem.objects.visible_to(membership)
        .select_related("meeting__table__region", "case__municipality", "person")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        # A member of the table, but the item is not shared under a covenant its
        # organisation signed: say so, show nothing of it.
        return render(
            request,
            "casetable/not_shared.html",
            {"meeting": at_table.meeting, "table": at_table.meeting.table},
            status=403,
        )
    table = item.meeting.table
    seat = _seat(membership, table)
    organiser = operations.is_organiser(membership, table)
    bound = bound or {}
    case_visible = Case.objects.visible_to(membership).filter(pk=item.case_id).exists()
    suspects: list[tuple[InvolvedPerson, SuspectItemForm]] = []
    if organiser and case_visible and item.person_id is None and not item.meeting.is_held:
        tabled = set(
            AgendaItem.objects.filter(meeting=item.meeting, case=item.case).values_list(
                "person_id", flat=True
            )
        )
        for person in InvolvedPerson.objects.filter(
            report__case=item.case, role__in=operations.OFFENDER_ROLES
        ).exclude(pk__in=[pk for pk in tabled if pk is not None]):
            key = f"suspect-{person.pk}"
            form = bound.get(key)
            suspects.append(
                (
                    person,
                    form
                    if isinstance(form, SuspectItemForm)
                    else SuspectItemForm(person_id=person.pk),
                )
            )
    context: dict[str, Any] = {
        "item": item,
        "meeting": item.meeting,
        "table": table,
        "seat": seat,
        "show_care": bool(seat and seat.care_covenant),
        "organiser": organiser,
        "case_visible": case_visible,
        "decisions": list(item.decisions.select_related("action__owner")),
        "measures": list(item.measures.all()) if item.person_id else [],
        "decision_form": bound.get("decision")
        or (DecisionForm(region=table.region) if organiser else None),
        "measure_form": bound.get("measure")
        or (MeasureForm() if organiser and item.person_id else None),
        "suspects": suspects,
        "error_forms": list(bound.values()),
        "care_covenant": Covenant.CARE,
    }
    operations.log_item_reads(membership, [item])
    if suspects:
        # The organiser is shown the names of the case's suspects to choose from.
        operations.log_persons_shown(membership, item, [person.pk for person, _f in suspects])
    return render(request, "casetable/item_detail.html", context, status=400 if bound else 200)


def _visible_item(request: MemberRequest, item_id: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.visible_to(request.membership).select_related("meeting__table__region"),
        pk=item_id,
    )


@require_POST
@table_roles
def decide(request: MemberRequest, item_id: int) -> HttpResponse:
    item = _visible_item(request, item_id)
    return _submit(
        request,
        DecisionForm(request.POST, region=item.meeting.table.region),
        lambda d: operations.decide(item_id=item.pk, by=request.membership, **d),
        _("The decision was recorded and became a follow-up action on the case."),
        redirect("casetable:item_detail", item_id=item.pk),
        lambda form: item_detail(request, item.pk, {"decision": form}),
    )


@require_POST
@table_roles
def record_measure(request: MemberRequest, item_id: int) -> HttpResponse:
    item = _visible_item(request, item_id)
    return _submit(
        request,
        MeasureForm(request.POST),
        lambda d: operations.record_measure(item_id=item.pk, by=request.membership, **d),
        _("The measure was recorded."),
        redirect("casetable:item_detail", item_id=item.pk),
        lambda form: item_detail(request, item.pk, {"measure": form}),
    )


@require_POST
@table_roles
def add_suspect_item(request: MemberRequest, item_id: int, person_id: int) -> HttpResponse:
    item = _visible_item(request, item_id)
    created: list[AgendaItem] = []

    def add(d: dict[str, Any]) -> None:
        created.append(
            operations.add_agenda_item(
                meeting_id=item.meeting_id,
                by=request.membership,
                case_id=item.case_id,
                person_id=person_id,
                covenant=d["covenant"],
                summary=d["summary"],
            )
        )

    return _submit(
        request,
        SuspectItemForm(request.POST, person_id=person_id),
        add,
        _("The suspect was put on the agenda."),
        lambda: redirect("casetable:item_detail", item_id=created[0].pk),
        lambda form: item_detail(request, item.pk, {f"suspect-{person_id}": form}),
    )
