"""What waits for the person who opens the inbox: per role, the groups of work that wait
for them (cases to take up, handovers to accept, actions their organisation owns, feedback
to give, ...), each with its count and what is overdue, overdue first.

Everything is read through the one visibility rule, ``Case.objects.visible_to``: a group
only ever holds work on cases the membership may see. The inbox shows references,
municipalities, statuses, the kind of an action, organisations and dates, never a person or
a report's text; like the case list, opening it reads no personal data, so it writes no
access log entry.

Apps above casework add their own groups with ``register_source`` (the portal adds the
reporters' messages that wait for an answer), so casework need not import them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, Max, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.casework.models import (
    ActionStatus,
    Case,
    CaseQuerySet,
    Feedback,
    FollowUpAction,
    Handover,
    HandoverStatus,
)
from zicht.casework.workflow import Status, allowed_transitions
from zicht.organisations.models import Membership, Municipality, Role

if TYPE_CHECKING:  # the stubs' name for a string or a lazy translation
    from django_stubs_ext import StrOrPromise

# Rows shown per group; the count says how many there are in all.
LIMIT = 25
# Feedback the hub gave stays in the focal officer's inbox this long.
RECENT_FEEDBACK_DAYS = 30


@dataclass(frozen=True)
class InboxFilter:
    """The inbox's filters; the empty filter shows everything that waits."""

    reference: str = ""
    status: str = ""
    municipality_id: int | None = None
    overdue_only: bool = False
    mine: bool = False

    @property
    def active(self) -> bool:
        return self != InboxFilter()


@dataclass(frozen=True)
class WaitingItem:
    """One thing that waits: on which case, what, by when (or since when)."""

    case: Case
    what: StrOrPromise
    due_on: datetime.date | None = None
    since: datetime.datetime | None = None
    days_late: int = 0

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


@dataclass(frozen=True)
class WaitingGroup:
    key: str
    title: StrOrPromise
    items: list[WaitingItem]
    count: int
    overdue: int = 0
    has_due: bool = False  # the items have a term (due date) rather than a "waiting since"

    @property
    def more(self) -> int:
        return self.count - len(self.items)


@dataclass(frozen=True)
class InboxQuery:
    """What a group is built from: who asks, the visible cases after the filters, today."""

    membership: Membership
    cases: CaseQuerySet
    filters: InboxFilter
    today: datetime.date
    limit: int = LIMIT


@dataclass(frozen=True)
class Inbox:
    groups: list[WaitingGroup] = field(default_factory=list)
    filters: InboxFilter = InboxFilter()

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def overdue(self) -> int:
        return sum(group.overdue for group in self.groups)


GroupSource = Callable[[InboxQuery], WaitingGroup | None]
_SOURCES: list[GroupSource] = []


