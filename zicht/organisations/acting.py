"""The membership (organisation + role) a signed-in user is acting in, and the guard of
every staff view that needs one."""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, cast, overload

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django_htmx.middleware import HtmxDetails

from zicht.organisations.models import Membership

if TYPE_CHECKING:
    # django-stubs' name for the configured user model (zicht.accounts.User); the
    # accounts app sits in a layer above this one, so its model is not imported here.
    from django.contrib.auth.models import _User

SESSION_KEY = "zicht_membership_id"


def memberships_of(user: _User | AnonymousUser) -> list[Membership]:
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


class SignedInRequest(HttpRequest):
    """The request a view behind `login_required` receives (for type checking)."""

    user: _User


class MemberRequest(SignedInRequest):
    """The request a view behind `membership_required` receives (for type checking)."""

    membership: Membership
    htmx: HtmxDetails  # set on every request by django-htmx's middleware


# A view as written (it receives the acting membership) and as guarded (any request).
type MemberView[**P, R: HttpResponseBase] = Callable[Concatenate[MemberRequest, P], R]
type GuardedView[**P, R: HttpResponseBase] = Callable[Concatenate[HttpRequest, P], R]


@overload
def membership_required[**P, R: HttpResponseBase](
    view: MemberView[P, R], *, roles: Collection[str] | None = None
) -> GuardedView[P, R]: ...


@overload
def membership_required[**P, R: HttpResponseBase](
    view: None = None, *, roles: Collection[str] | None = None
) -> Callable[[MemberView[P, R]], GuardedView[P, R]]: ...


def membership_required[**P, R: HttpResponseBase](
    view: MemberView[P, R] | None = None, *, roles: Collection[str] | None = None
) -> GuardedView[P, R] | Callable[[MemberView[P, R]], GuardedView[P, R]]:
    """Signed in, second factor verified (middleware) and acting in a membership;
    with `roles`, only those roles may open the view."""

    def decorate(view_func: MemberView[P, R]) -> GuardedView[P, R]:
        @login_required
        @wraps(view_func)
        def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> R:
            membership = current_membership(request)
            if membership is None or (roles and membership.role not in roles):
                raise PermissionDenied
            member_request = cast(MemberRequest, request)
            member_request.membership = membership
            return view_func(member_request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate
