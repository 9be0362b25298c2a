from zicht.organisations.acting import current_membership, memberships_of


def membership(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "membership": current_membership(request),
        "memberships": memberships_of(request.user),
    }
