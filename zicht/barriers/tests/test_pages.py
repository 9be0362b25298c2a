from __future__ import annotations

import pytest

from zicht.barriers import operations
from zicht.barriers.models import BarrierModel, BarrierRating
from zicht.barriers.tests.conftest import THIS_YEAR


def test_the_hub_sees_the_counted_instruments_in_the_work_barrier(signed_in, sources):
    page = signed_in("hub.twente").get(f"/barrieremodel/{THIS_YEAR}/?vorm=labour")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Sluiting art. 174a Gemeentewet: 3" in text
    assert "Integrale controle: 5" in text
    assert "Geen instrument ingezet" in text  # the other barriers


def test_a_focal_officer_of_the_region_reads_but_does_not_edit(signed_in, twente_work):
    client = signed_in("afm.hengelo")
    page = client.get(f"/barrieremodel/barrieres/{twente_work.pk}/")
    assert page.status_code == 200
    assert "Beoordeling vastleggen" not in page.content.decode()
    before = BarrierRating.objects.count()
    refused = client.post(f"/barrieremodel/barrieres/{twente_work.pk}/beoordelen/", {"rating": 3})
    assert refused.status_code == 400
    assert "Alleen" in refused.content.decode() or "niet" in refused.content.decode()
    assert BarrierRating.objects.count() == before


@pytest.mark.parametrize("username", ["vt.twente", "oov.hengelo", "wijkcoach.hengelo"])
def test_outsiders_get_nothing(signed_in, twente_work, username):
    client = signed_in(username)
    assert client.get("/barrieremodel/").status_code == 403
    assert client.get(f"/barrieremodel/{THIS_YEAR}/").status_code == 403
    assert client.get(f"/barrieremodel/barrieres/{twente_work.pk}/").status_code == 403


def test_another_regions_barrier_is_not_found(signed_in, zeeland_hub):
    zeeland = operations.start_model(by=zeeland_hub, year=THIS_YEAR)
    barrier = zeeland.barriers.get(exploitation_form="labour", code="work")
    client = signed_in("hub.twente")
    before = BarrierRating.objects.count()
    page = client.get(f"/barrieremodel/barrieres/{barrier.pk}/")
    assert page.status_code == 404
    response = client.post(f"/barrieremodel/barrieres/{barrier.pk}/beoordelen/", {"rating": 3})
    assert response.status_code == 404
    assert BarrierRating.objects.count() == before


def test_a_rating_outside_the_scale_gets_a_dutch_message(signed_in, twente_work):
    before = BarrierRating.objects.count()
    response = signed_in("hub.twente").post(
        f"/barrieremodel/barrieres/{twente_work.pk}/beoordelen/", {"rating": "7", "note": "x"}
    )
    assert response.status_code == 400
    assert "Kies een van de beoordelingen" in response.content.decode()
    assert BarrierRating.objects.count() == before


def test_the_hub_rates_a_barrier(signed_in, twente_work):
    client = signed_in("hub.twente")
    response = client.post(
        f"/barrieremodel/barrieres/{twente_work.pk}/beoordelen/",
        {"rating": "3", "note": "Controleteam draait"},
    )
    assert response.status_code == 302
    assert twente_work.ratings.order_by("-rated_at", "-pk").first().note == "Controleteam draait"
    assert "Controleteam draait" in client.get(response["Location"]).content.decode()


def test_a_year_far_in_the_future(signed_in):
    client = signed_in("hub.twente")
    page = client.get("/barrieremodel/2999/")
    assert page.status_code == 404
    assert "De regio heeft geen barrièremodel voor 2999." in page.content.decode()
    refused = client.post("/barrieremodel/nieuw/", {"year": "2999"})
    assert refused.status_code == 400
    assert "tot en met" in refused.content.decode()
    assert not BarrierModel.objects.filter(year=2999).exists()


def test_an_unknown_form_shows_all_forms_with_a_message(signed_in):
    page = signed_in("hub.twente").get(f"/barrieremodel/{THIS_YEAR}/?vorm=<script>")
    assert page.status_code == 400
    assert "Die vorm van uitbuiting staat niet in het barrièremodel" in page.content.decode()


def test_the_comparison_shows_the_white_spot_in_words(signed_in):
    page = signed_in("analist.twente").get(f"/barrieremodel/{THIS_YEAR}/vergelijking/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Beoordeling gedaald" in text
    assert "Witte vlek" in text


def test_the_printable_page_and_the_pdf(signed_in):
    client = signed_in("hub.twente")
    printable = client.get(f"/barrieremodel/{THIS_YEAR}/afdrukken/")
    assert printable.status_code == 200
    assert "barriers/print.css" in printable.content.decode()
    pdf = client.get(f"/barrieremodel/{THIS_YEAR}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
