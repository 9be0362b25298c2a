"""Care coordination in the demo: a care coordinator at every region's hub, and (with the
history) trajectories of that region's presumed victims in every stage, made through the
operations of `zicht.care` by the hub and the coordinator, at believable moments."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import time_machine
from django.utils import timezone

from zicht.care import reflection, shelter, support, trajectories
from zicht.care.models import (
    CareTrajectory,
    ConsentBy,
    ContactKind,
    GoalDomain,
    LegalBasis,
    ShelterUnit,
)
from zicht.care.shelter import NoPlaceFree, UnitSpec
from zicht.care.shelter_models import PlacementEnd, ServesSex, ShelterType
from zicht.care.workflow import Outcome, ReopenReason
from zicht.casework.models import Case
from zicht.casework.workflow import Status
from zicht.demo.organisations import REGIONS, _member
from zicht.intake.models import InvolvedPerson
from zicht.intake.vocabulary import PersonRole
from zicht.lib.ages import is_minor_on
from zicht.notifications.delivery import as_history
from zicht.organisations.models import Membership, Organisation, OrganisationType, Role

# The stages every region shows, in the order the trajectories are made.
STAGES = ("intake", "plan", "in_care", "reflection_ending", "aftercare", "closed", "relapse")


def _coordinator(slug: str, hub: Organisation) -> Membership:
    return _member(
        f"zorgcoordinator.{slug}",
        "Zorgcoördinator",
        hub.region.name,
        organisation=hub,
        role=Role.CARE_COORDINATOR,
    )


def create_care_demo(
    organisations: dict[str, dict[str, Organisation]], *, history: bool
) -> list[tuple[str, str, str]]:
    """The coordinators (returned to print) and, with the history, their trajectories."""
    users = []
    for plan in REGIONS:
        hub = organisations[plan.code]["hub"]
        coordinator = _coordinator(plan.slug, hub)
        users.append((coordinator.user.username, hub.name, str(Role(coordinator.role).label)))
        if history and not CareTrajectory.objects.filter(case__region=hub.region).exists():
            hub_member = Membership.objects.get(
                user__username=f"hub.{plan.slug}", organisation=hub, role=Role.HUB_CASE_MANAGER
            )
            create_region_trajectories(hub_member, coordinator, organisations[plan.code])
            create_region_shelter(hub_member, organisations[plan.code])
    return users


@dataclass(frozen=True)
class Cast:
    """Who acts in a region's trajectories, and the case in which one victim turns up again."""

    hub: Membership
    coordinator: Membership
    organisations: dict[str, Organisation]
    relapse_case: Case


def _victims(hub: Organisation) -> list[InvolvedPerson]:
    """Presumed victims of the region's cases in follow-up or closed, newest first."""
    cases = Case.objects.filter(region=hub.region, status__in=[Status.FOLLOW_UP, Status.CLOSED])
    return list(
        InvolvedPerson.objects.filter(
            report__case__in=cases, role=PersonRole.PRESUMED_VICTIM, care_trajectory__isnull=True
        )
        .select_related("report")
        .order_by("-report__received_at")[:200]
    )


def create_region_trajectories(
    hub: Membership, coordinator: Membership, organisations: dict[str, Organisation]
) -> None:
    victims = _victims(hub.organisation)
    if not victims:
        return
    newest_case = victims.pop(0).report.case
    assert newest_case is not None  # the victims come from cases
    cast = Cast(hub, coordinator, organisations, relapse_case=newest_case)
    now = timezone.now()
    with as_history():
        for stage in STAGES:
            started = now - datetime.timedelta(days=DAYS_AGO[stage])
            # A victim reported before the trajectory starts, each in a case of their own.
            victim = next((v for v in victims if v.report.received_at < started), None)
            if victim is None:
                continue
            victims = [v for v in victims if v.report.case_id != victim.report.case_id]
            _tell_story(stage, victim, started, cast)


def _tell_story(stage: str, victim: InvolvedPerson, started: datetime.datetime, cast: Cast) -> None:
    """Open the victim's trajectory at `started` and take the stage's steps after it."""
    with time_machine.travel(started, tick=False):
        trajectory = trajectories.open_trajectory(
            case_id=int(victim.report.case_id or 0), person_id=victim.pk, by=cast.hub
        )
    for days_later, step in STORY[stage]:
        with time_machine.travel(started + datetime.timedelta(days=days_later), tick=False):
            step(trajectory.pk, cast)


