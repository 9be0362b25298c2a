"""Every staff page needs a second factor: a signed-in user without a verified
TOTP device is sent to set one up or to enter a code, whatever URL they ask for."""

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

OPEN_PREFIXES = ("/static/", "/i18n/", "/account/", "/melden/", "/portal/")


class RequireVerifiedStaffMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            return redirect(reverse("accounts:verify"))
        return self.get_response(request)
