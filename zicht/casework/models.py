"""Cases and everything that happens to them on the meldroute."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Cast, Concat, ExtractYear, LPad
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.casework.workflow import ClosureReason, Status
from zicht.organisations.models import Membership, Municipality, Organisation, Region, Role

if TYPE_CHECKING:
    # django-stubs' name for the configured user model (zicht.accounts.User, a layer above).
    from django.contrib.auth.models import _User


class AppendOnlyError(Exception):
    pass


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, membership: Membership | None) -> CaseQuerySet:
        """The one visibility rule (need to know) for every case list, page and export.

        - the regional hub sees every case in its region;
        - a focal officer sees the cases of their municipality and their organisation's reports;
        - a partner sees cases with a pending or accepted handover to its organisation;
        - a safety officer sees cases flagged to their organisation;
        - a care coordinator sees the cases whose victims' care their organisation
          coordinates, and cases with a pending or accepted handover to it;
        - a case table's chair or secretary sees the cases on the agenda of a table their
          organisation chairs (zicht.casetable);
        - everyone else sees no case (a reporter follows their own reports only).
        """
        if membership is None:
            return self.none()
        organisation = membership.organisation
        role = membership.role
        if role == Role.HUB_CASE_MANAGER and organisation.is_hub:
            # A column of the case itself: no join, so no duplicate rows to fold away.
            return self.filter(region_id=organisation.region_id)
        if role == Role.FOCAL_OFFICER:
            rule = Q(reports__reporting_organisation=organisation)
            if organisation.municipality_id:
                rule |= Q(municipality_id=organisation.municipality_id)
        elif role == Role.PARTNER_MEMBER:
            rule = Q(
                handovers__to_organisation=organisation,
                handovers__status__in=[HandoverStatus.PENDING, HandoverStatus.ACCEPTED],
            )
        elif role == Role.SAFETY_OFFICER:
            rule = Q(safety_notices__organisation=organisation)
        elif role == Role.CARE_COORDINATOR:
            # The trajectories belong to zicht.care, a layer above; the rule names them by
            # their relation (no import), so that it stays the one rule for every case.
            rule = Q(care_trajectories__coordinating_organisation=organisation) | Q(
                handovers__to_organisation=organisation,
                handovers__status__in=[HandoverStatus.PENDING, HandoverStatus.ACCEPTED],
            )
        elif role == Role.TABLE_SECRETARY:
            # The tables belong to zicht.casetable, a layer above; named by relation too.
            rule = Q(table_items__meeting__table__chair_organisation=organisation)
        else:
            return self.none()
        return self.filter(pk__in=Case.objects.filter(rule).values("pk"))

    def matching_reference(self, text: str) -> CaseQuerySet:
        """Cases whose reference contains ``text`` ("1434", "c-2026-0014", "C-2026-001434"),
        the reference written in SQL as ``Case.reference`` writes it (year of opening in UTC)."""
        number = Cast("id", models.CharField())
        padded = models.Case(
            models.When(id__lt=1_000_000, then=LPad(number, 6, Value("0"))), default=number
        )
        year = Cast(ExtractYear("opened_at", tzinfo=datetime.UTC), models.CharField())
        reference = Concat(Value("C-"), year, Value("-"), padded, output_field=models.CharField())
        return self.alias(reference_text=reference).filter(reference_text__icontains=text.strip())

    def worked_on_by(self, user: _User) -> CaseQuerySet:
        """Cases in which ``user`` took part: a step, a report, an action added or done, a
        handover decided, feedback given."""
        rule = (
            Q(steps__actor=user)
            | Q(reports__reported_by=user)
            | Q(actions__created_by=user)
            | Q(actions__completed_by=user)
            | Q(handovers__decided_by=user)
            | Q(feedback__given_by=user)
        )
        return self.filter(pk__in=Case.objects.filter(rule).values("pk"))


class Case(models.Model):
    """One situation, linking reports, persons, places and organisations (casus)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="cases")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    is_acute = models.BooleanField(_("acute"), default=False)
    has_safety_risk = models.BooleanField(_("safety risk"), default=False)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now, db_index=True)
    opened_by_hub = models.BooleanField(default=False)
    reported_to_hub_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=32, choices=ClosureReason.choices, blank=True
    )
    follow_up_secured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-is_acute", "-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["region", "status"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"C-{self.opened_at:%Y}-{self.pk:06d}"

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED


class CaseStep(models.Model):
    """Append-only history of the case's route: one row per transition."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    transition = models.CharField(max_length=32)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("case history is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("case history is append-only")


class CaseLink(models.Model):
    """The hub's finding that two cases concern the same situation or persons."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    linked_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    matched_on = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "linked_case"], name="unique_case_link")
        ]


class ActionKind(models.TextChoices):
    VEILIG_THUIS = "veilig_thuis", _("Report to Veilig Thuis (meldcode)")
    RIEC = "riec", _("Refer to the RIEC")
    CARE = "care", _("Refer to a wijkcoach / care")
    SHELTER = "shelter", _("Find a safe shelter place")
    POLICE_REPORT = "police_report", _("Report to the police")
    OFFENDER_APPROACH = "offender_approach", _("Start the offender approach")
    ADMINISTRATIVE_MEASURE = "administrative_measure", _("Administrative measure")
    LABOUR_INSPECTORATE = "labour_inspectorate", _("Refer to the labour inspectorate")
    ADVICE = "advice", _("Information and advice")


class ActionStatus(models.TextChoices):
    AWAITING_ACCEPTANCE = "awaiting_acceptance", _("Awaiting acceptance")
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class FollowUpAction(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("action"), max_length=32, choices=ActionKind.choices)
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="actions", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=24, choices=ActionStatus.choices)
    instructions = models.TextField(_("instructions"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    @property
    def is_overdue(self) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on < timezone.localdate()


class HandoverStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Handover(models.Model):
    """A case or action passed to another organisation, which accepts or declines it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handovers")
    action = models.OneToOneField(
        FollowUpAction, on_delete=models.CASCADE, null=True, blank=True, related_name="handover"
    )
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="handovers_received"
    )
    status = models.CharField(max_length=16, choices=HandoverStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        ordering = ["-created_at"]


class Feedback(models.Model):
    """The hub's answer to the focal officer, due within the term agreed when reporting."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="feedback")
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("feedback due on"))
    requested_at = models.DateTimeField(default=timezone.now)
    given_at = models.DateTimeField(null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("feedback"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    @property
    def is_overdue(self) -> bool:
        return self.given_at is None and self.due_on < timezone.localdate()


class SafetyNotice(models.Model):
    """A safety risk on a case flagged to a municipality's safety officers (OOV)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_notices")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="unique_safety_notice")
        ]