DAYS_AGO = {
    "intake": 3,
    "plan": 12,
    "in_care": 60,
    "reflection_ending": 82,
    "aftercare": 200,
    "closed": 300,
    "relapse": 400,
}

Step = Callable[[int, Cast], object]


def _plan(t: int, cast: Cast) -> None:
    by, orgs = cast.coordinator, cast.organisations
    trajectories.start_plan(trajectory_id=t, by=by, note="Intake gedaan met tolk.")
    today = timezone.localdate()
    for domain, text, owner, days in (
        (GoalDomain.HOUSING, "Veilige woonplek buiten de regio", OrganisationType.SHELTER, 30),
        (GoalDomain.HEALTH, "Huisarts en traumabehandeling", OrganisationType.CARE, 45),
        (GoalDomain.LEGAL, "Advocaat voor aangifte en verblijf", OrganisationType.CARE, 21),
    ):
        support.add_goal(
            trajectory_id=t,
            by=by,
            domain=domain,
            description=text,
            owner=orgs[owner],
            due_on=today + datetime.timedelta(days=days),
        )


def _care(t: int, cast: Cast) -> None:
    by, orgs = cast.coordinator, cast.organisations
    birth_date = CareTrajectory.objects.get(pk=t).person.birth_date
    minor = birth_date is not None and (
        support.age_on(birth_date, timezone.localdate()) < support.OWN_CONSENT_AGE
    )
    support.involve_provider(
        trajectory_id=t,
        by=by,
        provider=orgs[OrganisationType.SHELTER],
        purpose="Opvang en begeleiding naar zelfstandig wonen",
        legal_basis=LegalBasis.CONSENT,
        consent_on=timezone.localdate(),
        consent_by=ConsentBy.PARENT if minor else ConsentBy.VICTIM,
    )
    trajectories.start_care(trajectory_id=t, by=by)
    support.record_contact(
        trajectory_id=t,
        by=by,
        on=timezone.localdate(),
        kind=ContactKind.IN_PERSON,
        summary="Kennismaking in de opvang; afspraken over de komende weken.",
    )


def _reflection(t: int, cast: Cast) -> None:
    reflection.start_reflection_period(
        trajectory_id=t, by=cast.coordinator, starts_on=timezone.localdate()
    )


def _aftercare(t: int, cast: Cast) -> None:
    trajectories.start_aftercare(
        trajectory_id=t,
        by=cast.coordinator,
        follow_up_on=timezone.localdate() + datetime.timedelta(days=190),
        note="Doelen bereikt; nazorg om terugval te voorkomen.",
    )


def _close(t: int, cast: Cast) -> None:
    trajectories.close_trajectory(
        trajectory_id=t, by=cast.coordinator, outcome=Outcome.GOALS_REACHED
    )


def _relapse(t: int, cast: Cast) -> None:
    """The hub, which sees the new case, links the victim's trajectory to it."""
    trajectories.reopen_trajectory(
        trajectory_id=t,
        by=cast.hub,
        reason=ReopenReason.RELAPSE,
        note="Opnieuw gemeld in een nieuwe casus.",
        new_case_id=cast.relapse_case.pk,
    )


STORY: dict[str, list[tuple[int, Step]]] = {
    "intake": [],
    "plan": [(2, _plan)],
    "in_care": [(5, _plan), (14, _care)],
    "reflection_ending": [(1, _reflection), (4, _plan), (10, _care)],
    "aftercare": [(5, _plan), (14, _care), (150, _aftercare)],
    "closed": [(5, _plan), (14, _care), (150, _aftercare), (260, _close)],
    "relapse": [(5, _plan), (14, _care), (150, _aftercare), (260, _close), (390, _relapse)],
}


