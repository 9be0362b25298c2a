"""The access log: every read and change of personal data (NEN 7513 pattern).

Entries are append-only: the model refuses updates and deletes, PostgreSQL
refuses them with a trigger (see the migration), and each entry carries the hash
of its predecessor so that a removed or altered entry breaks the chain. The hashes
are keyed (``sealing``), and the head's seal shows a removal of the newest entries.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.audit import sealing
from zicht.organisations.models import Role


class AppendOnlyError(Exception):
    pass


class AccessAction(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    TRANSITION = "transition", _("route step")
    LOOKUP = "lookup", _("known check")
    EXPORT = "export", _("export")
    INVITE = "invite", _("invite")
    # Written by the log itself: the keyed seal over the entries from before the log had a
    # key, or the finding that the head had been altered (see zicht.audit.log).
    SEAL = "seal", _("sealing of the log")
    ANONYMISE = "anonymise", _("anonymise")
    DELETE = "delete", _("delete")


class Purpose(models.TextChoices):
    """Why personal data was read or changed. The stored value is the English text
    the log has always held (the hash chain covers it); the label is what a privacy
    officer reads."""

    CASE_HANDLING = "case handling", _("handling the case")
    REPORT_FOLLOW_UP = "report follow-up", _("following up the report")
    HANDOVER_DECISION = "handover decision", _("deciding on a handover")
    ACCEPTED_HANDOVER = "accepted handover", _("carrying out an accepted handover")
    ENRICHING = "enriching", _("enriching the case")
    CARE_COORDINATION = "care coordination", _("coordinating the victim's care")
    ALREADY_KNOWN_CHECK = "already known check", _("checking whether the person is already known")
    ALREADY_KNOWN_CHECK_REGISTERING = (
        "already known check while registering",
        _("checking whether the person is already known, while registering a report"),
    )
    ANNUAL_REPORT = "annual report", _("annual report")
    EXPORT_COMENSHA = "export comensha", _("export to CoMensha")
    EXPORT_COMENSHA_LEFT_OUT = (
        "export comensha-left-out",
        _("export of the cases left out of the CoMensha export"),
    )
    EXPORT_HTCDS_JSON = "export htcds-json", _("export in the HTCDS standard (JSON)")
    EXPORT_HTCDS_CSV = "export htcds-csv", _("export in the HTCDS standard (CSV)")
    EXPORT_CTDC = "export ctdc", _("aggregate export for CTDC")
    PORTAL_ANSWER = "answer to the portal reporter", _("answer to the reporter via the portal")
    PORTAL_ATTACHMENT = "portal attachment", _("attachment sent via the portal")
    RETENTION = "retention period ended", _("the retention period ended")
    LEGAL_HOLD = "legal hold", _("legal hold on the case")
    SUBJECT_ACCESS = "subject access request", _("answering a request for access (AVG art. 15)")
    RECTIFICATION = "rectification request", _("rectification on request (AVG art. 16)")
    ERASURE = "erasure request", _("erasure on request (AVG art. 17)")

    @classmethod
    def export(cls, kind: str) -> Purpose:
        """The purpose of the monitor's export of this kind (ValueError for an unknown kind)."""
        return cls(f"export {kind}")


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def about_person(self, person_id: int) -> AccessLogQuerySet:
        """The entries that name this involved person."""
        if connection.features.supports_json_field_contains:
            return self.filter(person_ids__contains=[person_id])
        # SQLite (demo): no JSON containment, filter the candidates in Python
        ids = [e.pk for e in self.only("pk", "person_ids") if person_id in e.person_ids]
        return self.filter(pk__in=ids)

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("the access log is append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("the access log is append-only")


class AccessLogEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    username = models.CharField(_("who"), max_length=150)
    organisation_name = models.CharField(_("on behalf of"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=32, blank=True)
    action = models.CharField(_("what"), max_length=16, choices=AccessAction.choices)
    object_type = models.CharField(_("record type"), max_length=50)
    object_id = models.CharField(_("record"), max_length=64, db_index=True)
    person_ids = models.JSONField(_("persons"), default=list, blank=True)
    purpose = models.CharField(_("why"), max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)
    # Which key made the hash (``sealing.key_id``, a fingerprint, not the key); empty for
    # entries from before the key could be rotated.
    key_id = models.CharField(max_length=16, blank=True, default="")

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("the access log is append-only")

    def canonical(self) -> str:
        return sealing.canonical(self)

    @property
    def role_label(self) -> str:
        """The role in the reader's language; an unknown stored code as it was written."""
        if self.role in Role.values:
            return str(Role(self.role).label)
        return self.role

    @property
    def purpose_label(self) -> str:
        """The purpose in the reader's language; an unknown stored value as it was written."""
        if self.purpose in Purpose.values:
            return str(Purpose(self.purpose).label)
        return self.purpose

    def compute_hash(self, key: bytes | None = None) -> str:
        """The entry's keyed hash (under the log's current key unless `key` is given)."""
        return sealing.entry_hash(self, key if key is not None else sealing.key())


class ChainHead(models.Model):
    """One row holding the newest entry's hash and its keyed seal; locking it serialises
    appends."""

    last_hash = models.CharField(max_length=64)
    seal = models.CharField(max_length=64, blank=True)


class Checkpoint(models.Model):
    """An anchor of the chain: the entry it names, that entry's hash, its position in the chain
    counted from the first entry ever written, and when, under a keyed seal. Checkpoints are
    written every night (and at a key switch), kept here and appended to a file outside the
    database (``ZICHT_ACCESS_LOG_CHECKPOINT_FILE``). The entries up to a checkpoint may then be
    removed (retention): verification starts from the checkpoint instead of the first entry."""

    # The hash of the first entry the log ever had: which log this is (an exported file may
    # hold the checkpoints of another installation, or of a demo database made afresh).
    chain = models.CharField(max_length=64)
    entry_id = models.BigIntegerField(unique=True)
    entry_hash = models.CharField(max_length=64)
    count = models.BigIntegerField()
    at = models.DateTimeField(default=timezone.now)
    key_id = models.CharField(max_length=16)
    seal = models.CharField(max_length=64)

    class Meta:
        ordering = ["entry_id"]
        get_latest_by = "entry_id"
        verbose_name = _("access log checkpoint")
        verbose_name_plural = _("access log checkpoints")

    def as_record(self) -> dict[str, Any]:
        """The checkpoint as it is exported (one JSON line)."""
        return {
            "chain": self.chain,
            "entry": self.entry_id,
            "hash": self.entry_hash,
            "count": self.count,
            "at": self.at.isoformat(),
            "key": self.key_id,
            "seal": self.seal,
        }
