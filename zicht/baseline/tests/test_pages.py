import datetime

import pytest

from zicht.baseline import progress
from zicht.baseline.models import CriterionChange, Department
from zicht.baseline.tests.conftest import baseline_state

pytestmark = pytest.mark.django_db

REGIONAL = "/basisniveau/"
HENGELO = "/basisniveau/gemeente/GM0164/"
TOMORROW = datetime.date.today() + datetime.timedelta(days=1)  # noqa: DTZ011


def post_status(client, url=HENGELO + "status/", **fields):
    data = {
        "status-criterion": "policy-1a",
        "status-status": "met",
        "status-effective_on": "2026-01-15",
        "status-evidence_text": "Beleidsplan vastgesteld.",
        "status-evidence_link": "",
    }
    data.update({f"status-{k}": v for k, v in fields.items()})
    return client.post(url, data)


@pytest.mark.parametrize(
    "username", ["hub.twente", "analist.twente", "afm.hengelo", "oov.hengelo", "afm.enschede"]
)
def test_the_region_and_its_municipalities_read_the_regional_page(signed_in, username):
    page = signed_in(username).get(REGIONAL)
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("Hengelo", "Enschede", "Hof van Twente"):
        assert name in text
    assert 'data-criterion="policy-1a"' in text


@pytest.mark.parametrize("username", ["wijkcoach.hengelo", "vt.twente", "beheer"])
def test_others_read_nothing(signed_in, username):
    assert signed_in(username).get(REGIONAL).status_code == 403
    assert signed_in(username).get(HENGELO).status_code == 403


def test_a_municipality_outside_the_region_is_not_found(signed_in):
    assert signed_in("hub.twente").get("/basisniveau/gemeente/GM0599/").status_code == 404


def test_the_focal_officer_records_a_status_on_the_page(signed_in, focal):
    client = signed_in("afm.hengelo")
    answer = post_status(client)
    assert answer.status_code == 302
    page = client.get(HENGELO).content.decode()
    assert "Beleidsplan vastgesteld." in page
    assert CriterionChange.objects.get().recorded_by == focal.user


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"effective_on": str(TOMORROW)}, "in de toekomst"),
        ({"criterion": "policy-9z"}, "Dat criterium bestaat niet"),
        ({"criterion": "awareness-1c"}, "Dat criterium bestaat niet"),
        ({"effective_on": "9999-12-31"}, "Vul een datum in tussen"),
        ({"evidence_link": "javascript:alert(1)"}, "URL"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_changes_nothing(signed_in, focal, fields, message):
    before = baseline_state()
    answer = post_status(signed_in("afm.hengelo"), **fields)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert baseline_state() == before


def test_another_municipalitys_baseline_is_refused_with_a_message(signed_in, focal):
    before = baseline_state()
    answer = post_status(signed_in("afm.hengelo"), url="/basisniveau/gemeente/GM0153/status/")
    assert answer.status_code == 400
    assert "Alleen de aandachtsfunctionaris of de medewerker veiligheid van Enschede" in (
        answer.content.decode()
    )
    assert baseline_state() == before


def test_the_hub_reads_but_has_no_forms(signed_in, focal):
    progress.record_status(
        municipality_id=focal.organisation.municipality_id,
        criterion_code="policy-1a",
        status="in_progress",
        effective_on=datetime.date(2026, 1, 1),
        by=focal,
    )
    page = signed_in("hub.twente").get(HENGELO).content.decode()
    assert "Aandachtsfunctionaris Hengelo" in page
    assert "status-criterion" not in page
    before = baseline_state()
    assert post_status(signed_in("hub.twente")).status_code == 400
    assert baseline_state() == before


def test_training_on_the_page(signed_in):
    client = signed_in("afm.hengelo")
    assert client.post(HENGELO + "afdelingen/", {"department-name": "Burgerzaken"}).status_code == (
        302
    )
    page = client.get(HENGELO).content.decode()
    assert "Burgerzaken" in page
    desk = Department.objects.get()
    answer = client.post(
        HENGELO + "trainingen/",
        {
            "training-department": desk.pk,
            "training-participant": "Sanne de Vries",
            "training-title": "Signalen herkennen",
            "training-followed_on": str(TOMORROW),
        },
    )
    assert answer.status_code == 400
    assert "in de toekomst" in answer.content.decode()


@pytest.mark.parametrize(
    "query", ["?theme=policy&plateau=1&status=met", "?plateau=²", "?theme=x&status=nope"]
)
def test_filters(signed_in, query):
    page = signed_in("hub.twente").get(REGIONAL + query)
    assert page.status_code == 200


def test_filter_by_theme_and_plateau_shows_those_criteria(signed_in):
    page = signed_in("hub.twente").get(REGIONAL + "?theme=policy&plateau=2").content.decode()
    assert 'data-criterion="policy-2a"' in page
    assert 'data-criterion="policy-1a"' not in page