# The places of every region (modest): (provider type, name, spec); Twente has COSM places
# (Twente §7.2) and Rotterdam-Rijnmond an OMM unit for minors.
SHELTER_UNITS: tuple[tuple[str, UnitSpec], ...] = (
    (
        OrganisationType.SHELTER,
        UnitSpec(
            "Vrouwenopvang", ShelterType.WOMENS_SHELTER, 8, ServesSex.WOMEN, secret_address=True
        ),
    ),
    (
        OrganisationType.SHELTER,
        UnitSpec("Maatschappelijke opvang", ShelterType.SOCIAL_SHELTER, 6, multi_problem=True),
    ),
    (OrganisationType.SHELTER, UnitSpec("Crisisbedden", ShelterType.CRISIS_BED, 2)),
    (
        OrganisationType.CARE,
        UnitSpec("Jeugdopvang", ShelterType.YOUTH, 3, min_age=12, max_age=17),
    ),
)
REGION_UNITS: dict[str, tuple[UnitSpec, ...]] = {
    "VR05": (UnitSpec("COSM Twente", ShelterType.COSM, 10, ServesSex.WOMEN, secret_address=True),),
    "VR17": (UnitSpec("OMM Rijnmond", ShelterType.OMM, 4, min_age=12, max_age=17),),
}

# Placements of a region: (days ago, hour of the evening or night, days it lasted or None)
PLACEMENTS = ((240, 22, 120), (90, 23, 45), (20, 21, None))


def create_region_shelter(hub: Membership, organisations: dict[str, Organisation]) -> None:
    """The region's shelter places, a few placements of its presumed victims at night (two
    ended), and in Twente one request refused for lack of space; through the operations."""
    region = hub.organisation.region
    units = [
        shelter.register_unit(
            by=hub,
            provider=organisations[kind],
            spec=UnitSpec(**{**vars(spec), "name": f"{spec.name} {region.name}"}),
        )
        for kind, spec in SHELTER_UNITS
    ] + [
        shelter.register_unit(by=hub, provider=organisations[OrganisationType.SHELTER], spec=spec)
        for spec in REGION_UNITS.get(region.code, ())
    ]
    today = timezone.localdate()
    adults = [
        v
        for v in _victims(hub.organisation)
        if v.sex == "female" and v.birth_date is not None and not is_minor_on(v.birth_date, today)
    ]
    now = timezone.now()
    with as_history():
        for days_ago, hour, lasted in PLACEMENTS:
            night = timezone.localtime(now - datetime.timedelta(days=days_ago))
            at = night.replace(hour=hour, minute=10, second=0, microsecond=0)
            victim = next((v for v in adults if v.report.received_at < at), None)
            if victim is None:
                continue
            adults.remove(victim)
            _place(hub, victim, at, lasted)
        crisis = next(u for u in units if u.shelter_type == ShelterType.CRISIS_BED)
        if region.code == "VR05":
            _refused(hub, adults, crisis)


def _place(
    hub: Membership, victim: InvolvedPerson, at: datetime.datetime, lasted: int | None
) -> None:
    case_id = int(victim.report.case_id or 0)
    with time_machine.travel(at, tick=False):
        try:
            placement = shelter.request_placement(
                case_id=case_id, person_id=victim.pk, by=hub, secret_address=True
            )
        except NoPlaceFree:
            return
    provider = Membership.objects.filter(
        organisation=placement.unit.provider, role=Role.PARTNER_MEMBER
    ).first()
    if provider is None:
        return
    with time_machine.travel(at + datetime.timedelta(minutes=25), tick=False):
        shelter.decide_placement(placement_id=placement.pk, by=provider, accept=True)
    if lasted is not None:
        with time_machine.travel(at + datetime.timedelta(days=lasted), tick=False):
            shelter.end_placement(
                placement_id=placement.pk, by=provider, reason=PlacementEnd.MOVED_ON
            )


def _refused(hub: Membership, victims: list[InvolvedPerson], crisis: ShelterUnit) -> None:
    """Both crisis beds taken on one Saturday night; a third request is refused."""
    today = timezone.localdate()
    saturday = today - datetime.timedelta(days=(today.weekday() - 5) % 7 + 7)
    at = timezone.make_aware(datetime.datetime.combine(saturday, datetime.time(23, 30)))
    provider = Membership.objects.filter(
        organisation=crisis.provider, role=Role.PARTNER_MEMBER
    ).first()
    for victim in [v for v in victims if v.report.received_at < at][:3]:
        with time_machine.travel(at, tick=False):
            try:
                placement = shelter.request_placement(
                    case_id=int(victim.report.case_id or 0),
                    person_id=victim.pk,
                    by=hub,
                    unit_id=crisis.pk,
                )
            except NoPlaceFree:
                return
            if provider is not None:
                shelter.decide_placement(placement_id=placement.pk, by=provider, accept=True)
        at += datetime.timedelta(minutes=20)
