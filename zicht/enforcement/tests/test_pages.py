"""The enforcement pages: bad input comes back in Dutch with status 400 and changes nothing;
outsiders get nothing; a page with persons met is written to the access log; the decision
document is rendered from its type's template."""

import datetime

import pytest
from django.urls import reverse

from zicht.audit.models import AccessLogEntry
from zicht.enforcement import inspections, measures
from zicht.enforcement.models import Establishment, Measure, Permit
from zicht.enforcement.tests.conftest import TODAY

DAY = datetime.timedelta(days=1)


@pytest.fixture
def officer_client(signed_in, officer):
    return signed_in("handhaving.enschede")


def test_the_home_page_lists_the_municipalitys_establishments(officer_client, salon):
    page = officer_client.get(reverse("enforcement:home"))
    assert page.status_code == 200
    assert "Nagelstudio Lotus" in page.text
    filtered = officer_client.get(reverse("enforcement:home"), {"sector": "car_wash"})
    assert "Nagelstudio Lotus" not in filtered.text
    # an unknown sector is ignored, not an error
    assert officer_client.get(reverse("enforcement:home"), {"sector": "x" * 500}).status_code == 200


def test_a_bad_kvk_number_on_the_form_is_told_in_dutch(officer_client, officer):
    page = officer_client.post(
        reverse("enforcement:establishment_new"),
        {
            "name": "Bar Zuid",
            "sector": "hospitality",
            "street": "Markt",
            "house_number": "1",
            "postcode": "7511 AA",
            "city": "Enschede",
            "kvk_number": "1234",
        },
    )
    assert page.status_code == 400
    assert "Een KvK-nummer bestaat uit acht cijfers" in page.text
    assert not Establishment.objects.exists()


def test_a_permit_ending_before_it_starts_is_told_in_dutch(officer_client, salon):
    page = officer_client.post(
        reverse("enforcement:add_permit", args=[salon.pk]),
        {
            "permit-type": "operating",
            "permit-number": "P-1",
            "permit-valid_from": "2026-05-01",
            "permit-valid_to": "2026-04-01",
        },
    )
    assert page.status_code == 400
    assert "Een vergunning kan niet eindigen voordat zij ingaat." in page.text
    assert not Permit.objects.exists()


def test_a_closure_without_legal_basis_is_told_in_dutch(officer_client, salon):
    page = officer_client.post(
        reverse("enforcement:draft_measure", args=[salon.pk]),
        {"measure-type": "closure_174a", "measure-legal_basis": ""},
    )
    assert page.status_code == 400
    assert "Bij een sluiting is de rechtsgrond verplicht." in page.text
    assert not Measure.objects.exists()


def test_a_decision_before_the_intention_is_told_in_dutch(officer_client, salon, officer):
    measure = measures.draft_measure(
        data=measures.MeasureData(
            type="closure_174a",
            legal_basis="art. 174a Gemeentewet",
            establishment_id=salon.pk,
            intention_on=TODAY - DAY,
        ),
        by=officer,
    )
    page = officer_client.post(
        reverse("enforcement:measure_step", args=[measure.pk, "decision"]),
        {
            "decision-decided_on": (TODAY - 3 * DAY).isoformat(),
            "decision-decision_text": "Sluiting.",
        },
    )
    assert page.status_code == 400
    assert "Het besluit kan niet vóór het voornemen worden genomen." in page.text
    measure.refresh_from_db()
    assert measure.status == "intended"
    assert measure.decided_on is None
    assert (
        officer_client.post(
            reverse("enforcement:measure_step", args=[measure.pk, "nonsense"])
        ).status_code
        == 404
    )


def test_the_decision_document_is_rendered_from_its_types_template(officer_client, salon, officer):
    measure = measures.draft_measure(
        data=measures.MeasureData(
            type="closure_174a",
            legal_basis="art. 174a Gemeentewet",
            establishment_id=salon.pk,
            intention_on=TODAY - 20 * DAY,
        ),
        by=officer,
    )
    draft = officer_client.get(reverse("enforcement:measure_document", args=[measure.pk]))
    assert "CONCEPT" in draft.text
    assert "De burgemeester van Enschede" in draft.text
    assert "Wet Victoria" in draft.text
    measures.take_decision(
        measure_id=measure.pk, by=officer, decided_on=TODAY, decision_text="Sluiting drie maanden."
    )
    final = officer_client.get(reverse("enforcement:measure_document", args=[measure.pk]))
    assert "CONCEPT" not in final.text
    assert "Sluiting drie maanden." in final.text


def test_outsiders_get_nothing(signed_in, salon, done_inspection, officer):
    measure = measures.draft_measure(
        data=measures.MeasureData(type="warning", establishment_id=salon.pk), by=officer
    )
    pages = [
        reverse("enforcement:establishment_detail", args=[salon.pk]),
        reverse("enforcement:inspection_detail", args=[done_inspection.pk]),
        reverse("enforcement:measure_detail", args=[measure.pk]),
        reverse("enforcement:measure_document", args=[measure.pk]),
    ]
    hengelo = signed_in("handhaving.hengelo")
    for url in pages:
        assert hengelo.get(url).status_code == 404
    reporter = signed_in("wijkcoach.hengelo")
    for url in [reverse("enforcement:home"), *pages]:
        assert reporter.get(url).status_code == 403


def test_a_page_with_persons_met_is_logged(officer_client, done_inspection, officer):
    person = inspections.register_person_met(
        inspection_id=done_inspection.pk,
        by=officer,
        data=inspections.PersonMetData(first_name="Ana", last_name="Popescu"),
    )
    before = AccessLogEntry.objects.filter(action="read").count()
    page = officer_client.get(reverse("enforcement:inspection_detail", args=[done_inspection.pk]))
    assert "Popescu" in page.text
    entry = AccessLogEntry.objects.filter(action="read").order_by("pk").last()
    assert AccessLogEntry.objects.filter(action="read").count() == before + 1
    assert entry.detail == {"persons_met": [person.pk]}
    assert entry.purpose == "administrative enforcement"


def test_the_finding_becomes_a_report_from_the_page(officer_client, done_inspection):
    page = officer_client.post(
        reverse("enforcement:report_finding", args=[done_inspection.pk]), follow=True
    )
    done_inspection.refresh_from_db()
    assert done_inspection.report.source == "inspection"
    assert done_inspection.report.case.reference in page.text


def test_an_inspection_id_out_of_range_is_ignored(officer_client, salon):
    url = reverse("enforcement:establishment_detail", args=[salon.pk])
    for value in ("9" * 30, "²", "-1"):
        assert officer_client.get(url, {"controle": value}).status_code == 200
        page = officer_client.post(
            reverse("enforcement:draft_measure", args=[salon.pk]),
            {"measure-type": "warning", "inspection": value},
        )
        assert page.status_code == 302
