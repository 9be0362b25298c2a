"""Safe shelter at any hour (Twente §7.2): finding a free place that fits a presumed victim,
reserving it in one transaction, handing it to the provider, who accepts or declines, and
ending the placement. CoMensha places only during office hours; the hub and the care
coordinators can place at any hour with these operations.

Reserving is a conditional UPDATE (`occupied < capacity`) on the unit's row: when two
coordinators ask for the last bed of a chosen unit at once, PostgreSQL makes the second UPDATE
wait for the first transaction and then re-checks the condition, which no longer holds, so one
gets the bed and the other is told. Looking for the best fitting unit locks it first and skips
a unit another reservation holds (SKIP LOCKED), so the second coordinator takes the next free
unit or is told that none is free. The database refuses more than the capacity besides.

Every change appends an `OccupancyEvent` (a refusal for lack of space too), writes the
access log and tells the people concerned after commit; views, the demo and the benchmark
call these functions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case as When_
from django.db.models import F, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zicht.audit.log import record_change
from zicht.audit.models import AccessAction, Purpose
from zicht.care.models import CareTrajectory
from zicht.care.shelter_models import (
    HOLDS_A_PLACE,
    OccupancyEvent,
    OccupancyEventKind,
    Placement,
    PlacementEnd,
    PlacementStatus,
    ServesSex,
    ShelterType,
    ShelterUnit,
)
from zicht.care.trajectories import CareRefused, NotFound, require_care_role
from zicht.care.workflow import CARE_ROLES
from zicht.casework.models import Case
from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import PersonRole, Sex
from zicht.lib.ages import ADULT_AGE, age_on
from zicht.notifications.delivery import notify_users
from zicht.organisations import recipients
from zicht.organisations.models import (
    Membership,
    Organisation,
    OrganisationType,
    Region,
    Role,
)

# Organisations that offer shelter places.
PROVIDER_TYPES = frozenset({OrganisationType.SHELTER, OrganisationType.CARE})

# Office hours of CoMensha and most providers' intake desks: working days, 9:00 to 17:00.
OFFICE_OPENS, OFFICE_CLOSES = datetime.time(9), datetime.time(17)

# How many times a reservation looks for a fitting unit before it says none is free.
CANDIDATES = 25


class NoPlaceFree(CareRefused):
    """No fitting place is free; recorded as a refusal for lack of space."""

    def __init__(self, message: str, *, region: Region, shelter_type: str, minor: bool) -> None:
        super().__init__(message)
        self.region, self.shelter_type, self.minor = region, shelter_type, minor


def is_office_hours(at: datetime.datetime | None = None) -> bool:
    """Monday to Friday, 9:00 to 17:00 local time."""
    local = timezone.localtime(at or timezone.now())
    return local.weekday() < 5 and OFFICE_OPENS <= local.time() < OFFICE_CLOSES


def placement_link(placement: Placement) -> str:
    return reverse("care:placement_detail", args=[placement.pk])


def visible_placements(membership: Membership | None) -> QuerySet[Placement]:
    """The placements a membership may see, built on the one rule of the area: the hub the
    placements of the cases it sees, a care coordinator those of the victims whose care
    its organisation coordinates (`CareTrajectory.objects.visible_to`, itself built on
    `Case.objects.visible_to`), and a provider's staff the placements in its own units."""
    if membership is None:
        return Placement.objects.none()
    rule = Q(unit__provider=membership.organisation)
    if membership.role == Role.HUB_CASE_MANAGER:
        rule |= Q(case__in=Case.objects.visible_to(membership))
    elif membership.role == Role.CARE_COORDINATOR:
        rule |= Q(person__care_trajectory__in=CareTrajectory.objects.visible_to(membership)) | Q(
            requesting_organisation=membership.organisation,
            case__in=Case.objects.visible_to(membership),
        )
    return Placement.objects.filter(rule)


# ---------------------------------------------------------------- the places


