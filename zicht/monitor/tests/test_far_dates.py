"""A period far in the future (or before any register) is answered with a message, not a 500:
Python's dates end in the year 9999, and a period ending 9999-12-31 cannot step a day further."""

import pytest
from django.urls import reverse

FAR = [
    "?start=9999-01-01&end=9999-12-31",
    "?start=9999-10-01&end=9999-12-31&trend=quarter",
    "?start=0001-01-01&end=0001-12-31",
    "?start=2025-01-01&end=9999-12-31",
]


@pytest.mark.parametrize("query", FAR)
@pytest.mark.parametrize("page", ["monitor:dashboard", "monitor:dark_number", "monitor:exports"])
def test_a_far_period_on_a_page_gets_a_message(signed_in, demo, page, query):
    response = signed_in("analist.twente").get(reverse(page) + query, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "Vul een datum in tussen 1900 en 2100." in response.text


@pytest.mark.parametrize("query", FAR)
@pytest.mark.parametrize("kind", ["comensha", "htcds-json", "ctdc"])
def test_a_far_period_in_an_export_is_refused_with_a_message(signed_in, demo, kind, query):
    client = signed_in("analist.twente")
    response = client.get(reverse("monitor:export", args=[kind]) + query, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert "Vul een datum in tussen 1900 en 2100." in response.text
