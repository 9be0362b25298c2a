"""The municipal baseline (VNG plateaus, basisniveau bestuurlijke aanpak): the criteria,
each municipality's status per criterion with its append-only history, the departments of a
municipality and the training register."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.organisations.models import Municipality, Organisation


class AppendOnlyError(Exception):
    pass


class Theme(models.TextChoices):
    """The themes of the VNG framework (seed 001, appendix 3) and the CCV basisniveau
    (seed 002, section 4.1)."""

    POLICY = "policy", _("Policy basis")
    AWARENESS = "awareness", _("Attention for and awareness of human trafficking")
    COOPERATION = "cooperation", _("Cooperation in the chain and the region")
    CARE = "care", _("Shelter and support for victims and offenders")
    BASELINE = "baseline", _("Basic level of the administrative approach (CCV)")


class ProvedBy(models.TextChoices):
    """Records that prove a criterion, so that nobody types its status by hand."""

    NOTHING = "", _("Typed by hand")
    FOCAL_OFFICER = "focal_officer", _("The municipality's focal officer")
    TRAINING = "training", _("The training register")


class Criterion(models.Model):
    """One criterion of a plateau within a theme, as numbered in the source."""

    code = models.CharField(_("code"), max_length=16, unique=True)  # e.g. "policy-1a"
    theme = models.CharField(_("theme"), max_length=16, choices=Theme.choices)
    plateau = models.PositiveSmallIntegerField(_("plateau"))
    number = models.CharField(
        _("number in the source"), max_length=4
    )  # "a", "b", ... or "1", "2", ...
    text = models.TextField(_("criterion"))
    source = models.CharField(_("source"), max_length=200)
    proved_by = models.CharField(
        _("proved by"), max_length=16, choices=ProvedBy.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return f"{self.label} {self.text[:60]}"

    @property
    def label(self) -> str:
        """The short name in the matrix: theme letter, plateau and letter (B1a, A2b, ...);
        the CCV list, numbered 1 to 5, by letter and number (N1 ... N5)."""
        if self.number.isdigit():
            return f"{THEME_LETTERS[self.theme]}{self.number}"
        return f"{THEME_LETTERS[self.theme]}{self.plateau}{self.number}"


# The short names of the themes in Dutch, the interface's first language: Beleid,
# Aandacht, Samenwerking, Opvang, Basisniveau.
THEME_LETTERS: dict[str, str] = {
    Theme.POLICY: "B",
    Theme.AWARENESS: "A",
    Theme.COOPERATION: "S",
    Theme.CARE: "O",
    Theme.BASELINE: "N",
}


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    MET = "met", _("Met")


class CriterionState(models.Model):
    """Where a municipality stands on one criterion now: the latest of its history, kept
    beside it so that the regional view reads one row per cell."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="baseline_states"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="states")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    latest = models.ForeignKey(
        "CriterionChange", on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "criterion"], name="one_state_per_criterion"
            )
        ]


class CriterionChange(models.Model):
    """Append-only history: one row per status recorded for a municipality's criterion."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="changes")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    effective_on = models.DateField(_("date"))
    evidence_link = models.URLField(_("evidence (link to a document)"), blank=True)
    evidence_text = models.TextField(_("evidence"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_for = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["effective_on", "recorded_at", "pk"]
        indexes = [models.Index(fields=["municipality", "effective_on"])]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the baseline history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("the baseline history is append-only")


class Department(models.Model):
    """A department of a municipality whose front-office staff are to be trained every
    year (burgerzaken, vergunningen, wijkteam, ...)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="baseline_departments"
    )
    name = models.CharField(_("department"), max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    # The year for which the focal officer was last reminded that this department has not
    # been trained: one reminder a year (claimed with a conditional UPDATE).
    reminded_for_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unique_department")
        ]

    def __str__(self) -> str:
        return self.name


class Training(models.Model):
    """One member of staff of a department followed one training on one day."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="trainings")
    participant = models.CharField(_("participant"), max_length=150)
    title = models.CharField(_("training"), max_length=200)
    followed_on = models.DateField(_("followed on"))
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-followed_on", "-pk"]
        indexes = [models.Index(fields=["department", "followed_on"])]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
