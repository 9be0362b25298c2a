"""Shared fixtures: the demo regions and one persona per role, signed in with MFA."""

from __future__ import annotations

import contextlib
import datetime
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.demo.create import create_demo
from zicht.intake.submission import PersonData, ReportData, submit_report
from zicht.organisations.models import Membership, Municipality

ROOT = Path(__file__).resolve().parent


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


# -- other processes: a worker, a server, a command run as an operator would ----------


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for one of Django's database settings (the test database)."""
    auth = settings_dict["USER"] or ""
    if settings_dict.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(settings_dict["PASSWORD"], safe="")
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


@pytest.fixture
def process_env(transactional_db, tmp_path):
    """process_env(**variables) -> the environment of a zicht process (worker, server,
    command) that works on this test's committed database with the production settings
    module; variables are added as ZICHT_<NAME>."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ZICHT_", "DJANGO_", "DATABASE_URL"))
    }
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "zicht.settings",
            "DATABASE_URL": database_url(connection.settings_dict),
            "ZICHT_VAR_DIR": str(tmp_path / "var"),
            "ZICHT_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )

    def make(**variables: object) -> dict[str, str]:
        return {**base, **{f"ZICHT_{key.upper()}": str(value) for key, value in variables.items()}}

    return make


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def free_port():
    """free_port() -> a TCP port on 127.0.0.1 that nothing listens on now."""
    return _free_port


def _wait_for(condition, *, timeout: float, what: str, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"waited {timeout} s for {what}")


@pytest.fixture
def wait_for():
    """wait_for(condition, timeout=, what=) -> the condition's first true value."""
    return _wait_for


def _manage(*arguments: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *arguments]


@pytest.fixture
def spawn():
    """spawn(*command, env=...) -> a Popen in a process group of its own, so that the
    test can kill it and all it started; whatever is still running is killed after the
    test. `spawn.manage(*arguments)` is the command line of this project's manage.py."""
    started: list[subprocess.Popen] = []

    def start(*command: str, env: dict[str, str], **options) -> subprocess.Popen:
        process = subprocess.Popen(  # noqa: S603 — the tests own commands
            command, env=env, cwd=ROOT, start_new_session=True, **options
        )
        started.append(process)
        return process

    start.manage = _manage  # type: ignore[attr-defined]
    yield start
    for process in started:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
