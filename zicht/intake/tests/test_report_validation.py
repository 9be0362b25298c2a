"""The report form refuses nonsense with a message in Dutch and keeps what was typed;
no input makes it fail."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zicht.intake.forms import PersonForm, ReportForm
from zicht.intake.models import Report
from zicht.intake.tests.test_report_form import _form

pytestmark = pytest.mark.django_db


def post(client, hengelo, **fields):
    key = uuid.uuid4()
    return client.post(
        reverse("intake:report_form", args=[key]),
        _form(hengelo, key, **fields),
        HTTP_ACCEPT_LANGUAGE="nl",
    )


def test_a_date_seen_in_the_future_is_refused(signed_in, hengelo):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post(signed_in("wijkcoach.hengelo"), hengelo, observed_on=tomorrow.isoformat())
    assert response.context["form"].errors["observed_on"] == ["Deze datum ligt in de toekomst."]
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        ("2030-05-01", "Deze datum ligt in de toekomst."),
        ("1899-12-31", "Vul een datum vanaf 1900 in."),
    ],
)
def test_a_birth_date_in_the_future_or_before_1900_is_refused(
    signed_in, hengelo, birth_date, message
):
    response = post(signed_in("wijkcoach.hengelo"), hengelo, **{"persons-0-birth_date": birth_date})
    assert response.context["persons"][0].errors["birth_date"] == [message]
    assert not Report.objects.exists()


def test_twenty_thousand_characters_are_refused_with_both_numbers_in_dutch(signed_in, hengelo):
    text = "a" * 20_020
    response = post(signed_in("wijkcoach.hengelo"), hengelo, description=text)
    [message] = response.context["form"].errors["description"]
    assert "10.000" in message
    assert "20.020" in message
    # Nothing typed is lost: the text comes back in the form.
    assert text in response.content.decode()


def test_an_empty_form_shows_an_error_summary_linked_to_each_field(signed_in):
    client = signed_in("wijkcoach.hengelo")
    page = client.get(reverse("intake:new_report"), follow=True).content.decode()
    assert page.count("(verplicht)") >= 3  # description, form of exploitation, municipality …
    key = uuid.uuid4()
    response = client.post(
        reverse("intake:report_form", args=[key]),
        {"persons-TOTAL_FORMS": "1", "persons-INITIAL_FORMS": "0"},
    )
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page
    assert 'href="#id_description"' in page
    assert 'href="#id_exploitation_forms"' in page
    assert 'id="id_exploitation_forms"' in page  # the link has a target
    assert not Report.objects.exists()


def test_nationalities_are_listed_in_dutch_on_a_dutch_page(signed_in):
    page = signed_in("wijkcoach.hengelo").get(reverse("intake:new_report"), follow=True)
    html = page.content.decode()
    assert ">Duitsland<" in html
    assert ">Roemenië<" in html
    assert ">Germany<" not in html


def test_nationalities_are_listed_in_english_on_an_english_page():
    with translation.override("en"):
        choices = dict(PersonForm().fields["nationality"].choices)
    assert choices["DE"] == "Germany"


text = st.text(max_size=300) | st.sampled_from(["", "2030-01-01", "1899-12-31", "0000-00-00"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "submission_key",
                "is_acute",
                "description",
                "exploitation_forms",
                "municipality",
                "location",
                "observed_on",
                "source",
                "route_to",
            ]
        ),
        text,
    ),
    person=st.dictionaries(
        st.sampled_from(["role", "first_name", "birth_date", "sex", "nationality", "postcode"]),
        text,
    ),
)
def test_no_input_makes_the_forms_fail(hengelo, fields, person):
    report = ReportForm(fields)
    assert report.is_valid() in (True, False)
    assert PersonForm(person).is_valid() in (True, False)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "description",
                "observed_on",
                "persons-0-birth_date",
                "persons-TOTAL_FORMS",
                "add_person",
            ]
        ),
        st.text(max_size=50).filter(lambda value: "\x00" not in value),
    )
)
def test_no_input_makes_the_page_fail(signed_in, hengelo, fields):
    client = signed_in("wijkcoach.hengelo")
    key = uuid.uuid4()
    response = client.post(reverse("intake:report_form", args=[key]), _form(hengelo, key, **fields))
    assert response.status_code in (200, 302)
