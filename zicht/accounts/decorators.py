from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from zicht.accounts.membership import current_membership
from zicht.organisations.models import Membership


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
