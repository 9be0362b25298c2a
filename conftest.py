"""Shared fixtures: the demo regions and one persona per role, signed in with MFA."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.conf import settings
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.demo.create import create_demo
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.organisations.models import Membership, Municipality


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language: a test client's request activates the language
    it asks for in this thread and leaves it active for whatever runs next."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def demo(db):
    create_demo(history=False)


@pytest.fixture
def member(demo):
    def get(username: str) -> Membership:
        return Membership.objects.select_related("organisation", "user").get(
            user__username=username
        )

    return get


@pytest.fixture
def signed_in(client, member):
    """A test client signed in (password + verified TOTP) as the given demo user."""

    def sign_in(username: str):
        membership = member(username)
        client.force_login(membership.user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=membership.user).persistent_id
        session.save()
        return client

    return sign_in


@pytest.fixture
def hengelo(demo):
    return Municipality.objects.get(cbs_code="GM0164")


@pytest.fixture
def make_report(member, hengelo, django_capture_on_commit_callbacks):
    """File a report as a user; what happens after commit (notifications) runs too."""

    def make(
        *,
        by: str = "wijkcoach.hengelo",
        acute: bool = False,
        persons: list[PersonData] | None = None,
        route_to: str | None = None,
        municipality=None,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            report, _ = submit_report(
                submission_key=uuid.uuid4(),
                data=ReportData(
                    source="municipal",
                    municipality=municipality or hengelo,
                    description="Vrouw in woning, lijkt niet vrij te kunnen gaan.",
                    is_acute=acute,
                    exploitation_forms=["sexual"],
                    persons=persons
                    or [
                        PersonData(
                            role="presumed_victim",
                            first_name="Anna",
                            last_name="Kowalska",
                            birth_date=datetime.date(1999, 4, 2),
                            phone="06 12345678",
                        )
                    ],
                ),
                by=member(by) if by else None,
                route_to=route_to,
            )
        return report

    return make


@pytest.fixture
def person():
    """A person of a report for `make_report`, for the tests of apps below intake, which may not
    import intake's `PersonData` (the layers in pyproject.toml)."""

    def make(**fields) -> PersonData:
        return PersonData(**{"role": "presumed_victim", **fields})

    return make
