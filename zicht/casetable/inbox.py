"""The start page's group of open table decisions (casework's inbox, ``register_source``):
for the table's organisers, the decisions of their tables whose action is not done yet."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zicht.casetable.models import AgendaItem, CaseTable
from zicht.casetable.operations import is_organiser
from zicht.casetable.reminders import open_decisions
from zicht.casework.inbox import InboxQuery, WaitingGroup, WaitingItem, days_late, group_from
from zicht.organisations.models import Role


def open_decisions_for(query: InboxQuery) -> WaitingGroup | None:
    membership = query.membership
    if membership.role not in (Role.TABLE_SECRETARY, Role.HUB_CASE_MANAGER):
        return None
    tables = [
        table
        for table in CaseTable.objects.filter(members__organisation=membership.organisation)
        if is_organiser(membership, table)
    ]
    if not tables:
        return None
    rows = (
        open_decisions()
        .filter(
            item__meeting__table__in=tables,
            item__in=AgendaItem.objects.visible_to(membership),
            item__case__in=query.cases,
        )
        .select_related("item__case__municipality", "action")
    )
    return group_from(
        query,
        key="table_decisions",
        title=_("Open decisions of the case table"),
        rows=rows,
        item=lambda d: WaitingItem(
            case=d.item.case,
            what=_("Table decision: %(action)s") % {"action": d.action.get_kind_display()},
            due_on=d.action.due_on,
            days_late=days_late(d.action.due_on, query.today),
        ),
        order=["action__due_on", "pk"],
        due="action__due_on",
    )
