"""The case table (casustafel / dadertafel) of a region: its member organisations with the
covenants they signed, meetings, the agenda (cases and the suspects of a case), minutes,
decisions that become follow-up actions, and measures against offenders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zicht.casework.models import Case, FollowUpAction
from zicht.intake.models import InvolvedPerson
from zicht.organisations.models import Membership, Organisation, Region, Role

# Who of a member organisation takes part in the table (not its reporters, analysts,
# administrators or privacy officers).
TABLE_ROLES = frozenset(
    {
        Role.HUB_CASE_MANAGER,
        Role.TABLE_SECRETARY,
        Role.PARTNER_MEMBER,
        Role.CARE_COORDINATOR,
        Role.FOCAL_OFFICER,
        Role.SAFETY_OFFICER,
    }
)


class TableKind(models.TextChoices):
    CASE_TABLE = "case_table", _("Case table (casustafel)")
    OFFENDER_TABLE = "offender_table", _("Offender table (dadertafel)")


class Covenant(models.TextChoices):
    """The legal basis on which an agenda item is shared with the table's members."""

    RIEC = "riec", _("RIEC covenant")
    CARE = "care", _("Care covenant")


class CaseTable(models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="case_tables")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=TableKind.choices)
    chair_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="chaired_tables",
        verbose_name=_("chaired by"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("case table")
        verbose_name_plural = _("case tables")

    def __str__(self) -> str:
        return self.name


class TableMember(models.Model):
    """An organisation at the table and the covenants it signed: it is shown the items
    shared under a covenant it signed, and the care details only under the care covenant."""

    table = models.ForeignKey(CaseTable, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="table_memberships"
    )
    riec_covenant = models.BooleanField(_("signed the RIEC covenant"), default=False)
    care_covenant = models.BooleanField(_("signed the care covenant"), default=False)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("table member")
        verbose_name_plural = _("table members")
        constraints = [
            models.UniqueConstraint(fields=["table", "organisation"], name="one_seat_per_table")
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def signed(self, covenant: str) -> bool:
        return self.care_covenant if covenant == Covenant.CARE else self.riec_covenant


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Meeting held")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, membership: Membership | None) -> MeetingQuerySet:
        """The meetings of the tables the membership's organisation sits at."""
        if membership is None or membership.role not in TABLE_ROLES:
            return self.none()
        return self.filter(table__members__organisation=membership.organisation)


class Meeting(models.Model):
    table = models.ForeignKey(CaseTable, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    minutes_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("table meeting")
        verbose_name_plural = _("table meetings")

    def __str__(self) -> str:
        return f"{self.table} {self.held_on:%Y-%m-%d}"

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    def visible_to(self, membership: Membership | None) -> AgendaItemQuerySet:
        """Need to know per organisation: the items of the tables the membership's
        organisation sits at, shared under a covenant it signed. The chair's own items
        are the cases the one case rule (`Case.objects.visible_to`) shows it."""
        if membership is None or membership.role not in TABLE_ROLES:
            return self.none()
        seat = TableMember.objects.filter(
            table=OuterRef("meeting__table"), organisation=membership.organisation
        )
        signed = Exists(seat.filter(riec_covenant=True)) & Q(covenant=Covenant.RIEC) | Exists(
            seat.filter(care_covenant=True)
        ) & Q(covenant=Covenant.CARE)
        return self.filter(signed)

    def at_table_of(self, membership: Membership) -> AgendaItemQuerySet:
        """Every item of the tables the membership's organisation sits at, shared with it
        or not (to say that an item is not shared, never what is in it)."""
        if membership.role not in TABLE_ROLES:
            return self.none()
        return self.filter(meeting__table__members__organisation=membership.organisation)


class AgendaItem(models.Model):
    """A case on a meeting's agenda, or one suspect of a case (the offender approach)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="table_items")
    person = models.ForeignKey(
        InvolvedPerson,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="table_items",
        verbose_name=_("suspect"),
    )
    covenant = models.CharField(_("legal basis"), max_length=8, choices=Covenant.choices)
    summary = models.TextField(_("what the table discusses"))
    care_details = models.TextField(_("care details (care covenant only)"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "case"],
                condition=Q(person__isnull=True),
                name="case_once_per_agenda",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="person_once_per_agenda",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"T-{self.pk:06d}"


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class Decision(models.Model):
    """What the table decided on an item: a follow-up action on the case, made through the
    meldroute's own operation (`zicht.casework.actions.add_action`). It is open until the
    action is done (or declined), and comes back on the next meeting's list until then."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField(_("decision"))
    action = models.OneToOneField(
        FollowUpAction, on_delete=models.PROTECT, related_name="table_decision"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("table decision")
        verbose_name_plural = _("table decisions")

    def __str__(self) -> str:
        return f"{self.item.reference}: {self.text[:40]}"


class MeasureKind(models.TextChoices):
    CONTACT_BAN = "contact_ban", _("Contact ban")
    LOCATION_BAN = "location_ban", _("Location ban")
    REINTEGRATION = "reintegration", _("Re-integration")


class OffenderMeasure(models.Model):
    """A measure against one suspect, decided at a meeting of the table."""

    person = models.ForeignKey(
        InvolvedPerson, on_delete=models.PROTECT, related_name="offender_measures"
    )
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="measures")
    kind = models.CharField(_("measure"), max_length=16, choices=MeasureKind.choices)
    electronic_monitoring = models.BooleanField(_("with electronic monitoring"), default=False)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("offender measure")
        verbose_name_plural = _("offender measures")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="measure_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(electronic_monitoring=False) | Q(kind="location_ban"),
                name="monitoring_only_with_location_ban",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