def register_source(source: GroupSource) -> None:
    """Add a group from an app that casework does not import; it returns None for a
    membership it has nothing for."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def days_late(due_on: datetime.date | None, today: datetime.date) -> int:
    return max(0, (today - due_on).days) if due_on is not None else 0


def group_from(
    query: InboxQuery,
    *,
    key: str,
    title: StrOrPromise,
    rows: QuerySet[Any],
    item: Callable[[Any], WaitingItem],
    order: Sequence[str],
    due: str = "",
) -> WaitingGroup:
    """A group read from ``rows``: counted, overdue counted (``due`` names the date field,
    if the rows have a term), the first ``limit`` rows in ``order``. With the filter
    "overdue only", a group without terms is empty."""
    overdue = 0
    if due:
        late = rows.filter(**{f"{due}__lt": query.today})
        overdue = late.count()
        if query.filters.overdue_only:
            rows = late
    elif query.filters.overdue_only:
        rows = rows.none()
    items = [item(row) for row in rows.order_by(*order)[: query.limit]]
    count = overdue if due and query.filters.overdue_only else rows.count()
    return WaitingGroup(key, title, items, count, overdue, has_due=bool(due))


# Whose move it is in each status: a new case is with the focal officer until it is reported
# to the hub, and then with the hub. The transition table lets the hub also report a case to
# itself (registering what reached it directly), but that is not work waiting for the hub.
HOLDS: dict[str, set[str]] = {
    Role.FOCAL_OFFICER: {Status.RECEIVED, Status.ENRICHING},
    Role.HUB_CASE_MANAGER: {Status.REPORTED_TO_HUB},
}
NOT_NEXT: dict[str, set[str]] = {
    Role.HUB_CASE_MANAGER: {"report_to_hub"},
}


def _next_steps(case: Case, role: str) -> StrOrPromise:
    """The route steps this role takes next on the case, as the case page offers them."""
    skip = {"escalate_acute", "close", "reopen", *NOT_NEXT.get(role, ())}
    labels = [str(t.label) for t in allowed_transitions(case.status, role) if t.name not in skip]
    return _(" or ").join(labels) if labels else case.get_status_display()


def _with_last_step(cases: CaseQuerySet) -> CaseQuerySet:
    return cases.select_related("municipality").annotate(last_step_at=Max("steps__at"))


def acute_cases(query: InboxQuery) -> WaitingGroup:
    role = query.membership.role
    return group_from(
        query,
        key="acute",
        title=_("Acute danger"),
        rows=_with_last_step(query.cases.filter(status=Status.ACUTE)),
        item=lambda case: WaitingItem(
            case=case, what=_next_steps(case, role), since=case.last_step_at
        ),
        order=["last_step_at", "pk"],
    )


def cases_to_take_up(query: InboxQuery) -> WaitingGroup:
    """Cases in a status in which this role holds the case and takes the route's next step
    (acute cases have a group of their own, follow-up too)."""
    role = query.membership.role
    statuses = [s for s in HOLDS.get(role, set()) if allowed_transitions(s, role)]
    return group_from(
        query,
        key="take_up",
        title=_("Cases to take up"),
        rows=_with_last_step(query.cases.filter(status__in=statuses)),
        item=lambda case: WaitingItem(
            case=case, what=_next_steps(case, role), since=case.last_step_at
        ),
        order=["last_step_at", "pk"],
    )


def follow_up_to_arrange(query: InboxQuery) -> WaitingGroup:
    """Cases in follow-up with no action under way: the hub adds one, or closes the case
    when an action has been done (the closure rule)."""
    under_way = FollowUpAction.objects.filter(
        status__in=[ActionStatus.OPEN, ActionStatus.AWAITING_ACCEPTANCE]
    )
    done = FollowUpAction.objects.filter(case=OuterRef("pk"), status=ActionStatus.DONE)
    rows = (
        _with_last_step(query.cases.filter(status=Status.FOLLOW_UP))
        .exclude(pk__in=under_way.values("case"))
        .annotate(
            has_done=Exists(done),
            waiting_since=Coalesce(Max("actions__completed_at"), Max("steps__at")),
        )
    )
    return group_from(
        query,
        key="follow_up",
        title=_("Follow-up to arrange or close"),
        rows=rows,
        item=lambda case: WaitingItem(
            case=case,
            what=_("Action done: close the case or add one")
            if case.has_done
            else _("Add a follow-up action"),
            since=case.waiting_since,
        ),
        order=["waiting_since", "pk"],
    )


def open_feedback(cases: QuerySet[Case]) -> QuerySet[Feedback]:
    return Feedback.objects.filter(case__in=cases, given_at__isnull=True).select_related(
        "case__municipality", "to_organisation"
    )


def overdue_feedback(membership: Membership) -> QuerySet[Feedback]:
    """Every feedback past its agreed term on the cases the membership sees."""
    return open_feedback(Case.objects.visible_to(membership)).filter(
        due_on__lt=timezone.localdate()
    )


def feedback_to_give(query: InboxQuery) -> WaitingGroup:
    return group_from(
        query,
        key="feedback_to_give",
        title=_("Feedback to give"),
        rows=open_feedback(query.cases),
        item=lambda f: WaitingItem(
            case=f.case,
            what=_("Feedback to %(organisation)s") % {"organisation": f.to_organisation},
            due_on=f.due_on,
            days_late=days_late(f.due_on, query.today),
        ),
        order=["due_on", "pk"],
        due="due_on",
    )


def feedback_awaited(query: InboxQuery) -> WaitingGroup:
    """Feedback the hub owes the focal officer's organisation."""
    return group_from(
        query,
        key="feedback_awaited",
        title=_("Feedback awaited from the regional hub"),
        rows=open_feedback(query.cases).filter(to_organisation=query.membership.organisation),
        item=lambda f: WaitingItem(
            case=f.case,
            what=_("Feedback agreed"),
            due_on=f.due_on,
            days_late=days_late(f.due_on, query.today),
        ),
        order=["due_on", "pk"],
        due="due_on",
    )


