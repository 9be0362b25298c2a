"""Reports (meldingen) and the persons they mention."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.casework.models import Case
from zicht.intake.identifiers import NAME_KEY_LENGTH, address_key, name_key, phone_key
from zicht.intake.vocabulary import (
    INDICATORS,
    ExploitationForm,
    PersonRole,
    ReportSource,
    Sector,
    Sex,
)
from zicht.organisations.models import Membership, Municipality, Organisation, Role


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, membership: Membership | None) -> ReportQuerySet:
        """Reports the membership may open: those of cases it may see, and a
        reporter's own reports (a reporter follows what they reported, nothing more)."""
        if membership is None:
            return self.none()
        visible_cases = Case.objects.visible_to(membership).values("pk")
        own = models.Q(reported_by=membership.user)
        if membership.role == Role.REPORTER:
            return self.filter(own)
        return self.filter(models.Q(case__in=visible_cases) | own).distinct()


class Report(models.Model):
    """One observation reported to zicht, by a professional, a resident or a partner system."""

    submission_key = models.UUIDField(
        unique=True, help_text="Idempotency key of the submitting form or API call."
    )
    case = models.ForeignKey(
        "casework.Case", on_delete=models.PROTECT, related_name="reports", null=True
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    source = models.CharField(_("source"), max_length=32, choices=ReportSource.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    reporting_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    is_acute = models.BooleanField(_("acute danger"), default=False)
    exploitation_forms = models.JSONField(_("exploitation forms"), default=list)
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    description = models.TextField(_("what was seen"))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("municipality"),
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    observed_on = models.DateField(_("observed on"), null=True, blank=True)
    language = models.CharField(_("original language"), max_length=8, default="nl")
    is_supplement = models.BooleanField(
        _("supplementary information"),
        default=False,
        help_text="Added to an existing case while enriching it (`intake.enrichment`).",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"M-{self.received_at:%Y}-{self.pk:06d}"

    # The value sets' labels, for pages that show what a report holds.
    def exploitation_form_labels(self) -> list[str]:
        labels = dict(ExploitationForm.choices)
        return [str(labels.get(code, code)) for code in self.exploitation_forms]

    def sector_labels(self) -> list[str]:
        labels = dict(Sector.choices)
        return [str(labels.get(code, code)) for code in self.sectors]

    def indicator_labels(self) -> list[str]:
        labels = {indicator.code: indicator.label for indicator in INDICATORS}
        return [str(labels.get(code, code)) for code in self.indicators]


class InvolvedPerson(models.Model):
    """A person mentioned in a report, with their role; every identifier is optional."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role"), max_length=32, choices=PersonRole.choices)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True, db_index=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, default=Sex.UNKNOWN)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    street = models.CharField(_("street"), max_length=100, blank=True)
    house_number = models.CharField(_("house number"), max_length=12, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    # Normalised keys for the "already known?" check.
    name_key = models.CharField(max_length=NAME_KEY_LENGTH, blank=True, db_index=True)
    phone_key = models.CharField(max_length=20, blank=True, db_index=True)
    address_key = models.CharField(max_length=30, blank=True, db_index=True)

    class Meta:
        verbose_name = _("involved person")
        verbose_name_plural = _("involved persons")

    def __str__(self) -> str:
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        return name or str(_("unknown person"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = name_key(self.first_name, self.last_name)
        self.phone_key = phone_key(self.phone)
        self.address_key = address_key(self.postcode, self.house_number)
        super().save(*args, **kwargs)
