"""The mail server is down for an hour: notifications wait, and go out once when it is back.

The notification task runs in the real database worker (`db_worker --batch`, in this
process) against a real SMTP port on 127.0.0.1: first nothing listens there (connection
refused), an hour later an SMTP server does. time-machine moves the clock through the hour."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from zicht.notifications.delivery import message_id, notify_address
from zicht.notifications.models import Notification


@pytest.fixture
def smtp_at(settings, transactional_db):
    """Tasks into the database; mail by SMTP to 127.0.0.1:<port>."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def point(port: int) -> None:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
            }
        }

    return point


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_notifications_wait_for_the_mail_server_and_go_out_once(smtp_at, free_port, mail_server):
    port = free_port()
    smtp_at(port)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        notification = notify_address(email="hub@example.org", subject="C-1", body="Zie zicht.")
        for _minute in range(0, 60, 5):  # the server is down: every due attempt fails
            run_worker()
            clock.shift(datetime.timedelta(minutes=5))
        notification.refresh_from_db()
        assert notification.sent_at is None
        assert notification.last_error == "ConnectionRefusedError"
        assert 5 <= notification.attempts <= 8  # backing off: 30 s, 1, 2, 4 … minutes
        assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1

        server = mail_server(port=port)  # back, an hour later
        clock.shift(datetime.timedelta(hours=1))  # the longest back-off
        run_worker()
        clock.shift(datetime.timedelta(hours=2))
        run_worker()

    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert [(mail.to, mail.message_id) for mail in server.accepted] == [
        (["hub@example.org"], message_id(notification))
    ]
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0
