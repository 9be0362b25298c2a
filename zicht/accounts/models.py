from collections.abc import Callable

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A staff user. Residents never have an account.

    A separate model from the start so that single sign-on (OpenID Connect with a
    municipality's identity provider) can later add its subject identifier here.
    """

    # Whether this session passed the second factor: django-otp's OTPMiddleware sets it
    # on the signed-in user of every request. Declared for type checking, not a field.
    is_verified: Callable[[], bool]

    class Meta:
        ordering = ["username"]
