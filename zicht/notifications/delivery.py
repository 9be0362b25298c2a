"""Creating notifications and delivering their e-mail through the task worker.

A notification row is written in the same transaction as the change it reports;
its e-mail is queued only after that transaction commits. The row is marked sent
only after the mail server accepted it, so a mail server that is down delays a
notification but never loses one: the task re-queues itself with a back-off. A worker
that dies while sending leaves its task running; the worker's lease ends and another
worker runs the task again (zicht/worker/recovery.py). Delivery is therefore at least
once, and duplicates are avoided where they can be: a sender claims the notification
for the lease, and the e-mail's Message-ID comes from the notification, so a copy sent
again after a crash at the worst moment is recognisable as the same e-mail.
`manage.py deliver_notifications` re-queues everything still unsent by hand.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise

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


@dataclass(frozen=True)
class Text:
    """A notification's subject or body, put into words for each recipient in the language
    that recipient prefers (not the language of whoever caused the notification).

    `message` is marked for translation with `gettext_lazy`; `params` fill its
    `%(name)s` placeholders: a lazy string (a choice's label) is translated too, a date is
    written in the recipient's notation, anything else as it is (a case reference, a
    name, a note someone typed)."""

    message: str | Promise
    params: Mapping[str, Any] = field(default_factory=dict)


Words = Text | str | Promise


def _param(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, Promise):
        return str(value)
    return value


def render(words: Words, language: str) -> str:
    """The one place a notification's words are translated: in `language`, with the
    parameters in that language's notation. A plain `str` was typed by a person and is
    kept as it is."""
    with translation.override(language):
        if isinstance(words, Text):
            text = str(words.message)
            return text % {name: _param(value) for name, value in words.params.items()}
        return str(words)


def language_of(user: Any) -> str:
    """The language the user chose for the interface (the accounts' `language` field);
    the site's language for anyone without one."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


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
    users: Iterable, *, subject: Words, body: Words, link: str = "", urgent: bool = False
) -> list[Notification]:
    """One notification per active user, its words in that user's own language."""
    created = []
    seen = set()
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        language = language_of(user)
        created.append(
            _create(
                recipient=user,
                email=user.email,
                subject=render(subject, language),
                body=render(body, language),
                link=link,
                is_urgent=urgent,
            )
        )
    return created


def notify_address(
    *, email: str, subject: Words, body: Words, body_path: str = "", language: str = ""
) -> Notification:
    """An e-mail to an address without an account (yet): in `language`, or the site's."""
    language = language or settings.LANGUAGE_CODE
    return _create(
        email=email,
        subject=render(subject, language),
        body=render(body, language),
        link=body_path,
    )


def _queue_after_commit(notification_id: int) -> None:
    transaction.on_commit(lambda: deliver_notification.enqueue(notification_id))


def backoff(attempts: int) -> datetime.timedelta:
    return min(datetime.timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def message_id(notification: Notification) -> str:
    """The e-mail's Message-ID, derived from the notification alone: if a worker dies
    after the mail server accepted the e-mail but before `sent_at` was written, the
    e-mail sent again carries the same Message-ID, so mail servers and programs can
    recognise (and drop) the second copy."""
    host = urlsplit(settings.SITE_URL).hostname or "zicht.invalid"
    created = int(notification.created_at.timestamp())
    return f"<notification.{notification.pk}.{created}@{host}>"


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to: `retry_at` is when to try again (None: done)."""

    sent: bool
    retry_at: datetime.datetime | None = None


DONE = Outcome(sent=False)


def _claim(notification_id: int) -> Notification | Outcome:
    """Hold the notification for this worker for one lease (a conditional UPDATE, so
    two workers never both hold it); or say why there is nothing to send now."""
    now = timezone.now()
    unsent = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).exclude(email="")
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)
    if unsent.filter(free).update(claimed_until=now + settings.TASK_LEASE):
        return Notification.objects.get(pk=notification_id)
    held = unsent.values_list("claimed_until", flat=True).first()
    # Another worker holds it: look again when its hold ends, in case that worker died.
    return Outcome(sent=False, retry_at=held) if held else DONE


def send_notification(notification_id: int) -> Outcome:
    """Send one notification's e-mail, at most once per lease; `sent_at` is written in
    the same UPDATE that lets go of the claim, only after the mail server accepted."""
    claimed = _claim(notification_id)
    if isinstance(claimed, Outcome):
        return claimed
    notification = claimed
    try:
        EmailMessage(
            subject=notification.subject,
            body=f"{notification.body}\n\n{_absolute(notification.link)}",
            to=[notification.email],
            headers={"Message-ID": message_id(notification)},
        ).send()
    except Exception as error:  # the mail server's failure is ours to retry
        attempts = notification.attempts + 1
        Notification.objects.filter(pk=notification.pk).update(
            attempts=attempts, last_error=type(error).__name__, claimed_until=None
        )
        logger.warning("notification %s not delivered: %s", notification.pk, type(error).__name__)
        return Outcome(sent=False, retry_at=timezone.now() + backoff(attempts))
    Notification.objects.filter(pk=notification.pk).update(
        attempts=F("attempts") + 1, sent_at=timezone.now(), last_error="", claimed_until=None
    )
    return Outcome(sent=True)


@task
def deliver_notification(notification_id: int) -> None:
    outcome = send_notification(notification_id)
    if outcome.retry_at is not None:
        deliver_notification.using(run_after=outcome.retry_at).enqueue(notification_id)


def requeue_undelivered() -> int:
    pending = list(
        Notification.objects.filter(sent_at__isnull=True)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    for notification_id in pending:
        deliver_notification.enqueue(notification_id)
    return len(pending)
