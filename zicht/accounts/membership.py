"""Which membership (organisation + role) a signed-in user is acting in."""

from __future__ import annotations

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
