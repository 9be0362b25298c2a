"""Creating notifications and delivering their e-mail through the task worker.

A notification row is written in the same transaction as the change it reports;
its e-mail is queued only after that transaction commits. The row is marked sent
only after the mail server accepted it, so a mail server that is down delays a
notification but never loses one: the task re-queues itself with a back-off, and
`manage.py deliver_notifications` re-queues anything still unsent after a crash.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from zicht.notifications.models import Notification

logger = logging.getLogger(__name__)

MAX_BACKOFF = datetime.timedelta(hours=1)

_as_history: ContextVar[bool] = ContextVar("notifications_as_history", default=False)


@contextmanager
def as_history() -> Iterator[None]:
    """Notifications written inside this block describe the past (the demo's generated
    history): they are kept, marked sent and read at the moment they were written, and
    never e-mailed, so that replaying three years does not flood anybody's mailbox."""
    token = _as_history.set(True)
    try:
        yield
    finally:
        _as_history.reset(token)


def _create(**fields) -> Notification:
    if _as_history.get():
        fields["sent_at"] = fields["read_at"] = timezone.now()
    notification = Notification.objects.create(**fields)
    if notification.sent_at is None:
        _queue_after_commit(notification.pk)
    return notification


def _absolute(link: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{link}" if link else settings.SITE_URL


def notify_users(
    users: Iterable, *, subject: str, body: str, link: str = "", urgent: bool = False
) -> list[Notification]:
    created = []
    seen = set()
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        created.append(
            _create(
                recipient=user,
                email=user.email,
                subject=subject,
                body=body,
                link=link,
                is_urgent=urgent,
            )
        )
    return created


def notify_address(*, email: str, subject: str, body: str, body_path: str = "") -> Notification:
    return _create(email=email, subject=subject, body=body, link=body_path)


def _queue_after_commit(notification_id: int) -> None:
    transaction.on_commit(lambda: deliver_notification.enqueue(notification_id))


def backoff(attempts: int) -> datetime.timedelta:
    return min(datetime.timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def send_notification(notification_id: int) -> bool:
    """Send one notification's e-mail; True when sent (now or before)."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.sent_at is not None:
            return True
        if not notification.email:
            return True
        try:
            send_mail(
                subject=notification.subject,
                message=f"{notification.body}\n\n{_absolute(notification.link)}",
                from_email=None,
                recipient_list=[notification.email],
            )
        except Exception as error:  # the mail server's failure is ours to retry
            notification.attempts += 1
            notification.last_error = type(error).__name__
            notification.save(update_fields=["attempts", "last_error"])
            logger.warning(
                "notification %s not delivered: %s", notification.pk, notification.last_error
            )
            return False
        notification.attempts += 1
        notification.sent_at = timezone.now()
        notification.last_error = ""
        notification.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


@task
def deliver_notification(notification_id: int) -> None:
    if not send_notification(notification_id):
        attempts = Notification.objects.get(pk=notification_id).attempts
        deliver_notification.using(run_after=timezone.now() + backoff(attempts)).enqueue(
            notification_id
        )


def requeue_undelivered() -> int:
    pending = list(
        Notification.objects.filter(sent_at__isnull=True)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    for notification_id in pending:
        deliver_notification.enqueue(notification_id)
    return len(pending)
