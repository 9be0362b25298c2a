from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A staff user. Residents never have an account.

    A separate model from the start so that single sign-on (OpenID Connect with a
    municipality's identity provider) can later add its subject identifier here.
    """

    class Meta:
        ordering = ["username"]
