"""What the privacy app keeps: the retention rules (as data, each with its legal source), legal
holds on cases, the nightly runs, which cases were anonymised, and the requests of persons
exercising their rights under the AVG (GDPR) with what was done for them."""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.intake.models import InvolvedPerson


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier); the month's last day where it is shorter:
    31 January + 1 month is 28 (29) February, as AVG art. 12(3) deadlines are counted."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


class RecordType(models.TextChoices):
    """The kinds of record a retention rule applies to."""

    REPORT_WITHOUT_FOLLOW_UP = (
        "report_without_follow_up",
        _("Reports that led to nothing (case closed without indication)"),
    )
    CLOSED_CASE = "closed_case", _("Closed cases with their reports and persons")
    PORTAL_CONVERSATION = "portal_conversation", _("Portal receipts and messages")
    PORTAL_ATTACHMENT = "portal_attachment", _("Portal attachments")
    ACCESS_LOG = "access_log", _("Access log")
    LINKAGE_RUN = "linkage_run", _("Superseded linkage runs")
    NOTIFICATION = "notification", _("Sent notifications")
    CARE_TRAJECTORY = "care_trajectory", _("Closed care trajectories of adults (Wmo 2015)")
    CARE_TRAJECTORY_YOUTH = (
        "care_trajectory_youth",
        _("Closed care trajectories of victims who were minors (Jeugdwet)"),
    )


# When a record's period starts: what the keepers in retention.py count from.
COUNTED_FROM = {
    RecordType.REPORT_WITHOUT_FOLLOW_UP: _("the day the case was closed"),
    RecordType.CLOSED_CASE: _("the day the case was closed"),
    RecordType.PORTAL_CONVERSATION: _("the day the case was closed"),
    RecordType.PORTAL_ATTACHMENT: _("the day the case was closed"),
    RecordType.ACCESS_LOG: _("the day of the entry"),
    RecordType.LINKAGE_RUN: _("the next linkage run of the region"),
    RecordType.NOTIFICATION: _("the day the notification was made (once sent)"),
    RecordType.CARE_TRAJECTORY: _("the day the care trajectory was closed"),
    RecordType.CARE_TRAJECTORY_YOUTH: _("the day the care trajectory was closed"),
}


class RetentionAction(models.TextChoices):
    ANONYMISE = "anonymise", _("anonymise")
    DELETE = "delete", _("delete")
    KEEP = "keep", _("keep (not removed automatically)")


class RetentionRule(models.Model):
    """How long one kind of record is kept, from when, what happens then, and on which legal
    ground. The nightly run, its preview and the portal's privacy statement all read these
    rows: one source. The administrator may change the periods in the admin."""

    record_type = models.CharField(
        _("record type"), max_length=32, choices=RecordType.choices, unique=True
    )
    months = models.PositiveSmallIntegerField(_("retention period (months)"))
    action = models.CharField(_("then"), max_length=16, choices=RetentionAction.choices)
    legal_source = models.CharField(_("legal source"), max_length=300)

    class Meta:
        ordering = ["months", "record_type"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        return str(self.get_record_type_display())

    @property
    def counted_from(self) -> str:
        return str(COUNTED_FROM[RecordType(self.record_type)])

    def cutoff(self, at: datetime.datetime) -> datetime.datetime:
        """Records whose period started before this moment have expired at ``at``."""
        local = timezone.localtime(at)
        day = add_months(local.date(), -self.months)
        return local.replace(year=day.year, month=day.month, day=day.day)


class LegalHoldQuerySet(models.QuerySet["LegalHold"]):
    def active(self) -> LegalHoldQuerySet:
        return self.filter(lifted_at__isnull=True)


class LegalHold(models.Model):
    """While a hold is active on a case (an investigation, a complaint, a court case), nothing
    of the case is deleted or anonymised, whatever the retention rules say."""

    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    placed_at = models.DateTimeField(default=timezone.now)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(lifted_at__isnull=True),
                name="one_active_hold_per_case",
            )
        ]