@dataclass(frozen=True)
class UnitSpec:
    name: str
    shelter_type: str
    capacity: int
    serves_sex: str = ServesSex.ANY
    min_age: int = ADULT_AGE
    max_age: int = 120
    multi_problem: bool = False
    secret_address: bool = False


def _check_spec(spec: UnitSpec) -> None:
    if not spec.name.strip():
        raise CareRefused(_("Give the shelter unit a name."))
    if spec.shelter_type not in ShelterType.values:
        raise CareRefused(_("Choose the type of shelter."))
    if spec.serves_sex not in ServesSex.values:
        raise CareRefused(_("Choose whom the unit takes."))
    if spec.capacity < 1:
        raise CareRefused(_("A shelter unit has at least one place."))
    if spec.min_age > spec.max_age:
        raise CareRefused(_("The minimum age cannot be above the maximum age."))
    if spec.min_age < ADULT_AGE <= spec.max_age:
        raise CareRefused(
            _("Minors and adults are sheltered apart: a unit takes either minors or adults.")
        )


@transaction.atomic
def register_unit(*, by: Membership, provider: Organisation, spec: UnitSpec) -> ShelterUnit:
    """Record a provider's places of one type: by the provider itself or its region's hub."""
    own = by.organisation_id == provider.pk
    regional_hub = by.role == Role.HUB_CASE_MANAGER and by.organisation.region_id == (
        provider.region_id
    )
    if not (own or regional_hub):
        raise CareRefused(_("Only the provider or its region's hub records shelter places."))
    if provider.type not in PROVIDER_TYPES or not provider.is_active:
        raise CareRefused(_("Shelter places belong to an active shelter or care organisation."))
    _check_spec(spec)
    unit = ShelterUnit.objects.create(
        provider=provider,
        region_id=provider.region_id,
        name=spec.name.strip(),
        shelter_type=spec.shelter_type,
        capacity=spec.capacity,
        serves_sex=spec.serves_sex,
        for_minors=spec.max_age < ADULT_AGE,
        min_age=spec.min_age,
        max_age=spec.max_age,
        multi_problem=spec.multi_problem,
        secret_address=spec.secret_address,
    )
    record_change(
        membership=by,
        action=AccessAction.CREATE,
        obj=unit,
        detail={"provider": provider.pk, "type": spec.shelter_type, "capacity": spec.capacity},
    )
    return unit


# ---------------------------------------------------------------- what fits


@dataclass(frozen=True)
class Need:
    """What a place must offer the person: derived from the person where it is known."""

    minor: bool
    age: int | None
    sex: str
    shelter_type: str = ""
    multi_problem: bool = False
    secret_address: bool = False


def fitting_units(region: Region | int, need: Need) -> QuerySet[ShelterUnit]:
    """The region's active units that fit the need and have a free place; the type asked
    for first, then the units with the most free places."""
    units = ShelterUnit.objects.filter(
        region=region,
        is_active=True,
        for_minors=need.minor,
        occupied__lt=F("capacity"),
    )
    if need.age is not None:
        units = units.filter(min_age__lte=need.age, max_age__gte=need.age)
    units = units.filter(serves_sex__in=_sexes_served(need.sex))
    if need.multi_problem:
        units = units.filter(multi_problem=True)
    if need.secret_address:
        units = units.filter(secret_address=True)
    preferred = IntegerField()
    return units.annotate(
        preferred=When_(
            When(shelter_type=need.shelter_type, then=Value(0)),
            default=Value(1),
            output_field=preferred,
        )
        if need.shelter_type
        else Value(0, output_field=preferred)
    ).order_by("preferred", F("occupied") - F("capacity"), "pk")


def _sexes_served(sex: str) -> list[str]:
    if sex == Sex.FEMALE:
        return [ServesSex.WOMEN, ServesSex.ANY]
    if sex == Sex.MALE:
        return [ServesSex.MEN, ServesSex.ANY]
    return [ServesSex.ANY]  # not known: only a unit that takes everyone


