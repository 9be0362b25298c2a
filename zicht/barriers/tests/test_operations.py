from __future__ import annotations

import pytest
from django.utils import translation

from zicht.barriers import counting, operations
from zicht.barriers.models import Barrier, BarrierModel, BarrierRating, Rating
from zicht.barriers.reading import compare, model_sections
from zicht.barriers.tests.conftest import THIS_YEAR
from zicht.demo.barriers import create_barriers_demo
from zicht.demo.organisations import REGIONS, region_organisations
from zicht.organisations.models import Organisation


def test_the_demo_gives_every_region_a_model_for_last_year_and_this_year(demo):
    create_barriers_demo({plan.code: region_organisations(plan) for plan in REGIONS}, history=True)
    years = set(BarrierModel.objects.values_list("region__code", "year"))
    for code in ("VR05", "VR11", "VR15", "VR17", "VR19"):
        assert {(code, THIS_YEAR - 1), (code, THIS_YEAR)} <= years


def test_a_model_has_the_seven_barriers_for_each_of_the_four_forms(demo, hub):
    model = operations.start_model(by=hub, year=THIS_YEAR + 1)
    assert model.region.code == "VR05"
    codes = [
        b.code
        for b in model.barriers.filter(exploitation_form="organ_removal").order_by("position")
    ]
    assert codes == [
        "recruitment",
        "entry",
        "identity",
        "housing",
        "transport",
        "work",
        "finances",
    ]
    labour = model.barriers.filter(exploitation_form="labour")
    # the region's own barrier, partners and instruments come along; ratings do not
    assert labour.filter(added_by_region=True, name="Registratie bij uitzendbureau").exists()
    work = labour.get(code="work")
    assert "Sluiting art. 174a Gemeentewet" in work.instrument_list
    assert work.responsible.exists()
    assert not BarrierRating.objects.filter(barrier__model=model).exists()


def test_the_first_model_of_a_region_has_only_the_standard_barriers(demo, hub):
    BarrierModel.objects.filter(region__code="VR05").delete()
    model = operations.start_model(by=hub, year=THIS_YEAR)
    assert model.barriers.count() == 28
    assert not model.barriers.filter(added_by_region=True).exists()


@pytest.mark.parametrize("year", [THIS_YEAR + 2, 2999, 1990])
def test_a_year_far_away_is_refused(demo, hub, year):
    before = BarrierModel.objects.count()
    with translation.override("nl"), pytest.raises(operations.BarrierRefused, match="jaren"):
        operations.start_model(by=hub, year=year)
    assert BarrierModel.objects.count() == before


def test_a_year_twice_is_refused(demo, hub):
    with pytest.raises(operations.BarrierRefused):
        operations.start_model(by=hub, year=THIS_YEAR)


@pytest.mark.parametrize("username", ["afm.hengelo", "vt.twente", "oov.hengelo"])
def test_only_the_hub_makes_a_model(member, username):
    with pytest.raises(operations.BarrierRefused):
        operations.start_model(by=member(username), year=THIS_YEAR + 1)
    assert not BarrierModel.objects.filter(year=THIS_YEAR + 1).exists()


def test_the_analyst_of_the_hub_rates(member, twente_work):
    rating = operations.rate_barrier(
        barrier_id=twente_work.pk, by=member("analist.twente"), rating=Rating.STRONG, note="Goed"
    )
    assert rating.rating == Rating.STRONG


def test_ratings_are_appended_and_the_newest_counts(hub, twente_work):
    before = list(twente_work.ratings.values_list("pk", "rating"))
    operations.rate_barrier(barrier_id=twente_work.pk, by=hub, rating=Rating.WEAK, note="Minder")
    operations.rate_barrier(barrier_id=twente_work.pk, by=hub, rating=Rating.STRONG)
    after = list(twente_work.ratings.order_by("rated_at", "pk").values_list("pk", "rating"))
    assert after[: len(before)] == sorted(before)
    assert [r for _, r in after[len(before) :]] == [Rating.WEAK, Rating.STRONG]
    row = next(
        row
        for s in model_sections(twente_work.model, ["labour"])
        for row in s.rows
        if row.barrier == twente_work
    )
    assert row.rating is not None
    assert row.rating.rating == Rating.STRONG


@pytest.mark.parametrize("rating", [-1, 4, 5, 99])
def test_a_rating_outside_the_scale_is_refused(hub, twente_work, rating):
    before = twente_work.ratings.count()
    with translation.override("nl"), pytest.raises(operations.BarrierRefused, match="beoordeling"):
        operations.rate_barrier(barrier_id=twente_work.pk, by=hub, rating=rating)
    assert twente_work.ratings.count() == before


