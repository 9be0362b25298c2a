"""Sign-in with password and TOTP, first-time TOTP set-up, role choice and invitations."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.forms import InviteForm, SignInForm, TokenForm
from zicht.accounts.invitations import invite_user
from zicht.accounts.models import User
from zicht.accounts.preferences import choose_language
from zicht.organisations.acting import (
    MemberRequest,
    SignedInRequest,
    choose_membership,
    membership_required,
)
from zicht.organisations.models import Role


class ZichtLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode()


@login_required
def verify(request: SignedInRequest) -> HttpResponse:
    """Second factor: enter the TOTP code, or set up the app at first sign-in."""
    user = request.user
    if user.is_verified():
        return redirect("casework:inbox")
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = confirmed or TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="zicht", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["token"]):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            response = redirect(request.GET.get("next") or "casework:inbox")
            # The interface opens in the language the user chose before.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
            return response
        form.add_error("token", _("This code is not correct or has expired. Try the current code."))
    context = {"form": form, "setting_up": not device.confirmed}
    if not device.confirmed:
        context["qr_svg"] = _qr_svg(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/verify.html", context)


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """The header's language switch: Django's own, and for a signed-in user the choice is
    remembered (their next sign-in and their notifications use it)."""
    response = i18n.set_language(request)
    if isinstance(request.user, User):
        choose_language(user=request.user, language=request.POST.get("language", ""))
    return response


@require_POST
@login_required
def choose_role(request: HttpRequest) -> HttpResponse:
    try:
        membership_id = int(request.POST.get("membership", ""))
    except ValueError:
        membership_id = 0
    if not choose_membership(request, membership_id):
        messages.error(request, _("That role is not yours."))
    return redirect("casework:inbox")


@membership_required(roles=[Role.ADMINISTRATOR])
def invite(request: MemberRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = invite_user(invited_by=request.membership, **form.cleaned_data)
        messages.success(request, _("An invitation was sent to %(email)s.") % {"email": user.email})
        return redirect("accounts:invite")
    return render(request, "accounts/invite.html", {"form": form})


class AcceptInvitationView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/accept_invitation.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False
