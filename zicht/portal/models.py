"""What the portal keeps beside the report: the receipt (code + hashed secret),
the message thread with the reporter, and attachments. No row holds the
reporter's address, browser or any other trace of the connection."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.casework.models import Case


class PortalReceipt(models.Model):
    """The reporter's way back to their report: a short code and a secret shown once."""

    report = models.OneToOneField(
        "intake.Report", on_delete=models.CASCADE, related_name="portal_receipt"
    )
    code = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("portal receipt")
        verbose_name_plural = _("portal receipts")

    def __str__(self) -> str:
        return self.code

    @property
    def case(self) -> Case:
        case = self.report.case
        assert case is not None  # a portal report always opens a case
        return case


class Direction(models.TextChoices):
    TO_STAFF = "to_staff", _("From the reporter")
    TO_REPORTER = "to_reporter", _("To the reporter")


class PortalMessage(models.Model):
    """One message of the asynchronous conversation between reporter and staff."""

    receipt = models.ForeignKey(PortalReceipt, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=12, choices=Direction.choices)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.receipt.code} {self.direction} {self.created_at:%Y-%m-%d %H:%M}"


class AttachmentKind(models.TextChoices):
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    PDF = "pdf", "PDF"


class PortalAttachment(models.Model):
    """A photo or PDF sent with a report, stored outside the web root under a random name."""

    report = models.ForeignKey(
        "intake.Report", on_delete=models.CASCADE, related_name="portal_attachments"
    )
    kind = models.CharField(max_length=8, choices=AttachmentKind.choices)
    stored_name = models.CharField(max_length=64, unique=True)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def content_type(self) -> str:
        return {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}[self.kind]

    @property
    def download_name(self) -> str:
        extension = {"jpeg": "jpg", "png": "png", "pdf": "pdf"}[self.kind]
        return f"{self.report.reference}-{self.pk}.{extension}"


class PortalCounter(models.Model):
    """A short-lived counter of attempts (wrong secrets, submissions) per receipt code or
    per rotating salted hash of a client address — never the address itself. Kept in
    the database so that every server process sees the same counts."""

    key = models.CharField(max_length=100, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key