def _misfit(unit: ShelterUnit, need: Need) -> str:
    """Why a unit does not fit the need ('' when it does)."""
    if need.minor and not unit.for_minors:
        return _("A minor is never placed in a place for adults; choose a place for minors.")
    if not need.minor and unit.for_minors:
        return _("An adult is never placed in a place for minors.")
    if need.age is not None and not unit.min_age <= need.age <= unit.max_age:
        return _("%(unit)s takes persons from %(min)s to %(max)s years old.") % {
            "unit": unit.name,
            "min": unit.min_age,
            "max": unit.max_age,
        }
    if unit.serves_sex not in _sexes_served(need.sex):
        return _("%(unit)s does not take this person (%(served)s only).") % {
            "unit": unit.name,
            "served": unit.get_serves_sex_display().lower(),
        }
    if need.multi_problem and not unit.multi_problem:
        return _("%(unit)s does not take multi-problem cases.") % {"unit": unit.name}
    if need.secret_address and not unit.secret_address:
        return _("%(unit)s has no secret address.") % {"unit": unit.name}
    return ""


def need_of(
    person: InvolvedPerson,
    *,
    is_minor: bool | None = None,
    shelter_type: str = "",
    multi_problem: bool = False,
    secret_address: bool = False,
    today: datetime.date | None = None,
) -> Need:
    """The need of a person: age and minority from the birth date when it is known (then
    `is_minor` is not asked), else `is_minor` must say it."""
    age = None
    if person.birth_date is not None:
        age = age_on(person.birth_date, today or timezone.localdate())
        minor = age < ADULT_AGE
    elif is_minor is None:
        raise CareRefused(
            _("The date of birth is not known: say whether the person is a minor (under 18).")
        )
    else:
        minor = is_minor
    if shelter_type and shelter_type not in ShelterType.values:
        raise CareRefused(_("Choose the type of shelter."))
    return Need(
        minor=minor,
        age=age,
        sex=person.sex,
        shelter_type=shelter_type,
        multi_problem=multi_problem,
        secret_address=secret_address,
    )


# ---------------------------------------------------------------- reserving


def request_placement(
    *,
    case_id: int,
    person_id: int,
    by: Membership,
    is_minor: bool | None = None,
    shelter_type: str = "",
    multi_problem: bool = False,
    secret_address: bool = False,
    unit_id: int | None = None,
) -> Placement:
    """Find a free place that fits the presumed victim (in `unit_id`, or the best fitting
    unit of the case's region) and reserve it for the provider to accept, at any hour.

    Raises NotFound for a case or person the membership may not see, CareRefused with the
    reason otherwise; when no fitting place is free (NoPlaceFree) the refusal is recorded
    for the monitor, and nothing else is changed."""
    try:
        return _reserve(
            case_id=case_id,
            person_id=person_id,
            by=by,
            is_minor=is_minor,
            shelter_type=shelter_type,
            multi_problem=multi_problem,
            secret_address=secret_address,
            unit_id=unit_id,
        )
    except NoPlaceFree as refusal:
        record_refusal(refusal)
        raise


@transaction.atomic
def record_refusal(refusal: NoPlaceFree) -> OccupancyEvent:
    return OccupancyEvent.objects.create(
        region=refusal.region,
        kind=OccupancyEventKind.REFUSED_FULL,
        shelter_type=refusal.shelter_type,
        for_minor=refusal.minor,
    )


