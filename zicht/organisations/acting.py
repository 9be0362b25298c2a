"""The membership (organisation + role) a signed-in user is acting in, and the guard of
every staff view that needs one."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from zicht.organisations.models import Membership

SESSION_KEY = "zicht_membership_id"


def memberships_of(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.active()
        .filter(user=user)
        .select_related("organisation", "organisation__region", "organisation__municipality")
        .order_by("organisation__name", "role")
    )


def current_membership(request: HttpRequest) -> Membership | None:
    """The membership chosen in this session, or the only one the user has."""
    cached = getattr(request, "_zicht_membership", None)
    if cached is not None:
        return cached
    memberships = memberships_of(request.user)
    chosen = None
    wanted = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.pk == wanted:
            chosen = membership
    if chosen is None and memberships:
        chosen = memberships[0]
    request._zicht_membership = chosen  # type: ignore[attr-defined]
    return chosen


def choose_membership(request: HttpRequest, membership_id: int) -> bool:
    if any(m.pk == membership_id for m in memberships_of(request.user)):
        request.session[SESSION_KEY] = membership_id
        request._zicht_membership = None  # type: ignore[attr-defined]
        return True
    return False


class MemberRequest(HttpRequest):
    """The request a view behind `membership_required` receives (for type checking)."""

    membership: Membership


def membership_required(view=None, *, roles=None):
    """Signed in, second factor verified (middleware) and acting in a membership;
    with `roles`, only those roles may open the view."""

    def decorate(view_func):
        @login_required
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            membership = current_membership(request)
            if membership is None or (roles and membership.role not in roles):
                raise PermissionDenied
            request.membership = membership
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
