"""Every staff page needs a second factor: a signed-in user without a verified
TOTP device is sent to set one up or to enter a code, whatever URL they ask for."""

from django.shortcuts import redirect
from django.urls import reverse

OPEN_PREFIXES = ("/static/", "/i18n/", "/account/", "/melden/", "/portal/")


class RequireVerifiedStaffMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            return redirect(reverse("accounts:verify"))
        return self.get_response(request)
