"""A worker killed while it sends an e-mail: the notification still goes out, once.

A real worker process (`manage.py db_worker`) sends to a real SMTP server (aiosmtpd on
127.0.0.1) that holds the first message without answering; the test kills the worker
with SIGKILL at that moment. A second worker, started as after a restart, must take the
task back once the first one's lease has run out, and the mail server must accept the
e-mail exactly once."""

import os
import signal
import time

import pytest
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from zicht.notifications.delivery import message_id, notify_address
from zicht.notifications.models import Notification

pytestmark = pytest.mark.slow

LEASE_SECONDS = 2


@pytest.fixture
def database_tasks(settings):
    """Tasks go into the database, as in production, for a worker process to run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_notification_whose_worker_was_killed_mid_send_is_sent_once(
    database_tasks, process_env, spawn, mail_server, wait_for
):
    server = mail_server(hold_first=True)
    notification = notify_address(
        email="hub@example.org", subject="Nieuwe melding C-2026-000001", body="Zie zicht."
    )
    env = process_env(
        email_backend="django.core.mail.backends.smtp.EmailBackend",
        email_host="127.0.0.1",
        email_port=server.port,
        task_lease_seconds=LEASE_SECONDS,
    )
    worker = ["db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]

    first = spawn(*spawn.manage(*worker), env=env)
    assert server.recorder.holding.wait(timeout=60), "the worker never started sending"
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    server.recorder.release.set()

    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.RUNNING  # what the dead worker left behind
    notification.refresh_from_db()
    assert notification.sent_at is None
    assert server.accepted == []

    spawn(*spawn.manage(*worker), env=env)
    wait_for(
        lambda: Notification.objects.filter(pk=notification.pk, sent_at__isnull=False).exists(),
        timeout=60,
        what="the e-mail to be sent after the worker was killed",
    )
    time.sleep(2 * LEASE_SECONDS)  # long enough for any second sending to show
    assert [(mail.to, mail.message_id) for mail in server.accepted] == [
        (["hub@example.org"], message_id(notification))
    ]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(task.worker_ids) == 2
