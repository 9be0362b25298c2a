"""Regions, municipalities, organisations and memberships (user x organisation x role)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A region of the regional approach; one per safety region (veiligheidsregio)."""

    code = models.CharField(_("code"), max_length=8, unique=True)  # VR01..VR25
    name = models.CharField(_("name"), max_length=100)
    # How residents' portal reports are routed: to the focal officer of the chosen
    # municipality or straight to the regional hub (the region's own choice).
    portal_routes_to_hub = models.BooleanField(_("portal reports go to the hub"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def valid_on(self, day: datetime.date | None = None) -> MunicipalityQuerySet:
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class Municipality(models.Model):
    """A municipality (gemeente) with its CBS code; editable reference data with validity dates."""

    cbs_code = models.CharField(_("CBS code"), max_length=6, unique=True)  # GMxxxx
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    police_unit_code = models.CharField(_("police unit code"), max_length=4)  # RE01..RE10
    police_unit_name = models.CharField(_("police unit"), max_length=100)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def own_organisation(self) -> Organisation | None:
        """The municipality's own organisation in zicht (its focal officers take its
        reports), or None where the municipality takes no part."""
        return getattr(self, "organisation", None)


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGIONAL_HUB = "regional_hub", _("Regional hub (knowledge centre / care coordination)")
    POLICE = "police", _("Police")
    PUBLIC_PROSECUTOR = "public_prosecutor", _("Public prosecutor (OM)")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Labour inspectorate (NLA)")
    KMAR = "kmar", _("Royal Marechaussee (KMar)")
    RIEC = "riec", _("RIEC")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    SAFETY_HOUSE = "safety_house", _("Zorg- en Veiligheidshuis")
    SHELTER = "shelter", _("Shelter")
    CARE = "care", _("Care organisation")
    HOUSING_CORPORATION = "housing_corporation", _("Housing corporation")
    COMENSHA = "comensha", _("CoMensha")
    NGO = "ngo", _("NGO")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organisations")
    # Set for a municipality's own organisation: its focal officer receives that
    # municipality's signals and its safety officer is told of safety risks.
    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
    )
    email = models.EmailField(_("functional e-mail address"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_hub(self) -> bool:
        return self.type == OrganisationType.REGIONAL_HUB


class Role(models.TextChoices):
    REPORTER = "reporter", _("Professional reporter")
    FOCAL_OFFICER = "focal_officer", _("Focal officer (aandachtsfunctionaris)")
    HUB_CASE_MANAGER = "hub_case_manager", _("Regional hub case manager")
    SAFETY_OFFICER = "safety_officer", _("Safety officer (OOV)")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("Municipal enforcement officer (handhaving)")
    PARTNER_MEMBER = "partner_member", _("Partner organisation member")
    CARE_COORDINATOR = "care_coordinator", _("Care coordinator (zorgcoördinator)")
    TABLE_SECRETARY = "table_secretary", _("Case table chair or secretary (casustafel)")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True, organisation__is_active=True)


class Membership(models.Model):
    """A user acts for one organisation in one role; a user may hold several memberships."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"  # noqa: RUF001
