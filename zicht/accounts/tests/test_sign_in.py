"""Password plus TOTP for every staff account; lockout; invitation only."""

import datetime
import re
import time

import pytest
from django.core import mail
from django.urls import reverse

from zicht.demo.organisations import DEMO_PASSWORD, DEMO_USERS, demo_code
from zicht.organisations.models import Membership, Organisation


def _password(client, username, password=DEMO_PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_password_alone_does_not_open_zicht(client, demo):
    _password(client, "hub.twente")
    response = client.get(reverse("casework:inbox"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")


def test_password_and_the_current_code_open_zicht(client, demo):
    _password(client, "hub.twente")
    response = client.post(reverse("accounts:verify"), {"token": demo_code("hub.twente")})
    assert response.status_code == 302
    assert client.get(reverse("casework:inbox")).status_code == 200


def test_two_demo_users_sign_in_within_one_code_window(client, demo, time_machine):
    """Switching roles in the demo: each user has a key of its own, so two users signing in
    during the same 30 seconds each get in with their own code."""
    window = datetime.datetime(2026, 3, 2, 9, 0, 0, tzinfo=datetime.UTC)  # a multiple of 30 s
    time_machine.move_to(window)
    codes = {username: demo_code(username) for username, *_ in DEMO_USERS}
    assert len(set(codes.values())) == len(codes)
    for username in ("hub.twente", "afm.hengelo"):
        client.logout()
        _password(client, username)
        signed = client.post(reverse("accounts:verify"), {"token": codes[username]})
        assert signed.status_code == 302
        inbox = client.get(reverse("casework:inbox"))
        assert inbox.status_code == 200
        assert inbox.wsgi_request.user.username == username
    assert time.time() - window.timestamp() < 30  # still the same window


def test_a_wrong_code_is_refused(client, demo):
    _password(client, "hub.twente")
    response = client.post(reverse("accounts:verify"), {"token": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get(reverse("casework:inbox")).status_code == 302


def test_repeated_failures_lock_the_account(client, demo, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password(client, "hub.twente", "wrong-password")
    response = _password(client, "hub.twente")  # the right password, too late
    assert response.status_code in (403, 429)
    assert client.get(reverse("casework:inbox")).status_code == 302


def test_there_is_no_self_registration(client, demo):
    """Accounts come only from an administrator's invitation: anonymous invites go nowhere."""
    from zicht.accounts.models import User

    users_before = User.objects.count()
    response = client.post(
        reverse("accounts:invite"),
        {
            "email": "ik@example.org",
            "first_name": "Ik",
            "last_name": "Zelf",
            "organisation": Organisation.objects.first().pk,
            "role": "hub_case_manager",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert User.objects.count() == users_before


def test_an_administrator_invites_a_user_who_sets_a_password_then_mfa(
    signed_in, demo, django_capture_on_commit_callbacks
):
    admin_client = signed_in("beheer")
    organisation = Organisation.objects.get(name="Gemeente Almelo")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("accounts:invite"),
            {
                "email": "nieuw@almelo.example",
                "first_name": "Nieuwe",
                "last_name": "Collega",
                "organisation": organisation.pk,
                "role": "focal_officer",
            },
        )
    assert response.status_code == 302
    assert Membership.objects.filter(
        user__username="nieuw@almelo.example", role="focal_officer"
    ).exists()
    link = re.search(r"http\S+/account/uitnodiging/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("8000", 1)[-1] if "8000" in link else "/" + link.split("/", 3)[3]
    admin_client.logout()
    page = admin_client.get(path, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else path
    done = admin_client.post(
        form_url,
        {"new_password1": "een-lang-wachtwoord-42", "new_password2": "een-lang-wachtwoord-42"},
    )
    assert done.status_code == 302
    _password(admin_client, "nieuw@almelo.example", "een-lang-wachtwoord-42")
    setup = admin_client.get(reverse("accounts:verify"))
    assert setup.context["setting_up"] is True


@pytest.mark.parametrize("username", ["wijkcoach.hengelo", "hub.twente", "analist.twente"])
def test_only_administrators_invite(signed_in, username):
    assert signed_in(username).get(reverse("accounts:invite")).status_code == 403


@pytest.mark.parametrize("username", ["x" * 151, "x" * 301, "ß" * 200])
def test_a_user_name_longer_than_any_account_is_refused_with_a_message(client, demo, username):
    """The lock-out's record of a failed sign-in keeps at most 255 characters: a longer name
    made a 500 instead of "wrong name or password"."""
    response = _password(client, username, "whatever-it-is")
    assert response.status_code == 200
    assert response.context["form"].errors
