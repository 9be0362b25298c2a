"""`manage.py demo_code`: the current second-factor code of one demo user, or of all."""

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.tests.factories import UserFactory
from zicht.demo.organisations import DEMO_USERS, demo_code


def test_one_user_gets_the_code_their_device_accepts(demo, capsys, time_machine):
    time_machine.move_to("2026-05-04 09:00:01+02:00", tick=False)
    call_command("demo_code", "vt.twente")
    code = capsys.readouterr().out.strip()
    assert code == demo_code("vt.twente")
    assert TOTPDevice.objects.get(user__username="vt.twente").verify_token(code)
    assert not TOTPDevice.objects.get(user__username="hub.twente").verify_token(code)


def test_without_a_user_name_every_demo_user_is_listed_with_their_code(demo, capsys):
    call_command("demo_code")
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [name for name, *_ in DEMO_USERS]
    assert len({line.index(line.split()[1]) for line in lines}) == 1  # codes in one column
    assert {line.split()[1] for line in lines} == {demo_code(name) for name, *_ in DEMO_USERS}


@pytest.mark.django_db
def test_no_code_for_an_account_the_demo_did_not_make(demo):
    UserFactory(username="echte.collega", with_totp_device=True)
    with pytest.raises(CommandError, match="not a demo user"):
        call_command("demo_code", "echte.collega")
