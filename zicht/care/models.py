"""Care trajectories of presumed victims: the support plan, the providers involved with
their legal basis, contact moments and the B8/3 reflection period."""

from __future__ import annotations

import calendar
import datetime
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.care.workflow import CARE_ROLES, OPEN_STATUSES, Outcome, ReopenReason, TrajectoryStatus
from zicht.casework.models import Case
from zicht.intake.models import InvolvedPerson
from zicht.organisations.models import Membership, Organisation, Role


class AppendOnlyError(Exception):
    pass


class TrajectoryQuerySet(models.QuerySet["CareTrajectory"]):
    def visible_to(self, membership: Membership | None) -> TrajectoryQuerySet:
        """The trajectories of cases the membership may see (`Case.objects.visible_to`, the
        one rule), shown only to those who coordinate care: the region's hub, and a care
        coordinator for the trajectories their organisation coordinates. A focal officer or
        a partner who sees the case does not see the victim's care."""
        if membership is None or membership.role not in CARE_ROLES:
            return self.none()
        mine = self.filter(case__in=Case.objects.visible_to(membership))
        if membership.role == Role.CARE_COORDINATOR:
            mine = mine.filter(coordinating_organisation=membership.organisation)
        return mine

    def open(self) -> TrajectoryQuerySet:
        return self.filter(status__in=OPEN_STATUSES)


class CareTrajectory(models.Model):
    """The care of one presumed victim of a case, led by a care coordinator."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="care_trajectories")
    person = models.OneToOneField(
        InvolvedPerson, on_delete=models.PROTECT, related_name="care_trajectory"
    )
    coordinating_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="coordinated_trajectories",
        verbose_name=_("coordinating organisation"),
    )
    status = models.CharField(_("status"), max_length=16, choices=TrajectoryStatus.choices)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    care_started_at = models.DateTimeField(null=True, blank=True)
    aftercare_follow_up_on = models.DateField(_("aftercare follow-up on"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True)
    # A victim who fell back into exploitation: the case in which that was reported.
    relapse_case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrajectoryQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("care trajectory")
        verbose_name_plural = _("care trajectories")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"Z-{self.opened_at:%Y}-{self.pk:06d}"

    @property
    def is_closed(self) -> bool:
        return self.status == TrajectoryStatus.CLOSED


class TrajectoryStep(models.Model):
    """Append-only history of a trajectory: one row per transition."""

    trajectory = models.ForeignKey(CareTrajectory, on_delete=models.CASCADE, related_name="steps")
    transition = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16, choices=TrajectoryStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=TrajectoryStatus.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=24, blank=True)
    linked_case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("trajectory history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("trajectory history is append-only")

    @property
    def reason_label(self) -> str:
        if self.reason in ReopenReason.values:
            return str(ReopenReason(self.reason).label)
        if self.reason in Outcome.values:
            return str(Outcome(self.reason).label)
        return self.reason


class GoalDomain(models.TextChoices):
    HOUSING = "housing", _("Housing")
    INCOME = "income", _("Income")
    HEALTH = "health", _("Health")
    LEGAL = "legal", _("Legal")
    SAFETY = "safety", _("Safety")
    DAILY_ACTIVITY = "daily_activity", _("Daily activity")
    LANGUAGE = "language", _("Language")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    REACHED = "reached", _("Reached")
    DROPPED = "dropped", _("Dropped")


class SupportGoal(models.Model):
    """One goal of the support plan, with the organisation that owns it and a date."""

    trajectory = models.ForeignKey(CareTrajectory, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domain"), max_length=16, choices=GoalDomain.choices)
    description = models.CharField(_("goal"), max_length=300)
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("support plan goal")
        verbose_name_plural = _("support plan goals")

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in (GoalStatus.OPEN, GoalStatus.IN_PROGRESS)
            and self.due_on < timezone.localdate()
        )


class LegalBasis(models.TextChoices):
    """Why the victim's data may be shared with a provider (AVG art. 6 and 9)."""

    CONSENT = "consent", _("Written consent")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    VITAL_INTEREST = "vital_interest", _("Vital interest of the victim")
    PUBLIC_TASK = "public_task", _("Public task (Wmo / Jeugdwet)")


