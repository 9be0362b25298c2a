"""What the monitor stores of its own: the analyst's interpretation of a period's
figures, and the recorded basis on which a presumed victim may be passed on to
CoMensha (consent or a legal basis)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Interpretation(models.Model):
    """The analyst's written reading ("duiding") of the figures of one period."""

    region = models.ForeignKey(
        "organisations.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    text = models.TextField(_("interpretation"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period_end", "-created_at"]
        verbose_name = _("interpretation")
        verbose_name_plural = _("interpretations")

    def __str__(self) -> str:
        return f"{self.region} {self.period_start} - {self.period_end}"

    def clean(self) -> None:
        if self.period_end and self.period_start and self.period_end < self.period_start:
            raise ValidationError(_("The period cannot end before it starts."))


class BasisKind(models.TextChoices):
    CONSENT_PERSON = "consent_person", _("Written consent of the person (16 or older)")
    CONSENT_GUARDIAN = "consent_guardian", _("Consent of a parent or guardian (under 16)")
    LEGAL_POLICE = "legal_police", _("Legal basis: police")
    LEGAL_KMAR = "legal_kmar", _("Legal basis: KMar")
    LEGAL_NLA = "legal_nla", _("Legal basis: labour inspectorate")


class DisclosureBasis(models.Model):
    """Why this presumed victim may be reported to CoMensha: police, KMar and the labour
    inspectorate report on a legal basis; everyone else needs written consent."""

    person = models.OneToOneField(
        "intake.InvolvedPerson", on_delete=models.CASCADE, related_name="disclosure_basis"
    )
    basis = models.CharField(_("consent or legal basis"), max_length=24, choices=BasisKind.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("disclosure basis")
        verbose_name_plural = _("disclosure bases")


class VictimRecord(models.Model):
    """A presumed victim as mentioned in one report, with what the person figures need: the
    report's time and place, the person's sex, nationality group and birth date, the
    report's exploitation forms (coded as in codes.py) and the unique person (cluster) the
    region's latest linkage run puts them in, or ``p<person id>`` outside that run.

    Derived data, rebuilt for a region by victim_records.py (after each linkage run), so
    that a period's persons are one range of one narrow table instead of a join of three
    large ones."""

    person = models.OneToOneField(
        "intake.InvolvedPerson", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    region = models.ForeignKey(
        "organisations.Region", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    received_at = models.DateTimeField()
    received_second = models.BigIntegerField()  # received_at in seconds since 1970
    received_day = models.IntegerField()  # received_at's day (UTC) as YYYYMMDD
    unique_person = models.CharField(max_length=80)
    alone = models.BooleanField()  # the unique person's only record (of the region)
    sex = models.SmallIntegerField(null=True)  # codes.SEX_CODES; unknown: NULL
    nationality_group = models.SmallIntegerField(null=True)  # codes.NATIONALITY_CODES
    birth_day = models.IntegerField(null=True)  # YYYYMMDD
    forms = models.PositiveIntegerField()  # codes.FORM_BITS

    # Indexes: migrations/0006_victim_record_alone.py (covering on PostgreSQL).


class VictimRecordCoverage(models.Model):
    """Which victim records of a region are complete: those of every presumed victim with
    an id up to ``through_person``, clustered by linkage run ``run`` (none: no run yet).
    The figures read later persons from the registrations themselves, and ignore the
    records when ``run`` is no longer the region's latest."""

    region = models.OneToOneField(
        "organisations.Region", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    run = models.ForeignKey(
        "linkage.LinkageRun", on_delete=models.CASCADE, null=True, related_name="+"
    )
    through_person = models.BigIntegerField(default=0)
    # ReportMonth: the region's reports with an id up to this one (0: none yet)
    through_report = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(default=timezone.now)


class ReportMonth(models.Model):
    """The reports of one municipality in one calendar month (Europe/Amsterdam) counted per
    value of one attribute: ``dimension`` "source" (the report source), "forms" or "sectors"
    (the JSON text of a distinct list, as the report figures group it). Every report counts
    once per dimension, so the "source" rows also give the reports per month and
    municipality.

    Derived data, rebuilt for a region with its victim records (report_months.py), for the
    reports with an id up to ``VictimRecordCoverage.through_report``; the report figures of
    whole months add these up and read later reports from the registrations."""

    region = models.ForeignKey(
        "organisations.Region", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.IntegerField()  # YYYYMM
    dimension = models.CharField(max_length=16)
    value = models.TextField(null=True)  # noqa: DJ001 - no value (NULL) is a value of its own
    reports = models.IntegerField()

    # Indexes: migrations/0007_report_months.py (covering on PostgreSQL).


class DarkNumberResult(models.Model):
    """The dark-number page of one region and period, computed ahead by the task worker
    (zicht/monitor/dark_page.py): the rendered estimates in one language, for viewers who
    see small numbers (`full`) or not. `data_key` says which data it was computed from
    (the region's linkage run and the newest report), so the page can say that newer
    reports came in after it was computed."""

    region = models.ForeignKey(
        "organisations.Region", on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    start = models.DateField()
    end = models.DateField()
    language = models.CharField(max_length=8)
    full = models.BooleanField()
    html = models.TextField()
    data_key = models.CharField(max_length=200)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "start", "end", "language", "full"],
                name="dark_number_result_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.start} - {self.end} {self.language}"