@transaction.atomic
def _reserve(
    *,
    case_id: int,
    person_id: int,
    by: Membership,
    is_minor: bool | None,
    shelter_type: str,
    multi_problem: bool,
    secret_address: bool,
    unit_id: int | None,
) -> Placement:
    case = Case.objects.visible_to(by).select_related("region").filter(pk=case_id).first()
    if case is None:
        raise NotFound
    require_care_role(by)
    person = InvolvedPerson.objects.filter(pk=person_id, report__case=case).first()
    if person is None:
        raise NotFound
    if person.role != PersonRole.PRESUMED_VICTIM:
        raise CareRefused(_("Shelter is found for a presumed victim."))
    # One place per person at a time; the person's row serialises two requests for them.
    InvolvedPerson.objects.select_for_update().filter(pk=person.pk).first()
    if Placement.objects.filter(person=person, status__in=HOLDS_A_PLACE).exists():
        raise CareRefused(_("This person already has a reserved or occupied shelter place."))
    need = need_of(
        person,
        is_minor=is_minor,
        shelter_type=shelter_type,
        multi_problem=multi_problem,
        secret_address=secret_address,
    )
    unit = _take_a_place(case.region, need, unit_id)
    placement = Placement.objects.create(
        case=case,
        person=person,
        unit=unit,
        status=PlacementStatus.RESERVED,
        person_is_minor=need.minor,
        requested_by=by.user,
        requesting_organisation=by.organisation,
    )
    _event(placement, OccupancyEventKind.RESERVED, occupied_after=unit.occupied)
    _log(by, placement, AccessAction.CREATE, unit=unit.pk, type=unit.shelter_type)
    notify_users(
        recipients.organisation_members(unit.provider),
        subject=_("Shelter place reserved: %(ref)s (%(type)s)")
        % {"ref": placement.reference, "type": unit.get_shelter_type_display()},
        body=_(
            "A place in %(unit)s was reserved for a victim of human trafficking. "
            "Accept or decline the placement in zicht now."
        )
        % {"unit": unit.name},
        link=placement_link(placement),
        urgent=True,
    )
    return placement


def _take_a_place(region: Region, need: Need, unit_id: int | None) -> ShelterUnit:
    """Reserve one place of the chosen unit or of the best fitting one: a conditional
    UPDATE per candidate, so a place is taken only while one is free."""
    if unit_id is not None:
        unit = ShelterUnit.objects.filter(pk=unit_id, region=region, is_active=True).first()
        if unit is None:
            raise CareRefused(_("Choose a shelter unit of the case's region."))
        misfit = _misfit(unit, need)
        if misfit:
            raise CareRefused(misfit)
        if not _claim(unit.pk):
            raise NoPlaceFree(
                _(
                    "All %(capacity)s places of %(unit)s (%(provider)s) are taken. "
                    "Choose another place or search all fitting places."
                )
                % {
                    "capacity": unit.capacity,
                    "unit": unit.name,
                    "provider": unit.provider.name,
                },
                region=region,
                shelter_type=unit.shelter_type,
                minor=need.minor,
            )
        return ShelterUnit.objects.select_related("provider").get(pk=unit.pk)
    for _attempt in range(CANDIDATES):
        # The best fitting unit that no other reservation holds right now: a unit being
        # reserved by another coordinator is skipped instead of waited for, so fifty
        # coordinators spread over the free places instead of queueing for the first one.
        candidate = (
            fitting_units(region, need)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
            .first()
        )
        if candidate is None:
            break
        if _claim(candidate):
            return ShelterUnit.objects.select_related("provider").get(pk=candidate)
    raise NoPlaceFree(
        _(
            "No fitting shelter place is free in the region right now. The request was "
            "recorded; call the providers or a shelter outside the region."
        ),
        region=region,
        shelter_type=need.shelter_type,
        minor=need.minor,
    )


def _claim(unit_id: int) -> bool:
    """Take one place of the unit if one is free. The condition is evaluated again after
    waiting for a concurrent reservation of the same row: never more than the capacity."""
    return (
        ShelterUnit.objects.filter(pk=unit_id, is_active=True, occupied__lt=F("capacity")).update(
            occupied=F("occupied") + 1
        )
        == 1
    )


def _release(unit_id: int) -> int:
    """Free one place of the unit; the occupancy after."""
    ShelterUnit.objects.filter(pk=unit_id, occupied__gt=0).update(occupied=F("occupied") - 1)
    return ShelterUnit.objects.values_list("occupied", flat=True).get(pk=unit_id)


