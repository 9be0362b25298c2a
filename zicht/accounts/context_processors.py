from django.http import HttpRequest

from zicht.organisations.acting import current_membership, memberships_of
from zicht.organisations.models import Membership


def membership(request: HttpRequest) -> dict[str, Membership | list[Membership] | None]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "membership": current_membership(request),
        "memberships": memberships_of(request.user),
    }
