"""Shelter places: what fits whom, reserving, the provider's decision, ending, the occupancy
events and the refusals for lack of space; bad input changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from zicht.audit.models import AccessLogEntry
from zicht.care import shelter
from zicht.care.models import OccupancyEvent, Placement, ShelterUnit
from zicht.care.shelter import NoPlaceFree, UnitSpec
from zicht.care.shelter_models import PlacementStatus, ServesSex, ShelterType
from zicht.care.trajectories import CareRefused, NotFound
from zicht.notifications.models import Notification
from zicht.organisations.models import Organisation, OrganisationType
from zicht.organisations.tests.factories import MembershipFactory

ADULT = datetime.date(1999, 4, 2)
TODAY = timezone.localdate()
MINOR = TODAY.replace(year=TODAY.year - 15)


@pytest.fixture
def provider(demo):
    return Organisation.objects.get(region__code="VR05", type=OrganisationType.SHELTER)


@pytest.fixture
def provider_member(provider):
    return MembershipFactory(organisation=provider, role="partner_member")


@pytest.fixture
def unit(hub, provider):
    def make(**fields) -> ShelterUnit:
        spec = {"name": "Vrouwenopvang Hengelo", "shelter_type": ShelterType.WOMENS_SHELTER}
        spec["capacity"] = 2
        spec.update(fields)
        return shelter.register_unit(by=hub, provider=provider, spec=UnitSpec(**spec))

    return make


@pytest.fixture
def victims(make_report, person):
    """One case with an adult woman, a minor girl, and a man whose birth date is unknown."""
    case = make_report(
        persons=[
            person(first_name="Anna", last_name="K", birth_date=ADULT, sex="female"),
            person(first_name="Mila", last_name="K", birth_date=MINOR, sex="female"),
            person(first_name="Piotr", last_name="N", sex="male"),
        ]
    ).case
    by_name = {p.first_name: p for p in case.reports.get().persons.all()}
    return case, by_name


def place(hub, victims, name, **options) -> Placement:
    case, persons = victims
    return shelter.request_placement(case_id=case.pk, person_id=persons[name].pk, by=hub, **options)


def state() -> tuple:
    return (
        list(ShelterUnit.objects.values_list("pk", "occupied").order_by("pk")),
        list(Placement.objects.values_list("pk", "status").order_by("pk")),
        OccupancyEvent.objects.exclude(kind="refused_full").count(),
        Notification.objects.count(),
    )


def test_a_free_place_that_fits_is_reserved_and_the_provider_told(
    hub, victims, unit, provider_member, django_capture_on_commit_callbacks
):
    men = unit(name="Mannenopvang", shelter_type=ShelterType.COSM, serves_sex=ServesSex.MEN)
    women = unit(serves_sex=ServesSex.WOMEN)
    with django_capture_on_commit_callbacks(execute=True):
        placement = place(hub, victims, "Anna")
    assert (placement.unit, placement.status) == (women, PlacementStatus.RESERVED)
    women.refresh_from_db()
    men.refresh_from_db()
    assert (women.occupied, men.occupied) == (1, 0)
    event = OccupancyEvent.objects.get(placement=placement)
    assert (event.kind, event.shelter_type, event.occupied_after) == (
        "reserved",
        "womens_shelter",
        1,
    )
    told = Notification.objects.get(recipient=provider_member.user)
    assert placement.reference in told.subject
    assert "Anna" not in told.subject + told.body
    assert AccessLogEntry.objects.filter(
        object_type="care.placement", object_id=str(placement.pk), person_ids=[placement.person_id]
    ).exists()


def test_a_minor_is_never_placed_in_an_adult_place(hub, victims, unit, english):
    adults = unit()
    before = state()
    with pytest.raises(NoPlaceFree):
        place(hub, victims, "Mila")
    with pytest.raises(CareRefused, match="never placed in a place for adults"):
        place(hub, victims, "Mila", unit_id=adults.pk)
    assert state() == before
    youth = unit(name="OMM", shelter_type=ShelterType.OMM, min_age=12, max_age=17)
    assert place(hub, victims, "Mila").unit == youth


def test_age_unknown_must_be_said_and_sex_unknown_fits_only_mixed_units(
    hub, victims, unit, english
):
    unit(serves_sex=ServesSex.WOMEN)
    with pytest.raises(CareRefused, match="say whether the person is a minor"):
        place(hub, victims, "Piotr")
    with pytest.raises(NoPlaceFree):
        place(hub, victims, "Piotr", is_minor=False)
    crisis = unit(name="Crisisbed", shelter_type=ShelterType.CRISIS_BED, capacity=1)
    assert place(hub, victims, "Piotr", is_minor=False).unit == crisis


def test_the_need_narrows_the_places(hub, victims, unit, english):
    plain = unit(capacity=5)
    secret = unit(name="Geheim adres", secret_address=True, multi_problem=True, capacity=1)
    assert place(hub, victims, "Anna", secret_address=True).unit == secret
    with pytest.raises(CareRefused, match="no secret address"):
        place(hub, victims, "Piotr", is_minor=False, secret_address=True, unit_id=plain.pk)


def test_a_full_unit_refuses_in_words_and_the_refusal_is_counted(hub, victims, unit, english):
    full = unit(capacity=1)
    place(hub, victims, "Anna", unit_id=full.pk)
    before = state()
    with pytest.raises(NoPlaceFree, match=r"All 1 places of Vrouwenopvang Hengelo .* are taken"):
        place(hub, victims, "Piotr", is_minor=False, unit_id=full.pk)
    assert state() == before
    refusal = OccupancyEvent.objects.get(kind="refused_full")
    assert (refusal.region.code, refusal.shelter_type, refusal.unit) == (
        "VR05",
        "womens_shelter",
        None,
    )


def test_in_dutch_a_full_region_says_so(hub, victims):
    with pytest.raises(NoPlaceFree, match="Er is nu geen passende opvangplek vrij"):
        place(hub, victims, "Anna")


def test_one_place_per_person_at_a_time(hub, victims, unit, english):
    unit(capacity=3)
    place(hub, victims, "Anna")
    with pytest.raises(CareRefused, match="already has a reserved or occupied"):
        place(hub, victims, "Anna")


def test_the_provider_accepts_or_declines_and_declining_frees_the_place(
    hub, victims, unit, provider_member, english
):
    beds = unit(capacity=1)
    first = place(hub, victims, "Anna")
    with pytest.raises(CareRefused, match="Say why"):
        shelter.decide_placement(placement_id=first.pk, by=provider_member, accept=False)
    with pytest.raises(NotFound):  # not the provider
        shelter.decide_placement(placement_id=first.pk, by=hub, accept=True)
    shelter.decide_placement(
        placement_id=first.pk, by=provider_member, accept=False, reason="Geen begeleiding vrij"
    )
    beds.refresh_from_db()
    assert beds.occupied == 0
    second = place(hub, victims, "Anna")
    shelter.decide_placement(placement_id=second.pk, by=provider_member, accept=True)
    with pytest.raises(CareRefused, match="already been decided"):
        shelter.decide_placement(placement_id=second.pk, by=provider_member, accept=True)
    second.refresh_from_db()
    assert second.status == PlacementStatus.PLACED
    kinds = list(OccupancyEvent.objects.filter(unit=beds).values_list("kind", "occupied_after"))
    assert kinds == [("reserved", 1), ("declined", 0), ("reserved", 1), ("accepted", 1)]


def test_ending_a_placement_frees_the_place(hub, victims, unit, provider_member, english):
    beds = unit(capacity=1)
    placement = place(hub, victims, "Anna")
    shelter.decide_placement(placement_id=placement.pk, by=provider_member, accept=True)
    with pytest.raises(CareRefused, match="Say why the placement ends"):
        shelter.end_placement(placement_id=placement.pk, by=hub, reason="")
    shelter.end_placement(placement_id=placement.pk, by=hub, reason="moved_on")
    beds.refresh_from_db()
    assert beds.occupied == 0
    with pytest.raises(CareRefused, match="already ended"):
        shelter.end_placement(placement_id=placement.pk, by=provider_member, reason="left")
    assert place(hub, victims, "Anna").unit == beds


def test_only_who_may_see_a_placement_sees_it(hub, victims, unit, provider_member, member):
    unit()
    placement = place(hub, victims, "Anna")
    assert shelter.visible_placements(hub).filter(pk=placement.pk).exists()
    assert shelter.visible_placements(provider_member).filter(pk=placement.pk).exists()
    for outsider in ("politie.twente", "vt.twente", "afm.hengelo", "zorgcoordinator.twente"):
        assert not shelter.visible_placements(member(outsider)).exists(), outsider
    with pytest.raises(NotFound):
        shelter.end_placement(placement_id=placement.pk, by=member("politie.twente"), reason="left")


def test_a_bad_unit_is_refused(hub, provider, member, english):
    with pytest.raises(CareRefused, match="either minors or adults"):
        shelter.register_unit(
            by=hub,
            provider=provider,
            spec=UnitSpec("Gemengd", ShelterType.YOUTH, 4, min_age=16, max_age=23),
        )
    with pytest.raises(CareRefused, match="Only the provider or its region's hub"):
        shelter.register_unit(
            by=member("politie.twente"), provider=provider, spec=UnitSpec("X", "cosm", 1)
        )
    assert not ShelterUnit.objects.exists()


def test_office_hours():
    amsterdam = datetime.timezone(datetime.timedelta(hours=1))
    saturday_night = datetime.datetime(2026, 11, 28, 22, 0, tzinfo=amsterdam)
    tuesday_morning = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=amsterdam)
    assert not shelter.is_office_hours(saturday_night)
    assert shelter.is_office_hours(tuesday_morning)
