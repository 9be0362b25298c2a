"""A mail server that is down delays a notification but never loses one; a notification
being sent by one worker is not sent by another."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from zicht.notifications.delivery import (
    backoff,
    message_id,
    notify_address,
    requeue_undelivered,
    send_notification,
)
from zicht.notifications.models import Notification


@pytest.fixture
def smtp_refused(settings, free_port):
    """Mail goes by SMTP to a local port where nothing listens: the connection is refused."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 5},
        }
    }
    return settings


def test_notifications_are_sent_after_commit(make_report):
    make_report()
    notification = Notification.objects.get()
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1
    assert "Kowalska" not in mail.outbox[0].body  # no personal data in e-mail
    assert mail.outbox[0].extra_headers["Message-ID"] == message_id(notification)


def test_a_failed_delivery_is_kept_and_retried(make_report, smtp_refused, settings):
    make_report()
    notification = Notification.objects.get()
    assert notification.sent_at is None
    assert notification.attempts >= 1
    assert notification.last_error == "ConnectionRefusedError"
    assert notification.claimed_until is None  # a failed attempt lets go at once

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert requeue_undelivered() == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1


def test_a_sent_notification_is_not_sent_twice(make_report):
    make_report()
    notification = Notification.objects.get()
    outcome = send_notification(notification.pk)
    assert not outcome.sent
    assert outcome.retry_at is None
    assert len(mail.outbox) == 1


def test_a_notification_another_worker_is_sending_is_left_to_it(db, member):
    user = member("hub.twente").user
    held_until = timezone.now() + datetime.timedelta(minutes=5)
    notification = Notification.objects.create(
        recipient=user, email=user.email, subject="s", body="b", claimed_until=held_until
    )
    outcome = send_notification(notification.pk)
    assert not outcome.sent
    assert outcome.retry_at == held_until  # looked at again when the claim ends
    assert mail.outbox == []


def test_a_claim_that_ran_out_is_taken_over(db, member):
    user = member("hub.twente").user
    notification = Notification.objects.create(
        recipient=user,
        email=user.email,
        subject="s",
        body="b",
        claimed_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert send_notification(notification.pk).sent
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert notification.claimed_until is None
    assert len(mail.outbox) == 1


def test_the_message_id_comes_from_the_notification(db):
    first = notify_address(email="a@example.org", subject="s", body="b")
    second = notify_address(email="a@example.org", subject="s", body="b")
    assert message_id(first) == message_id(Notification.objects.get(pk=first.pk))
    assert message_id(first) != message_id(second)
    assert re.fullmatch(r"<notification\.\d+\.\d+@[\w.-]+>", message_id(first))


def test_backoff_grows_and_is_capped():
    assert backoff(1).total_seconds() == 30
    assert backoff(2).total_seconds() == 60
    assert backoff(20).total_seconds() == 3600
