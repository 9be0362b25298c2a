"""The inbox page: the filters as a plain GET form and through htmx, bad filter input,
who lands elsewhere, and nothing personal shown (so nothing logged)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zicht.audit.models import AccessLogEntry
from zicht.casework import routing

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def two_cases(make_report, member):
    """Two Hengelo cases reported to the hub."""
    cases = [make_report().case, make_report().case]
    for case in cases:
        routing.report_to_hub(case_id=case.pk, by=member("afm.hengelo"))
    return cases


def test_the_hub_inbox_lists_the_cases_to_take_up_with_their_count(signed_in, two_cases):
    response = signed_in("hub.twente").get(reverse("casework:inbox"))
    html = response.content.decode()
    assert response.status_code == 200
    for case in two_cases:
        assert case.reference in html
    assert 'data-testid="group-take_up"' in html
    take_up = response.context["inbox"].groups[1]
    assert (take_up.key, take_up.count) == ("take_up", 2)


def test_a_get_filter_works_without_javascript(signed_in, two_cases):
    first, second = two_cases
    response = signed_in("hub.twente").get(
        reverse("casework:inbox"), {"q": second.reference, "who": "", "status": ""}
    )
    html = response.content.decode()
    results = html[html.index('id="inbox-results"') : html.index("</main>")]
    results = results.split('aria-labelledby="notif-h"')[0]  # notifications name cases too
    assert second.reference in results
    assert first.reference not in results
    assert "<html" in html  # the whole page, filter form included
    assert f'value="{second.reference}"' in html


def test_an_htmx_filter_gets_only_the_results(signed_in, two_cases):
    first, second = two_cases
    response = signed_in("hub.twente").get(
        reverse("casework:inbox"), {"q": first.reference}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert first.reference in html
    assert second.reference not in html
    assert "HX-Request" in response["Vary"]


def test_a_bad_case_number_is_a_clear_error_and_the_rest_still_filters(signed_in, two_cases):
    response = signed_in("hub.twente").get(
        reverse("casework:inbox"), {"q": "<script>", "status": "reported_to_hub"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["q"][0] in html
    assert 'data-testid="error-summary"' in html
    for case in two_cases:  # the status filter still applies
        assert case.reference in html


def test_an_unknown_status_or_municipality_is_refused_not_a_500(signed_in, two_cases):
    response = signed_in("hub.twente").get(
        reverse("casework:inbox"), {"status": "nonsense", "municipality": "999999"}
    )
    assert response.status_code == 200
    assert 'data-testid="error-summary"' in response.content.decode()


def test_the_inbox_shows_no_person_and_logs_no_read(signed_in, two_cases):
    before = AccessLogEntry.objects.count()
    html = signed_in("hub.twente").get(reverse("casework:inbox")).content.decode()
    assert "Kowalska" not in html
    assert "lijkt niet vrij" not in html
    assert AccessLogEntry.objects.count() == before


def test_an_outsider_sees_none_of_the_cases(signed_in, two_cases):
    html = signed_in("afm.enschede").get(reverse("casework:inbox")).content.decode()
    for case in two_cases:
        assert case.reference not in html


@pytest.mark.parametrize(
    ("username", "lands_on"),
    [("analist.twente", "monitor:dashboard"), ("beheer", "audit:access_log")],
)
def test_who_handles_no_cases_lands_on_their_own_page(signed_in, username, lands_on):
    response = signed_in(username).get(reverse("casework:inbox"))
    assert response.status_code == 302
    assert response["Location"] == reverse(lands_on)


def test_a_reporter_follows_their_own_reports(signed_in, make_report):
    report = make_report()
    html = signed_in("wijkcoach.hengelo").get(reverse("casework:inbox")).content.decode()
    assert report.reference in html
    assert 'class="zicht-filters"' not in html
