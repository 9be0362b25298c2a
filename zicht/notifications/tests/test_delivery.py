"""A mail server that is down delays a notification but never loses one."""

from unittest import mock

from django.core import mail

from zicht.notifications.delivery import backoff, requeue_undelivered, send_notification
from zicht.notifications.models import Notification


def test_notifications_are_sent_after_commit(make_report):
    make_report()
    notification = Notification.objects.get()
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1
    assert "Kowalska" not in mail.outbox[0].body  # no personal data in e-mail


def test_a_failed_delivery_is_kept_and_retried(make_report):
    with mock.patch("zicht.notifications.delivery.send_mail", side_effect=ConnectionRefusedError):
        make_report()
    notification = Notification.objects.get()
    assert notification.sent_at is None
    assert notification.attempts >= 1
    assert notification.last_error == "ConnectionRefusedError"
    assert requeue_undelivered() == 1
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert len(mail.outbox) == 1


def test_a_sent_notification_is_not_sent_twice(make_report):
    make_report()
    notification = Notification.objects.get()
    assert send_notification(notification.pk) is True
    assert len(mail.outbox) == 1


def test_backoff_grows_and_is_capped():
    assert backoff(1).total_seconds() == 30
    assert backoff(2).total_seconds() == 60
    assert backoff(20).total_seconds() == 3600
