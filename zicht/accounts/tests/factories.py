"""Staff users for tests; with `with_totp_device=True` the user can pass the second factor."""

from __future__ import annotations

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import User

PASSWORD = "a-test-password-of-some-length"
TOTP_KEY = "3132333435363738393031323334353637383930"


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory("zicht.accounts.tests.factories.UserFactory")
    name = "test"
    key = TOTP_KEY
    confirmed = True


class UserFactory(factory.django.DjangoModelFactory):
    """A staff user who can sign in with PASSWORD (and, with a device, TOTP_KEY)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        with_totp_device = factory.Trait(
            totp_device=factory.RelatedFactory(TOTPDeviceFactory, factory_related_name="user")
        )

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Medewerker {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@test.zicht.invalid")
    password = factory.django.Password(PASSWORD)
