"""The dark-number page is computed ahead by the task worker and read from the stored
result; the page says when it was computed, and when reports came in after that."""

import datetime

import pytest
from django.urls import reverse

from zicht.monitor import darknumber
from zicht.monitor.dark_page import compute_ahead, run_nightly
from zicht.monitor.models import DarkNumberResult
from zicht.monitor.tests.test_darknumber import make_overlapping_registrations
from zicht.monitor.unique_persons import rebuild_unique_persons

YEAR_2025 = "?start=2025-01-01&end=2025-12-31"
EARLY_2026 = datetime.date(2026, 1, 10)


@pytest.fixture
def no_estimating(monkeypatch):
    """A view that estimates fails the test: it must read what was stored."""

    def refuse(scope):
        raise AssertionError("estimated on a page view")

    monkeypatch.setattr(darknumber, "dark_numbers", refuse)


def test_the_page_reads_the_result_computed_ahead_in_each_language(signed_in, twente, request):
    make_overlapping_registrations(twente, 2025)
    # This year so far and the whole of last year, in Dutch and English, with and without
    # small numbers.
    assert compute_ahead(twente, EARLY_2026) == 8
    request.getfixturevalue("no_estimating")
    client = signed_in("analist.twente")
    html = client.get(reverse("monitor:dark_number") + YEAR_2025).text
    assert "Vooraf berekend op" in html
    assert "SparseMSE" in html
    assert "<svg" in html
    assert "Na die berekening" not in html
    english = client.get(reverse("monitor:dark_number") + YEAR_2025, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Computed ahead on" in english


def test_reports_after_the_computation_are_pointed_out(signed_in, twente, make_report):
    make_overlapping_registrations(twente, 2025)
    compute_ahead(twente, EARLY_2026)
    make_report()
    html = signed_in("analist.twente").get(reverse("monitor:dark_number") + YEAR_2025).text
    assert "Vooraf berekend op" in html
    assert "Na die berekening" in html


def test_a_period_not_computed_ahead_is_estimated_on_the_page(signed_in, twente):
    make_overlapping_registrations(twente, 2025)
    html = signed_in("analist.twente").get(reverse("monitor:dark_number") + YEAR_2025).text
    assert "Vooraf berekend" not in html
    assert "SparseMSE" in html


def test_an_earlier_days_period_is_replaced(twente):
    compute_ahead(twente, EARLY_2026)
    compute_ahead(twente, EARLY_2026 + datetime.timedelta(days=1))
    periods = set(DarkNumberResult.objects.values_list("start", "end"))
    assert periods == {
        (datetime.date(2026, 1, 1), datetime.date(2026, 1, 11)),
        (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
    }


def test_a_linkage_run_has_the_worker_compute_the_region_again(
    twente, make_report, django_capture_on_commit_callbacks
):
    make_report()
    assert not DarkNumberResult.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        rebuild_unique_persons(twente)
    assert DarkNumberResult.objects.filter(region=twente).count() == 8


def test_one_nightly_chain_computes_a_night_once(twente, make_report):
    make_report()
    assert run_nightly(EARLY_2026) is True
    assert run_nightly(EARLY_2026) is False
    assert DarkNumberResult.objects.filter(region=twente, end=EARLY_2026).count() == 4