def _event(placement: Placement, kind: str, *, occupied_after: int) -> OccupancyEvent:
    unit = placement.unit
    return OccupancyEvent.objects.create(
        region_id=unit.region_id,
        kind=kind,
        shelter_type=unit.shelter_type,
        unit=unit,
        placement=placement,
        occupied_after=occupied_after,
        for_minor=placement.person_is_minor,
    )


def _log(by: Membership, placement: Placement, action: str, **detail: object) -> None:
    record_change(
        membership=by,
        action=action,
        obj=placement,
        person_ids=[placement.person_id],
        purpose=Purpose.CARE_COORDINATION,
        detail={"case": placement.case_id, **detail},
    )


# ---------------------------------------------------------------- the provider decides


def _lock(placement_id: int) -> Placement:
    try:
        return (
            Placement.objects.select_for_update(of=("self",))
            .select_related("unit", "unit__provider", "case", "case__region")
            .get(pk=placement_id)
        )
    except Placement.DoesNotExist:
        raise NotFound from None


@transaction.atomic
def decide_placement(
    *, placement_id: int, by: Membership, accept: bool, reason: str = ""
) -> Placement:
    """The provider accepts the reserved place or declines it with a reason, as a handover
    is decided (`zicht.casework.actions.decide_handover`); declining frees the place."""
    placement = _lock(placement_id)
    if placement.unit.provider_id != by.organisation_id:
        raise NotFound
    if placement.status != PlacementStatus.RESERVED:
        raise CareRefused(_("This placement has already been decided."))
    if not accept and not reason.strip():
        raise CareRefused(_("Say why your organisation declines the placement."))
    placement.status = PlacementStatus.PLACED if accept else PlacementStatus.DECLINED
    placement.decided_at = timezone.now()
    placement.decided_by = by.user
    placement.decline_reason = "" if accept else reason.strip()
    placement.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
    if accept:
        occupied = ShelterUnit.objects.values_list("occupied", flat=True).get(pk=placement.unit_id)
        _event(placement, OccupancyEventKind.ACCEPTED, occupied_after=occupied)
    else:
        _event(placement, OccupancyEventKind.DECLINED, occupied_after=_release(placement.unit_id))
    _log(by, placement, AccessAction.UPDATE, accepted=accept)
    notify_users(
        _requesters(placement),
        subject=(
            _("Placement %(ref)s accepted by %(provider)s")
            if accept
            else _("Placement %(ref)s declined by %(provider)s")
        )
        % {"ref": placement.reference, "provider": placement.unit.provider.name},
        body=_("The provider accepted the placement.")
        if accept
        else _("The provider declined the placement; the place was freed. Find another place."),
        link=placement_link(placement),
        urgent=not accept,
    )
    return placement


def _requesters(placement: Placement) -> list:
    """Who asked for the place: the requesting organisation's coordinators and the hub."""
    return recipients.staff_in_role(
        placement.requesting_organisation, Role.CARE_COORDINATOR
    ) + recipients.hub_staff(placement.case.region)


@transaction.atomic
def end_placement(*, placement_id: int, by: Membership, reason: str) -> Placement:
    """End a placement (or a reservation the victim never took up) and free the place: by
    the provider or by the hub or coordinator who sees it."""
    if not visible_placements(by).filter(pk=placement_id).exists():
        raise NotFound
    placement = _lock(placement_id)
    if placement.unit.provider_id != by.organisation_id and by.role not in CARE_ROLES:
        raise CareRefused(_("Only the provider, the hub or the care coordinator can do this."))
    if not placement.holds_a_place:
        raise CareRefused(_("This placement has already ended."))
    if reason not in PlacementEnd.values:
        raise CareRefused(_("Say why the placement ends."))
    placement.status = PlacementStatus.ENDED
    placement.ended_at = timezone.now()
    placement.ended_by = by.user
    placement.end_reason = reason
    placement.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
    _event(placement, OccupancyEventKind.ENDED, occupied_after=_release(placement.unit_id))
    _log(by, placement, AccessAction.UPDATE, ended=reason)
    return placement