def test_another_regions_hub_changes_nothing(zeeland_hub, twente_work):
    other = zeeland_hub
    before = (twente_work.ratings.count(), twente_work.instruments_available)
    with pytest.raises(operations.BarrierRefused):
        operations.rate_barrier(barrier_id=twente_work.pk, by=other, rating=Rating.STRONG)
    with pytest.raises(operations.BarrierRefused):
        operations.describe_barrier(
            barrier_id=twente_work.pk, by=other, responsible_ids=[], instruments_available="x"
        )
    with pytest.raises(operations.BarrierRefused):
        operations.add_barrier(
            model_id=twente_work.model_id, by=other, exploitation_form="labour", name="Werving"
        )
    twente_work.refresh_from_db()
    assert (twente_work.ratings.count(), twente_work.instruments_available) == before


def test_only_organisations_of_the_region_are_responsible(hub, twente_work):
    elsewhere = Organisation.objects.exclude(region__code="VR05").first()
    assert elsewhere is not None
    before = set(twente_work.responsible.all())
    with pytest.raises(operations.BarrierRefused):
        operations.describe_barrier(
            barrier_id=twente_work.pk,
            by=hub,
            responsible_ids=[elsewhere.pk],
            instruments_available="Nieuw instrument",
        )
    twente_work.refresh_from_db()
    assert set(twente_work.responsible.all()) == before
    assert "Nieuw instrument" not in twente_work.instrument_list


def test_describing_keeps_one_instrument_a_line(hub, twente_work):
    police = Organisation.objects.get(region__code="VR05", type="police")
    operations.describe_barrier(
        barrier_id=twente_work.pk,
        by=hub,
        responsible_ids=[police.pk],
        instruments_available="  Bibob-toets \n\n Sluiting 13b Opiumwet\n",
    )
    twente_work.refresh_from_db()
    assert twente_work.instrument_list == ["Bibob-toets", "Sluiting 13b Opiumwet"]
    assert list(twente_work.responsible.all()) == [police]


def test_a_barrier_of_the_region_is_added_once(hub, twente):
    barrier = operations.add_barrier(
        model_id=twente.pk, by=hub, exploitation_form="sexual", name="Online advertenties"
    )
    assert (barrier.code, barrier.added_by_region) == ("online-advertenties", True)
    with pytest.raises(operations.BarrierRefused):
        operations.add_barrier(
            model_id=twente.pk, by=hub, exploitation_form="sexual", name="Online advertenties"
        )
    with pytest.raises(operations.BarrierRefused):
        operations.add_barrier(model_id=twente.pk, by=hub, exploitation_form="other", name="X")
    assert Barrier.objects.filter(model=twente, code="online-advertenties").count() == 1


def test_instruments_used_are_added_up_over_the_sources(sources, twente):
    used = counting.instruments_used(twente.region, THIS_YEAR)
    assert [(u.code, u.count) for u in used["work"]] == [("inspection", 5), ("closure_174a", 3)]
    assert "housing" not in used
    assert counting.instruments_used(twente.region, THIS_YEAR - 1)["housing"][0].count == 1


def test_without_sources_nothing_is_counted(twente):
    assert counting.instruments_used(twente.region, THIS_YEAR) == {}


def test_the_comparison_finds_the_white_spots(sources, twente):
    previous = BarrierModel.objects.get(region__code="VR05", year=THIS_YEAR - 1)
    with translation.override("en"):
        sections = {s.form: s for s in compare(twente, previous)}
        labour = {row.barrier.code: row for row in sections["labour"].rows}
        # housing dropped from reasonable to weak, and nothing was used
        assert [str(r) for r in labour["housing"].reasons] == [
            "No instrument used",
            "Rating dropped",
        ]
        assert not labour["work"].white_spot  # counted, rated reasonable, unchanged
        organ = sections["organ_removal"].rows[0]
        assert "Not rated" in [str(r) for r in organ.reasons]
        sexual_work = next(r for r in sections["sexual"].rows if r.barrier.code == "work")
        assert not sexual_work.white_spot  # it rose


def test_visibility(member, twente, zeeland_hub):
    assert twente in BarrierModel.objects.visible_to(member("afm.hengelo"))
    assert twente in BarrierModel.objects.visible_to(member("analist.twente"))
    assert twente not in BarrierModel.objects.visible_to(zeeland_hub)
    for outsider in ("vt.twente", "oov.hengelo", "wijkcoach.hengelo", "beheer"):
        assert not BarrierModel.objects.visible_to(member(outsider)).exists()
