"""Shelter places and placements (Twente §7.2): a provider's places of one type with their
capacity and what they fit, a placement of a presumed victim in one of them, and the
append-only occupancy events from which the monitor counts placements and refusals.

Imported by `zicht.care.models`, so Django finds them as models of the care app."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.casework.models import Case
from zicht.intake.models import InvolvedPerson
from zicht.lib.ages import ADULT_AGE
from zicht.organisations.models import Organisation, Region


class AppendOnlyEventError(Exception):
    pass


class ShelterType(models.TextChoices):
    WOMENS_SHELTER = "womens_shelter", _("Women's shelter")
    SOCIAL_SHELTER = "social_shelter", _("Social shelter")
    COSM = "cosm", _("COSM (categorical shelter for victims)")
    OMM = "omm", _("OMM (protected shelter for minors)")
    CRISIS_BED = "crisis_bed", _("Crisis bed")
    YOUTH = "youth", _("Youth care shelter")


class ServesSex(models.TextChoices):
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    ANY = "any", _("Women and men")


class ShelterUnit(models.Model):
    """A provider's places of one type, all with the same fit: the sex and ages it takes
    (minors and adults never in one unit), whether it takes multi-problem cases and whether
    its address is secret. `occupied` counts the places reserved or in use; it changes only
    through `zicht.care.shelter`, with a conditional UPDATE, and the database refuses more
    than the capacity."""

    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="shelter_units",
        verbose_name=_("provider"),
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    shelter_type = models.CharField(_("type of shelter"), max_length=16, choices=ShelterType)
    capacity = models.PositiveIntegerField(_("capacity"))
    occupied = models.PositiveIntegerField(_("occupied"), default=0)
    serves_sex = models.CharField(_("for"), max_length=8, choices=ServesSex, default=ServesSex.ANY)
    for_minors = models.BooleanField(_("for minors"), default=False)
    min_age = models.PositiveSmallIntegerField(_("minimum age"))
    max_age = models.PositiveSmallIntegerField(_("maximum age"))
    multi_problem = models.BooleanField(_("takes multi-problem cases"), default=False)
    secret_address = models.BooleanField(_("secret address"), default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["region", "provider__name", "name"]
        verbose_name = _("shelter unit")
        verbose_name_plural = _("shelter units")
        indexes = [models.Index(fields=["region", "for_minors", "is_active"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(occupied__lte=F("capacity")), name="shelter_not_over_capacity"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="shelter_has_capacity"),
            models.CheckConstraint(condition=Q(min_age__lte=F("max_age")), name="shelter_ages"),
            # Minors separate: a unit for minors takes no adult, an adult unit no minor.
            models.CheckConstraint(
                condition=Q(for_minors=True, max_age__lt=ADULT_AGE)
                | Q(for_minors=False, min_age__gte=ADULT_AGE),
                name="shelter_minors_separate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider.name})"

    @property
    def free(self) -> int:
        return self.capacity - self.occupied


class PlacementStatus(models.TextChoices):
    """A placement is a handover of the reserved place to the provider (the shape of
    `zicht.casework.models.Handover`): pending until it accepts or declines."""

    RESERVED = "reserved", _("Reserved, awaiting the provider")
    PLACED = "placed", _("Placed")
    DECLINED = "declined", _("Declined by the provider")
    ENDED = "ended", _("Ended")


HOLDS_A_PLACE = (PlacementStatus.RESERVED, PlacementStatus.PLACED)


class PlacementEnd(models.TextChoices):
    MOVED_ON = "moved_on", _("Moved on to housing or other care")
    LEFT = "left", _("Left the shelter")
    TRANSFERRED = "transferred", _("Transferred to another shelter")
    NOT_ARRIVED = "not_arrived", _("Did not arrive")


class PlacementQuerySet(models.QuerySet["Placement"]):
    def holding_a_place(self) -> PlacementQuerySet:
        return self.filter(status__in=HOLDS_A_PLACE)


class Placement(models.Model):
    """A presumed victim of a case placed (or to be placed) in a shelter unit."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="placements")
    person = models.ForeignKey(InvolvedPerson, on_delete=models.PROTECT, related_name="placements")
    unit = models.ForeignKey(ShelterUnit, on_delete=models.PROTECT, related_name="placements")
    status = models.CharField(_("status"), max_length=16, choices=PlacementStatus)
    person_is_minor = models.BooleanField()
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requesting_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_reason = models.CharField(
        _("why it ended"), max_length=16, choices=PlacementEnd, blank=True
    )

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("shelter placement")
        verbose_name_plural = _("shelter placements")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"P-{self.requested_at:%Y}-{self.pk:06d}"

    @property
    def holds_a_place(self) -> bool:
        return self.status in HOLDS_A_PLACE


class OccupancyEventKind(models.TextChoices):
    RESERVED = "reserved", _("Place reserved")
    ACCEPTED = "accepted", _("Placement accepted")
    DECLINED = "declined", _("Placement declined, place freed")
    ENDED = "ended", _("Placement ended, place freed")
    REFUSED_FULL = "refused_full", _("No fitting place free")


FREES_A_PLACE = (OccupancyEventKind.DECLINED, OccupancyEventKind.ENDED)


class OccupancyEvent(models.Model):
    """One change of a region's shelter occupancy, appended only: what the monitor counts
    (placements by type and hour of day, refusals for lack of space) and from which the
    occupancy at any moment can be read back (`occupied_after`). A refusal names the type
    asked for (blank: any type) and no unit."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=OccupancyEventKind)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    shelter_type = models.CharField(max_length=16, choices=ShelterType, blank=True)
    unit = models.ForeignKey(
        ShelterUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    occupied_after = models.PositiveIntegerField(null=True, blank=True)
    for_minor = models.BooleanField(default=False)

    class Meta:
        ordering = ["at", "pk"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyEventError("occupancy events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyEventError("occupancy events are append-only")
