"""What the register stores: keyed pseudonyms of the identifiers in reports, and the matches
between organisations they reveal.

Both tables were created by the linkage app and keep their names (`db_table`)."""

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
        db_table = "linkage_personpseudonym"
        indexes = [models.Index(fields=["region", "kind", "digest"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "key_version", "digest"], name="unique_person_pseudonym"
            )
        ]


class PseudonymMatch(models.Model):
    """Two organisations of a region registered the same identifier (their pseudonyms match):
    each is told who its counterpart is (verwijsindex), never what the other holds."""

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
        db_table = "linkage_knownmatch"
        constraints = [
            models.UniqueConstraint(fields=["person", "other_person"], name="unique_known_match")
        ]
