from collections.abc import Callable

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

# The languages of the staff interface (the portal offers more, to residents without an account).
STAFF_LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]


class User(AbstractUser):
    """A staff user. Residents never have an account.

    A separate model from the start so that single sign-on (OpenID Connect with a
    municipality's identity provider) can later add its subject identifier here.
    """

    # The interface language the user chose (the language switch in the header); the
    # notifications they receive are written in it, whoever caused them.
    language = models.CharField(_("language"), max_length=8, choices=STAFF_LANGUAGES, default="nl")

    # Whether this session passed the second factor: django-otp's OTPMiddleware sets it
    # on the signed-in user of every request. Declared for type checking, not a field.
    is_verified: Callable[[], bool]

    class Meta:
        ordering = ["username"]
