"""Enriching: the focal officer (and the hub) add information, persons and signals to a case
while it is being assessed; everyone else, and every later moment, is refused."""

import uuid

import pytest
from django.urls import reverse

from zicht.audit.models import AccessAction, AccessLogEntry
from zicht.casework import routing
from zicht.casework.routing import NotFound, RouteRefused
from zicht.intake.enrichment import enrich_case
from zicht.intake.models import Report
from zicht.intake.submission import PersonData


@pytest.fixture
def case(make_report):
    return make_report().case


def _enrich(case, by, **kwargs):
    kwargs.setdefault("information", "Wijkteam: bekend met schulden, woont bij de werkgever.")
    return enrich_case(case_id=case.pk, by=by, submission_key=uuid.uuid4(), **kwargs)


def test_the_focal_officer_adds_information_persons_and_signals(case, member):
    report, created = _enrich(
        case,
        member("afm.hengelo"),
        indicators=["debt_bondage", "housing_by_exploiter"],
        exploitation_forms=["labour"],
        persons=[PersonData(role="suspect", first_name="Marek", last_name="Nowak")],
    )
    assert created
    assert report.case == case
    assert report.is_supplement
    assert report.indicators == ["debt_bondage", "housing_by_exploiter"]
    assert report.indicator_labels()[0] == "Heeft een schuld bij de werkgever of uitbuiter"
    person = report.persons.get()
    assert person.last_name == "Nowak"
    entry = AccessLogEntry.objects.filter(
        action=AccessAction.CREATE, object_type="intake.report", object_id=str(report.pk)
    ).get()
    assert entry.person_ids == [person.pk]
    assert entry.purpose == "enriching"


def test_the_hub_can_enrich_a_case_reported_to_it(case, member):
    routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"))
    _, created = _enrich(case, member("hub.twente"))
    assert created


@pytest.mark.parametrize("username", ["vt.twente", "oov.hengelo", "wijkcoach.hengelo"])
def test_other_roles_cannot_enrich(case, member, username):
    with pytest.raises((RouteRefused, NotFound)):
        _enrich(case, member(username))
    assert not Report.objects.filter(is_supplement=True).exists()


def test_a_case_in_follow_up_cannot_be_enriched(case, member):
    routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"))
    routing.start_follow_up(case_id=case.pk, by=member("hub.twente"))
    with pytest.raises(RouteRefused, match="zolang de casus ontvangen is"):
        _enrich(case, member("afm.hengelo"))


def test_an_outsider_gets_not_found(case, member):
    with pytest.raises(NotFound):
        _enrich(case, member("afm.enschede"))


def test_nothing_to_add_is_refused(case, member):
    with pytest.raises(RouteRefused):
        _enrich(case, member("afm.hengelo"), information="  ")


def test_an_unknown_indicator_is_refused(case, member):
    with pytest.raises(RouteRefused):
        _enrich(case, member("afm.hengelo"), indicators=["made_up"])


def test_a_second_submission_of_the_same_form_adds_nothing(case, member):
    key = uuid.uuid4()
    first, _ = enrich_case(
        case_id=case.pk, by=member("afm.hengelo"), submission_key=key, information="A"
    )
    again, created = enrich_case(
        case_id=case.pk, by=member("afm.hengelo"), submission_key=key, information="A"
    )
    assert again == first
    assert not created
    assert Report.objects.filter(is_supplement=True).count() == 1


def test_the_form_keeps_what_was_typed_when_it_is_refused(case, member, signed_in):
    routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"))
    routing.start_follow_up(case_id=case.pk, by=member("hub.twente"))
    response = signed_in("afm.hengelo").post(
        reverse("intake:enrich_case", args=[case.pk]),
        {
            "enrich-submission_key": str(uuid.uuid4()),
            "enrich-information": "Wijkteam kent het gezin.",
            "enrich-person-role": "presumed_victim",
            "enrich-person-sex": "unknown",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Wijkteam kent het gezin." in page
    assert 'data-testid="error-summary"' in page


def test_the_case_page_offers_the_form_only_to_who_may_enrich(case, member, signed_in):
    url = reverse("casework:case_detail", args=[case.pk])
    assert 'data-testid="enrich-form"' in signed_in("afm.hengelo").get(url).content.decode()
    routing.flag_safety_risk(case_id=case.pk, by=member("afm.hengelo"))
    assert 'data-testid="enrich-form"' not in signed_in("oov.hengelo").get(url).content.decode()
