"""Locations and establishments with their permits, inspections with the persons met, and the
administrative measures of the municipality (docs/enforcement.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.enforcement.framework import Situation
from zicht.enforcement.vocabulary import EstablishmentSector, MeasureType, PermitType
from zicht.intake.vocabulary import PersonRole, Sex
from zicht.organisations.models import Membership, Organisation, OrganisationType, Role

# Who works for the municipality on its administrative approach: they plan and record
# inspections and register measures, for their own municipality only.
MUNICIPAL_ROLES = frozenset({Role.ENFORCEMENT_OFFICER, Role.SAFETY_OFFICER})
# Who takes part in an inspection of another organisation's team (police, labour
# inspectorate, tax, social work): they see the inspections their organisation was in.
TEAM_ROLES = frozenset({*MUNICIPAL_ROLES, Role.PARTNER_MEMBER})


def is_municipal_staff(membership: Membership) -> bool:
    organisation = membership.organisation
    return (
        membership.role in MUNICIPAL_ROLES
        and organisation.type == OrganisationType.MUNICIPALITY
        and organisation.municipality_id is not None
    )


class EstablishmentQuerySet(models.QuerySet["Establishment"]):
    def visible_to(self, membership: Membership) -> EstablishmentQuerySet:
        """Municipal staff see their municipality's establishments; a team member sees those
        their organisation inspected. Establishments hold no personal data, but who inspected
        where is need to know as well."""
        if is_municipal_staff(membership):
            return self.filter(municipality_id=membership.organisation.municipality_id)
        if membership.role in TEAM_ROLES:
            return self.filter(inspections__team=membership.organisation).distinct()
        return self.none()


class Establishment(models.Model):
    """A location or business: an address with a sector, where a control team inspects."""

    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=32, choices=EstablishmentSector.choices)
    street = models.CharField(_("street"), max_length=200)
    house_number = models.CharField(_("house number"), max_length=20)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("place"), max_length=100)
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="establishments"
    )
    kvk_number = models.CharField(_("Chamber of Commerce (KvK) number"), max_length=8, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = EstablishmentQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")
        indexes = [models.Index(fields=["municipality", "sector"])]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street} {self.house_number}, {self.postcode_display} {self.city}"

    @property
    def postcode_display(self) -> str:
        """The postcode as it is written in the Netherlands: 7511 AB."""
        code = self.postcode
        return f"{code[:4]} {code[4:]}" if len(code) == 6 else code


class Permit(models.Model):
    establishment = models.ForeignKey(
        Establishment, on_delete=models.CASCADE, related_name="permits"
    )
    type = models.CharField(_("type of permit"), max_length=32, choices=PermitType.choices)
    number = models.CharField(_("permit number"), max_length=50)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)

    class Meta:
        ordering = ["-valid_from", "pk"]
        verbose_name = _("permit")
        verbose_name_plural = _("permits")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="permit_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.number}"


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class InspectionQuerySet(models.QuerySet["Inspection"]):
    def visible_to(self, membership: Membership) -> InspectionQuerySet:
        """The one visibility rule of inspections and the persons met in them (need to know):
        the inspected municipality's own staff, and the organisations of the team."""
        if is_municipal_staff(membership):
            return self.filter(
                establishment__municipality_id=membership.organisation.municipality_id
            )
        if membership.role in TEAM_ROLES:
            return self.filter(team=membership.organisation)
        return self.none()