class RetentionRun(models.Model):
    """One run of the retention rules: when, and how many records of each type went (no
    personal data). ``next_run_at`` of the newest row is when the nightly task runs next."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    removed = models.JSONField(default=dict, blank=True)  # record type -> count
    next_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def removed_by_type(self) -> list[tuple[str, int]]:
        """(record type in the reader's language, count) for every type that lost records."""
        labels = dict(RecordType.choices)
        return [(str(labels.get(t, t)), n) for t, n in self.removed.items() if n]


class AnonymisedCase(models.Model):
    """A case whose reports and persons were anonymised, under which rule and when. The rows
    stay (the monitor counts them); what identified anyone is gone."""

    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, related_name="+")
    record_type = models.CharField(max_length=32, choices=RecordType.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("anonymised case")
        verbose_name_plural = _("anonymised cases")


class AnonymisedTrajectory(models.Model):
    """A care trajectory whose free text was removed (retention, or an erasure on request:
    record type empty); the rows the figures count stay."""

    trajectory = models.OneToOneField(
        "care.CareTrajectory", on_delete=models.CASCADE, related_name="+"
    )
    record_type = models.CharField(max_length=32, choices=RecordType.choices, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("anonymised care trajectory")
        verbose_name_plural = _("anonymised care trajectories")


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access (AVG art. 15)")
    RECTIFICATION = "rectification", _("Rectification (AVG art. 16)")
    ERASURE = "erasure", _("Erasure (AVG art. 17)")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused")


class RefusalGround(models.TextChoices):
    """Why the law does not allow erasing (or fully answering) in a given case."""

    OPEN_CASE = (
        "open_case",
        _("The case is still being handled: a task in the public interest (AVG art. 17(3)(b))"),
    )
    LEGAL_HOLD = (
        "legal_hold",
        _("A legal hold is on the case: legal claims or an investigation (AVG art. 17(3)(e))"),
    )
    CRIME_PREVENTION = (
        "crime_prevention",
        _(
            "Prevention, investigation or prosecution of criminal offences "
            "(AVG art. 23(1)(d), Uitvoeringswet AVG art. 41)"
        ),
    )
    POLICE_DATA = (
        "police_data",
        _("Police data: the request is for the police under the Wpg (art. 25-28)"),
    )
    CARE_ONGOING = (
        "care_ongoing",
        _(
            "The victim's care is still going on: a task in the public interest under the "
            "Wmo 2015 or the Jeugdwet (AVG art. 17(3)(b))"
        ),
    )
    OTHERS_RIGHTS = (
        "others_rights",
        _("The rights and freedoms of others, such as the reporter (AVG art. 15(4), 23(1)(i))"),
    )


class SubjectRequestQuerySet(models.QuerySet["SubjectRequest"]):
    def of_region(self, region_id: int) -> SubjectRequestQuerySet:
        return self.filter(region_id=region_id)


class SubjectRequest(models.Model):
    """A person's request to see, correct or erase what zicht holds on them, with the
    identifiers they gave (to find them) and the statutory deadline: one month from receipt,
    extendable by two months (AVG art. 12(3))."""

    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of request"), max_length=16, choices=RequestKind.choices)
    received_on = models.DateField(_("received on"))
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    house_number = models.CharField(_("house number"), max_length=12, blank=True)
    extended_because = models.CharField(_("reason for the extension"), max_length=300, blank=True)
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    found_person_ids = models.JSONField(default=list, blank=True)
    searched_at = models.DateTimeField(null=True, blank=True)
    refusal_grounds = models.JSONField(default=list, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = SubjectRequestQuerySet.as_manager()

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("request under the AVG")
        verbose_name_plural = _("requests under the AVG")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"V-{self.received_on:%Y}-{self.pk:06d}"

    @property
    def is_extended(self) -> bool:
        return bool(self.extended_because)

    @property
    def deadline(self) -> datetime.date:
        return add_months(self.received_on, 3 if self.is_extended else 1)

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.localdate()

    def refusal_labels(self) -> list[str]:
        labels = dict(RefusalGround.choices)
        return [str(labels.get(code, code)) for code in self.refusal_grounds]


class Rectification(models.Model):
    """One correction made for a request: which person, which field, when and by whom. The old
    value is not kept (it was wrong); the new one is on the person."""

    request = models.ForeignKey(
        SubjectRequest, on_delete=models.PROTECT, related_name="rectifications"
    )
    person = models.ForeignKey("intake.InvolvedPerson", on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=32)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    @property
    def field_label(self) -> str:
        field = InvolvedPerson._meta.get_field(self.field)
        return str(getattr(field, "verbose_name", self.field))


class Erasure(models.Model):
    """A person anonymised on request (AVG art. 17)."""

    request = models.ForeignKey(SubjectRequest, on_delete=models.PROTECT, related_name="erasures")
    person = models.ForeignKey("intake.InvolvedPerson", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