class ConsentBy(models.TextChoices):
    VICTIM = "victim", _("The victim")
    PARENT = "parent", _("A parent or guardian")


class ProviderInvolvement(models.Model):
    """A provider involved in the trajectory, with the purpose and legal basis of what is
    disclosed to it; consent, when that is the basis, recorded with date and by whom."""

    trajectory = models.ForeignKey(
        CareTrajectory, on_delete=models.CASCADE, related_name="providers"
    )
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    purpose = models.CharField(_("purpose of the disclosure"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_by = models.CharField(
        _("consent given by"), max_length=8, choices=ConsentBy.choices, blank=True
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "provider"], name="unique_provider_per_trajectory"
            )
        ]


class ContactKind(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    WITH_PROVIDER = "with_provider", _("Consultation with a provider")


class ContactMoment(models.Model):
    trajectory = models.ForeignKey(
        CareTrajectory, on_delete=models.CASCADE, related_name="contacts"
    )
    on = models.DateField(_("date"))
    kind = models.CharField(_("kind of contact"), max_length=16, choices=ContactKind.choices)
    summary = models.TextField(_("summary"))
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-pk"]


class PoliceReport(models.TextChoices):
    UNDECIDED = "undecided", _("Not decided yet")
    YES = "yes", _("Yes, report made")
    NO = "no", _("No report")


class ResidenceStatus(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    DUTCH = "dutch", _("Dutch")
    EU = "eu", _("EU citizen")
    REFLECTION = "reflection", _("B8/3 reflection period")
    TEMPORARY_PERMIT = "temporary_permit", _("B8/3 temporary residence permit")
    ASYLUM = "asylum", _("Asylum procedure")
    NONE = "none", _("No lawful residence")


REFLECTION_MONTHS = 3


def three_months_after(day: datetime.date) -> datetime.date:
    """The default end of a reflection period (Vreemdelingencirculaire B8/3: three months);
    the 30th of November ends on the 28th or 29th of February."""
    months = day.month - 1 + REFLECTION_MONTHS
    year, month = day.year + months // 12, months % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ReflectionPeriod(models.Model):
    """The B8/3 reflection period: time for a foreign victim to decide on pressing charges."""

    trajectory = models.OneToOneField(
        CareTrajectory, on_delete=models.CASCADE, related_name="reflection_period"
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    police_report = models.CharField(
        _("report to the police"),
        max_length=10,
        choices=PoliceReport.choices,
        default=PoliceReport.UNDECIDED,
    )
    police_report_on = models.DateField(_("report made on"), null=True, blank=True)
    residence_status = models.CharField(
        _("residence status"),
        max_length=20,
        choices=ResidenceStatus.choices,
        default=ResidenceStatus.REFLECTION,
    )
    # Set once the reminder of the coming end was sent, so it is sent once per end date.
    reminded_for_end = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="reflection_ends_after_start",
            )
        ]

    def days_left(self, today: datetime.date | None = None) -> int:
        return (self.ends_on - (today or timezone.localdate())).days


class ReflectionExtension(models.Model):
    """An extension of the reflection period; the period's end before and after."""

    period = models.ForeignKey(
        ReflectionPeriod, on_delete=models.CASCADE, related_name="extensions"
    )
    previous_end = models.DateField()
    new_end = models.DateField(_("new end"))
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "pk"]


# Shelter places and placements live in a module of their own; importing them here makes
# them models of this app.
from zicht.care.shelter_models import OccupancyEvent as OccupancyEvent  # noqa: E402
from zicht.care.shelter_models import Placement as Placement  # noqa: E402
from zicht.care.shelter_models import ShelterUnit as ShelterUnit  # noqa: E402