class Inspection(models.Model):
    """An inspection of one establishment by a team of organisations: planned, then done
    with its checklist of indicators, the persons met and the finding."""

    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="inspections"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=InspectionStatus.choices, default="planned"
    )
    planned_on = models.DateField(_("planned on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    team = models.ManyToManyField(Organisation, related_name="inspections", verbose_name=_("team"))
    indicators = models.JSONField(_("indicators found"), default=list, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    # The report on the meldroute that the finding became (zicht.enforcement.inspections).
    report = models.OneToOneField(
        "intake.Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspection",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_on", "-pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | Q(status="done"),
                name="inspection_done_on_only_when_done",
            )
        ]

    def __str__(self) -> str:
        return f"{self.establishment} {self.planned_on:%Y-%m-%d}"


class PersonMet(models.Model):
    """A person met during an inspection. Personal data: seen only through the inspection's
    visibility rule, every read logged. `known_at` keeps the register's answer at the moment
    of registration (organisation ids and identifier kinds), never what they hold."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(
        _("role"), max_length=32, choices=PersonRole.choices, default=PersonRole.OTHER
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, default=Sex.UNKNOWN)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)
    known_at = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("person met")
        verbose_name_plural = _("persons met")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or str(_("unknown person"))


class MeasureStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    INTENDED = "intended", _("Intention sent")
    HEARD = "heard", _("Views heard")
    DECIDED = "decided", _("Decided")
    OBJECTION = "objection", _("Objection lodged")
    APPEAL = "appeal", _("Appeal lodged")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BibobOutcome(models.TextChoices):
    NONE = "", _("Not applicable")
    NO_RISK = "no_risk", _("No degree of danger")
    MINOR_RISK = "minor_risk", _("Minor degree of danger")
    SERIOUS_RISK = "serious_risk", _("Serious degree of danger")


class MeasureQuerySet(models.QuerySet["Measure"]):
    def visible_to(self, membership: Membership) -> MeasureQuerySet:
        """A municipality's measures are its own: seen by its enforcement staff and safety
        officer."""
        if is_municipal_staff(membership):
            return self.filter(municipality_id=membership.organisation.municipality_id)
        return self.none()


class Measure(models.Model):
    """An administrative measure of the municipality against a location and/or a person met,
    from the regional framework, with its legal basis, the dates of its procedure and the
    deadlines the reminders watch."""

    type = models.CharField(_("type of measure"), max_length=32, choices=MeasureType.choices)
    situation = models.CharField(
        _("situation (framework)"), max_length=32, choices=Situation.choices, blank=True
    )
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="measures"
    )
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, null=True, blank=True, related_name="measures"
    )
    person = models.ForeignKey(
        PersonMet, on_delete=models.PROTECT, null=True, blank=True, related_name="measures"
    )
    inspection = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures"
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeasureStatus.choices, default="draft"
    )
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)
    intention_on = models.DateField(_("intention sent on"), null=True, blank=True)
    hearing_ends_on = models.DateField(_("term for views ends on"), null=True, blank=True)
    heard_on = models.DateField(_("views heard on"), null=True, blank=True)
    views_summary = models.TextField(_("summary of the views"), blank=True)
    decision_due_on = models.DateField(_("decision due on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_text = models.TextField(_("decision"), blank=True)
    bibob_outcome = models.CharField(
        _("Bibob advice outcome"), max_length=16, choices=BibobOutcome.choices, blank=True
    )
    objection_on = models.DateField(_("objection lodged on"), null=True, blank=True)
    appeal_on = models.DateField(_("appeal lodged on"), null=True, blank=True)
    deviation_note = models.TextField(_("why the framework is not followed"), blank=True)
    # The deadline each reminder was sent for (zicht.enforcement.reminders): once per date.
    reminded_hearing_for = models.DateField(null=True, blank=True)
    reminded_decision_for = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "-pk"]
        verbose_name = _("administrative measure")
        verbose_name_plural = _("administrative measures")
        indexes = [models.Index(fields=["municipality", "registered_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(establishment__isnull=False) | Q(person__isnull=False),
                name="measure_has_a_subject",
            ),
            models.CheckConstraint(
                condition=~Q(type__in=["closure_174a", "closure_13b"]) | ~Q(legal_basis=""),
                name="closure_names_legal_basis",
            ),
            models.CheckConstraint(
                condition=Q(heard_on__isnull=True)
                | Q(intention_on__isnull=True)
                | Q(heard_on__gte=F("intention_on")),
                name="measure_heard_after_intention",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True)
                | Q(intention_on__isnull=True)
                | Q(decided_on__gte=F("intention_on")),
                name="measure_decided_after_intention",
            ),
            models.CheckConstraint(
                condition=Q(objection_on__isnull=True) | Q(objection_on__gte=F("decided_on")),
                name="measure_objection_after_decision",
            ),
            models.CheckConstraint(
                condition=Q(appeal_on__isnull=True) | Q(appeal_on__gte=F("decided_on")),
                name="measure_appeal_after_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} – {self.establishment or self.person}"  # noqa: RUF001

    @property
    def reference(self) -> str:
        return f"BM-{self.registered_on:%Y}-{self.pk:05d}"

    @property
    def subject(self) -> str:
        return str(self.establishment) if self.establishment_id else str(_("a person"))
