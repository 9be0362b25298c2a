"""What the web application stores of linkage: pseudonyms of the identifiers in
reports (for the "already known?" check), the matches that check found, and the
result of batch linkage (which involved persons are one unique person)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdentifierKind(models.TextChoices):
    NAME_BIRTH_DATE = "name_birth_date", _("name and date of birth")
    PHONE = "phone", _("phone number")
    ADDRESS = "address", _("address")
    EMAIL = "email", _("e-mail address")
    LICENCE_PLATE = "licence_plate", _("licence plate")
    ID_NUMBER = "id_number", _("document number")


class PersonPseudonym(models.Model):
    """A keyed hash of one normalised identifier of an involved person.

    The clear identifier stays with the report; what is compared across
    organisations is this digest (with its key version, so keys can rotate)."""

    person = models.ForeignKey(
        "intake.InvolvedPerson", on_delete=models.CASCADE, related_name="pseudonyms"
    )
    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    key_version = models.PositiveSmallIntegerField()
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["region", "kind", "digest"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "key_version", "digest"], name="unique_person_pseudonym"
            )
        ]


class KnownMatch(models.Model):
    """Two organisations of a region registered the same identifier: each is told
    who its counterpart is (verwijsindex), never what the other holds."""

    person = models.ForeignKey("intake.InvolvedPerson", on_delete=models.CASCADE, related_name="+")
    other_person = models.ForeignKey(
        "intake.InvolvedPerson", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    other_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=IdentifierKind.choices)
    score = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "other_person"], name="unique_known_match")
        ]


class LinkageRun(models.Model):
    """One batch linkage of a region's involved persons into unique persons."""

    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    threshold = models.FloatField(_("match probability threshold"))
    record_count = models.PositiveIntegerField(default=0)
    cluster_count = models.PositiveIntegerField(default=0)
    model = models.JSONField(_("trained model (match weights)"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"


class PersonCluster(models.Model):
    """The unique person (cluster) an involved person belongs to in a linkage run.
    Persons missing from the latest run of their region count as their own cluster."""

    run = models.ForeignKey(LinkageRun, on_delete=models.CASCADE, related_name="clusters")
    person = models.ForeignKey("intake.InvolvedPerson", on_delete=models.CASCADE, related_name="+")
    cluster_id = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "person"], name="unique_person_per_run")
        ]
