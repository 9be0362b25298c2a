"""The barrier model (barrièremodel) of a region for one year: per form of exploitation the
steps a trafficker must take (recruitment, entry, identity, housing, transport, work,
finances, and those the region adds), who raises a barrier there, with which instruments,
and how strong the region judges that barrier to be.

Ratings are never edited: every new judgement is a new row, so last year's judgement and
this year's can always be put side by side. The instruments *used* are not stored here: they
are counted from the registered sources (``zicht.barriers.counting``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zicht.intake.vocabulary import ExploitationForm
from zicht.organisations.models import (
    Membership,
    Organisation,
    OrganisationType,
    Region,
    Role,
)

# The forms of exploitation a barrier model is made for (the seeds' models are per form).
MODEL_FORMS = (
    ExploitationForm.SEXUAL,
    ExploitationForm.LABOUR,
    ExploitationForm.CRIMINAL,
    ExploitationForm.ORGAN_REMOVAL,
)


class Stage(models.TextChoices):
    """The steps of the trafficker's process every model has (Den Haag, ambition 4)."""

    RECRUITMENT = "recruitment", _("Recruitment")
    ENTRY = "entry", _("Entry")
    IDENTITY = "identity", _("Identity")
    HOUSING = "housing", pgettext_lazy("barrier", "Housing")
    TRANSPORT = "transport", _("Transport")
    WORK = "work", _("Work")
    FINANCES = "finances", _("Finances")


class Rating(models.IntegerChoices):
    """How well the region judges a barrier to hold: four steps, 0 to 3."""

    NONE = 0, _("No barrier")
    WEAK = 1, _("Weak")
    REASONABLE = 2, _("Reasonable")
    STRONG = 3, _("Strong")


# Who reads a region's barrier model: its hub (the editors) and the focal officers of its
# municipalities.
EDITING_ROLES = frozenset({Role.ANALYST, Role.HUB_CASE_MANAGER})
READING_ROLES = EDITING_ROLES | {Role.FOCAL_OFFICER}


def may_edit(membership: Membership, region: Region) -> bool:
    organisation = membership.organisation
    return (
        membership.role in EDITING_ROLES
        and organisation.type == OrganisationType.REGIONAL_HUB
        and organisation.region_id == region.pk
    )


class BarrierModelQuerySet(models.QuerySet["BarrierModel"]):
    def visible_to(self, membership: Membership) -> BarrierModelQuerySet:
        """The one visibility rule of barrier models: the models of the membership's own
        region, for the hub's editors and the region's focal officers; nothing for others."""
        organisation = membership.organisation
        reads = (
            membership.role in EDITING_ROLES and organisation.type == OrganisationType.REGIONAL_HUB
        ) or (
            membership.role == Role.FOCAL_OFFICER
            and organisation.type == OrganisationType.MUNICIPALITY
        )
        if not reads:
            return self.none()
        return self.filter(region_id=organisation.region_id)


class BarrierModel(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="barrier_models")
    year = models.PositiveSmallIntegerField(_("year"))
    created_by = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BarrierModelQuerySet.as_manager()

    class Meta:
        ordering = ["region", "-year"]
        verbose_name = _("barrier model")
        verbose_name_plural = _("barrier models")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="one_barrier_model_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"


class Barrier(models.Model):
    """One barrier of one form of exploitation in a year's model. ``code`` is a stage for
    the standard barriers and a slug of the name for those the region adds; the counting
    sources report instruments used per code."""

    model = models.ForeignKey(BarrierModel, on_delete=models.CASCADE, related_name="barriers")
    exploitation_form = models.CharField(
        _("form of exploitation"), max_length=32, choices=ExploitationForm.choices
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    added_by_region = models.BooleanField(default=False)
    responsible = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("responsible partners")
    )
    instruments_available = models.TextField(
        _("instruments available"), blank=True, help_text=_("One instrument a line.")
    )

    class Meta:
        ordering = ["model", "exploitation_form", "position", "pk"]
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        constraints = [
            models.UniqueConstraint(
                fields=["model", "exploitation_form", "code"], name="one_barrier_a_code"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """A standard barrier's name in the reader's language; the region's own as given."""
        if not self.added_by_region and self.code in Stage.values:
            return str(Stage(self.code).label)
        return self.name

    @property
    def instrument_list(self) -> list[str]:
        return [line.strip() for line in self.instruments_available.splitlines() if line.strip()]


class BarrierRating(models.Model):
    """A judgement of a barrier, appended; the newest is the barrier's rating."""

    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices)
    note = models.TextField(_("note"), blank=True)
    rated_by = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["barrier", "-rated_at", "-pk"]
        verbose_name = _("barrier rating")
        verbose_name_plural = _("barrier ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__lte=Rating.STRONG), name="rating_on_the_scale"
            )
        ]

    def __str__(self) -> str:
        return f"{self.barrier}: {self.get_rating_display()}"
