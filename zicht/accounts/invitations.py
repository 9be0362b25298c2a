"""Inviting staff: there is no self-registration; an administrator invites a user."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy

from zicht.accounts.models import User
from zicht.audit.log import record_change
from zicht.notifications.delivery import notify_address
from zicht.organisations.models import Membership, Organisation


def invitation_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:accept_invitation", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def invite_user(
    *,
    invited_by: Membership,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation,
    role: str,
) -> User:
    """Create an account without a usable password and mail a one-time link to set it.

    The user chooses a password and then sets up a TOTP device at first sign-in.
    """
    user, _created = User.objects.get_or_create(
        username=email.lower(),
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    if _created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    record_change(
        membership=invited_by,
        action="invite",
        obj=user,
        detail={"organisation": organisation.pk, "role": role},
    )
    notify_address(
        email=user.email,
        subject=gettext_lazy("You have been invited to zicht"),
        body_path=invitation_path(user),
        body=gettext_lazy(
            "Open this link to choose your password and set up your authenticator app:"
        ),
        language=user.language,
    )
    return user