def feedback_received(query: InboxQuery) -> WaitingGroup:
    since = timezone.now() - datetime.timedelta(days=RECENT_FEEDBACK_DAYS)
    rows = Feedback.objects.filter(
        case__in=query.cases,
        to_organisation=query.membership.organisation,
        given_at__gte=since,
    ).select_related("case__municipality")
    return group_from(
        query,
        key="feedback_received",
        title=_("Feedback from the regional hub"),
        rows=rows,
        item=lambda f: WaitingItem(case=f.case, what=_("Feedback to read"), since=f.given_at),
        order=["-given_at", "-pk"],
    )


def handovers_to_decide(query: InboxQuery) -> WaitingGroup:
    rows = Handover.objects.filter(
        case__in=query.cases,
        to_organisation=query.membership.organisation,
        status=HandoverStatus.PENDING,
    ).select_related("case__municipality", "action", "from_organisation")

    def item(handover: Handover) -> WaitingItem:
        due_on = handover.action.due_on if handover.action else None
        what = handover.action.get_kind_display() if handover.action else _("Handover")
        return WaitingItem(
            case=handover.case,
            what=_("%(action)s, from %(organisation)s")
            % {"action": what, "organisation": handover.from_organisation},
            due_on=due_on,
            since=handover.created_at,
            days_late=days_late(due_on, query.today),
        )

    return group_from(
        query,
        key="handovers",
        title=_("Handovers to accept or decline"),
        rows=rows,
        item=item,
        order=["action__due_on", "created_at", "pk"],
        due="action__due_on",
    )


def actions_due(query: InboxQuery) -> WaitingGroup:
    rows = FollowUpAction.objects.filter(
        case__in=query.cases, owner=query.membership.organisation, status=ActionStatus.OPEN
    ).select_related("case__municipality")
    return group_from(
        query,
        key="actions",
        title=_("Actions of your organisation"),
        rows=rows,
        item=lambda a: WaitingItem(
            case=a.case,
            what=a.get_kind_display(),
            due_on=a.due_on,
            days_late=days_late(a.due_on, query.today),
        ),
        order=["due_on", "pk"],
        due="due_on",
    )


def safety_risks(query: InboxQuery) -> WaitingGroup:
    rows = (
        query.cases.filter(has_safety_risk=True)
        .exclude(status=Status.CLOSED)
        .select_related("municipality")
        .annotate(flagged_at=Max("safety_notices__created_at"))
    )
    return group_from(
        query,
        key="safety",
        title=_("Cases with a safety risk"),
        rows=rows,
        item=lambda case: WaitingItem(
            case=case, what=_("Safety risk flagged"), since=case.flagged_at
        ),
        order=["-flagged_at", "pk"],
    )


GROUPS: dict[str, list[GroupSource]] = {
    Role.HUB_CASE_MANAGER: [
        acute_cases,
        cases_to_take_up,
        handovers_to_decide,
        actions_due,
        feedback_to_give,
        follow_up_to_arrange,
    ],
    Role.FOCAL_OFFICER: [
        acute_cases,
        cases_to_take_up,
        handovers_to_decide,
        actions_due,
        feedback_awaited,
        feedback_received,
    ],
    Role.PARTNER_MEMBER: [handovers_to_decide, actions_due],
    Role.SAFETY_OFFICER: [safety_risks, actions_due],
    # The case table's chair or secretary: the table's open decisions (zicht.casetable adds
    # them with register_source).
    Role.TABLE_SECRETARY: [],
}


def filtered_cases(membership: Membership, filters: InboxFilter) -> CaseQuerySet:
    cases = Case.objects.visible_to(membership)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.municipality_id:
        cases = cases.filter(municipality_id=filters.municipality_id)
    if filters.reference:
        cases = cases.matching_reference(filters.reference)
    if filters.mine:
        cases = cases.worked_on_by(membership.user)
    return cases


def inbox_for(
    membership: Membership, filters: InboxFilter | None = None, *, limit: int = LIMIT
) -> Inbox:
    """The inbox of ``membership``: its role's groups, then those other apps add."""
    filters = filters or InboxFilter()
    query = InboxQuery(
        membership=membership,
        cases=filtered_cases(membership, filters),
        filters=filters,
        today=timezone.localdate(),
        limit=limit,
    )
    sources: Iterable[GroupSource] = [*GROUPS.get(membership.role, []), *_SOURCES]
    groups = [group for source in sources if (group := source(query)) is not None]
    return Inbox(groups=groups, filters=filters)


def has_inbox(membership: Membership) -> bool:
    return membership.role in GROUPS


def filter_municipalities(membership: Membership) -> QuerySet[Municipality]:
    """The municipalities of the cases the membership sees: the filter's choices."""
    return Municipality.objects.filter(
        pk__in=Case.objects.visible_to(membership).values("municipality")
    ).order_by("name")
