"""The shelter figures of the care section: placements by type and by moment of the day,
refusals for lack of space, read from the occupancy events of the period."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from zicht.care import shelter
from zicht.care.shelter import NoPlaceFree, UnitSpec
from zicht.care.shelter_models import ShelterType
from zicht.monitor.figures import Scope
from zicht.monitor.figures.placements import placement_figures
from zicht.organisations.models import Organisation, OrganisationType

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ADULT = datetime.date(1990, 5, 1)


def at(day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2025, 11, day, hour, tzinfo=AMSTERDAM)


@pytest.fixture
def placed(member, make_report, person):
    """Four women placed at four moments of a week in November 2025 (Tuesday 10:00 in a
    women's shelter; Wednesday 19:00, Thursday 2:00 and Saturday 22:00 in crisis beds), then
    a fifth asking on Sunday when no fitting place is free."""
    hub = member("hub.twente")
    provider = Organisation.objects.get(region__code="VR05", type=OrganisationType.SHELTER)
    women = UnitSpec("Vrouwenopvang", ShelterType.WOMENS_SHELTER, 1)
    crisis = UnitSpec("Crisisbedden", ShelterType.CRISIS_BED, 3)
    shelter.register_unit(by=hub, provider=provider, spec=women)
    shelter.register_unit(by=hub, provider=provider, spec=crisis)
    moments = [at(25, 10), at(26, 19), at(27, 2), at(29, 22)]
    kinds = [ShelterType.WOMENS_SHELTER, "", "", ""]
    for moment, kind in zip(moments, kinds, strict=True):
        woman = person(first_name="Anna", last_name=f"K{moment.day}", birth_date=ADULT)
        case = make_report(persons=[woman]).case
        with time_machine.travel(moment, tick=False):
            shelter.request_placement(
                case_id=case.pk,
                person_id=case.reports.get().persons.get().pk,
                by=hub,
                shelter_type=kind,
            )
    late = make_report(persons=[person(first_name="Eva", last_name="L", birth_date=ADULT)]).case
    with time_machine.travel(at(30, 12), tick=False), pytest.raises(NoPlaceFree):
        shelter.request_placement(
            case_id=late.pk, person_id=late.reports.get().persons.get().pk, by=hub
        )
    return hub.organisation.region


def test_placements_by_type_moment_and_refusals(placed):
    by_key = {f.key: f for f in placement_figures(Scope.year(placed, 2025))}
    assert by_key["placements_type"].counts["womens_shelter"] == 1
    assert by_key["placements_type"].counts["crisis_bed"] == 3
    assert by_key["placements_type"].total == 4
    assert by_key["placements_moment"].counts == {
        "office": 1,
        "evening": 1,
        "night": 1,
        "weekend": 1,
    }
    assert by_key["placements_refused"].total == 1


def test_a_period_without_them_counts_none(placed):
    by_key = {f.key: f for f in placement_figures(Scope.year(placed, 2024))}
    assert by_key["placements_type"].total == 0
    assert by_key["placements_refused"].total == 0


def test_a_municipality_shows_its_placements_but_not_the_regions_refusals(placed, hengelo):
    scope = Scope.year(placed, 2025, municipality=hengelo)
    keys = [f.key for f in placement_figures(scope)]
    assert keys == ["placements_type", "placements_moment"]
