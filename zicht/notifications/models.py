"""Notifications: an in-app message and an e-mail, kept until the e-mail is delivered.

Notifications never carry personal data: only a case reference, a municipality
and a link into zicht, where the visibility rules and the access log apply.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    email = models.EmailField(_("e-mail address"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=300, blank=True)
    is_urgent = models.BooleanField(_("urgent"), default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # While a worker sends the e-mail it holds the notification until this moment; a
    # second task for the same notification meanwhile sends nothing (delivery.py).
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-is_urgent", "-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject


class ReminderClaim(models.Model):
    """A reminder that was sent: one row per kind, record and date, so that each reminder
    goes out once however often (or by however many workers) the reminders run. The
    unique constraint is the claim: whoever inserts the row sends the reminder."""

    kind = models.CharField(max_length=64)
    object_id = models.BigIntegerField()
    for_date = models.DateField()
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "for_date"], name="one_reminder_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.for_date}"
