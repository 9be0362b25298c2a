"""Opening a case: the start of the meldroute for every new report.

Whoever receives a report (the professional form, the public portal, the hub registering a case
itself, a partner system, the demo) calls `open_case`; it records the receipt and routes the case
by the rules of the meldroute, so no way in decides the route itself:

1. acute danger bypasses everything: the case is acute at once, the hub and the police are told
   (and Veilig Thuis, when a presumed victim is a minor);
2. a case the regional hub registers itself stays with the hub, and the municipality's focal
   officer is informed, because the municipality must act on it;
3. otherwise the reporter's choice, or the default route: municipal staff report to their own
   focal officer, everyone else (and every municipality without a focal organisation) to the hub;
   the portal follows the region's setting.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zicht.casework.models import Case
from zicht.casework.routing import announce_acute, case_link, hand_to_hub, move, record_receipt
from zicht.casework.workflow import Status
from zicht.notifications.delivery import notify_users
from zicht.organisations import recipients
from zicht.organisations.models import Membership, Municipality, Role


class Route(models.TextChoices):
    """Where a new, non-acute report goes first."""

    FOCAL_OFFICER = "focal_officer", gettext_lazy("The focal officer of the municipality")
    HUB = "hub", gettext_lazy("The regional hub")


def default_route(by: Membership | None, municipality: Municipality) -> Route:
    """Municipal staff report to their own focal officer; everyone else, and any municipality
    without a focal organisation, reports straight to the hub. A resident's report (no
    membership) follows the region's setting."""
    organisation = municipality.own_organisation
    if organisation is None:
        return Route.HUB
    if by is not None and by.organisation_id == organisation.pk:
        return Route.FOCAL_OFFICER
    if by is None and not municipality.region.portal_routes_to_hub:
        return Route.FOCAL_OFFICER
    return Route.HUB


def opens_as_hub(by: Membership | None) -> bool:
    return by is not None and by.role == Role.HUB_CASE_MANAGER and by.organisation.is_hub


@transaction.atomic
def open_case(
    *,
    municipality: Municipality,
    by: Membership | None,
    is_acute: bool,
    route: str | None = None,
    involves_minor: bool = False,
) -> Case:
    """Open and route the case of a new report (see the module's rules); `route` is the
    reporter's choice of first stop, None for the default route; `involves_minor` says
    that a presumed victim is a minor (an acute case then alerts Veilig Thuis too)."""
    by_hub = opens_as_hub(by)
    case = Case.objects.create(
        region=municipality.region,
        municipality=municipality,
        status=Status.RECEIVED,
        opened_by_hub=by_hub,
    )
    record_receipt(case, by)
    if is_acute:
        move(case, transition="escalate_acute", actor=by, note=_("Acute danger reported."))
        announce_acute(case, minor=involves_minor)
    elif by_hub or (route or default_route(by, municipality)) == Route.HUB:
        hand_to_hub(case, by=by)
    if by_hub or case.status == Status.RECEIVED:
        notify_focal_officer(case)
    return case


def notify_focal_officer(case: Case) -> None:
    """Tell the municipality's focal officers of a new case: one that waits for them, or one
    the regional hub holds and their municipality must act on."""
    if case.opened_by_hub:
        subject = _("The regional hub informs you of case %(ref)s") % {"ref": case.reference}
        body = _("The regional hub holds a case your municipality must act on.")
    else:
        subject = _("New report for the focal officer: %(ref)s") % {"ref": case.reference}
        body = _("A new report was received for your municipality.")
    notify_users(
        recipients.staff_in_role(case.municipality.own_organisation, Role.FOCAL_OFFICER),
        subject=subject,
        body=body,
        link=case_link(case),
    )
