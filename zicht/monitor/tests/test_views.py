"""The monitor's pages: who sees what, and whether the numbers shown are the known ones."""

import re

import pytest
from django.urls import reverse

from zicht.monitor.models import Interpretation

YEAR_2025 = "?start=2025-01-01&end=2025-12-31"


def _figure(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', html)
    assert match, name
    return match.group(1).strip()


def _cell(html: str, code: str) -> str:
    match = re.search(
        rf'<tr data-code="{code}"><th scope="row">[^<]*</th><td[^>]*>(.*?)</td>', html
    )
    assert match, code
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.mark.parametrize("username", ["analist.twente", "hub.twente"])
def test_the_hub_sees_the_known_counts_of_2025(signed_in, known, username):
    html = signed_in(username).get(reverse("monitor:dashboard") + YEAR_2025).text
    assert _figure(html, "reports") == "23"
    assert _figure(html, "cases") == "23"
    assert _figure(html, "unique_persons") == "20"
    assert _figure(html, "person_records") == "23"
    assert _cell(html, "GM0141") == "3"  # small, but the hub has need to know
    assert "Small numbers are hidden" not in html
    assert "Kleine aantallen" not in html


def test_a_focal_officer_sees_small_cells_of_the_region_hidden_but_own_municipality_in_full(
    signed_in, known
):
    html = signed_in("afm.hengelo").get(reverse("monitor:dashboard") + YEAR_2025).text
    assert _cell(html, "GM0164") == "8"  # own municipality
    assert _cell(html, "GM0141") not in ("3", "")  # Almelo: 3 reports, hidden
    assert _cell(html, "male") != "4"
    assert _figure(html, "reports") == "23"


def test_a_focal_officer_sees_their_own_municipality_without_suppression(signed_in, known):
    client = signed_in("afm.hengelo")
    html = client.get(reverse("monitor:dashboard") + YEAR_2025 + "&municipality=GM0164").text
    assert _figure(html, "reports") == "8"
    other = client.get(reverse("monitor:dashboard") + YEAR_2025 + "&municipality=GM0141").text
    assert _figure(other, "reports") != "3"


@pytest.mark.parametrize("username", ["wijkcoach.hengelo", "vt.twente", "oov.hengelo", "beheer"])
def test_outsiders_get_no_monitor(signed_in, known, username):
    client = signed_in(username)
    assert client.get(reverse("monitor:dashboard")).status_code == 403
    assert client.get(reverse("monitor:dark_number")).status_code == 403
    assert client.get(reverse("monitor:export", args=["comensha"])).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, known):
    response = client.get(reverse("monitor:dashboard"))
    assert response.status_code == 302


def test_focal_officers_may_not_download_exports_or_the_annual_report(signed_in, known):
    client = signed_in("afm.hengelo")
    assert client.get(reverse("monitor:export", args=["ctdc"]) + YEAR_2025).status_code == 403
    assert client.get(reverse("monitor:annual_report") + "?year=2025").status_code == 403


def test_filters_stay_in_the_url_and_fill_the_form(signed_in, known):
    html = (
        signed_in("analist.twente")
        .get(reverse("monitor:dashboard") + YEAR_2025 + "&municipality=GM0153&trend=quarter")
        .text
    )
    assert 'value="2025-01-01"' in html
    assert '<option value="GM0153" selected>' in html
    assert _figure(html, "reports") == "12"
    assert "K4 2025" in html  # the fourth quarter, in Dutch


def test_every_chart_is_an_accessible_image_with_a_table_beside_it(signed_in, known):
    html = signed_in("analist.twente").get(reverse("monitor:dashboard") + YEAR_2025).text
    charts = re.findall(r"<svg[^>]*>", html)
    assert len(charts) >= 10
    assert all('role="img"' in svg and "aria-labelledby" in svg for svg in charts)
    assert html.count("<table") >= len(charts)
    assert 'style="' not in html.split("<main", 1)[1]  # the CSP allows no inline styles


def test_the_analyst_writes_an_interpretation_that_is_shown_with_its_period(
    signed_in, known, twente
):
    client = signed_in("analist.twente")
    response = client.post(
        reverse("monitor:add_interpretation"),
        {
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "text": "Vooral seksuele uitbuiting.",
        },
    )
    assert response.status_code == 302
    assert Interpretation.objects.get().region == twente
    html = client.get(response["Location"]).text
    assert "Vooral seksuele uitbuiting." in html


def test_a_focal_officer_cannot_write_an_interpretation(signed_in, known):
    response = signed_in("afm.hengelo").post(
        reverse("monitor:add_interpretation"),
        {"period_start": "2025-01-01", "period_end": "2025-12-31", "text": "x"},
    )
    assert response.status_code == 403
    assert not Interpretation.objects.exists()


def test_the_dark_number_page_explains_when_the_data_are_too_few(signed_in, known):
    html = signed_in("analist.twente").get(reverse("monitor:dark_number") + YEAR_2025).text
    assert "monitor-warning" in html
    assert "20" in html


def test_the_dark_number_page_shows_estimates_when_the_data_allow(signed_in, demo, twente):
    from zicht.monitor.tests.test_darknumber import make_overlapping_registrations

    make_overlapping_registrations(twente, 2025)
    html = signed_in("analist.twente").get(reverse("monitor:dark_number") + YEAR_2025).text
    assert "<svg" in html
    assert "SparseMSE" in html  # the stepwise method, by its Dutch name
    assert "--bootstrap" not in html


def test_the_dark_number_page_is_estimated_once_per_period(
    signed_in, demo, twente, settings, monkeypatch
):
    from django.core.cache import cache

    from zicht.monitor import darknumber

    settings.ZICHT_MONITOR_CACHE_SECONDS = 300
    cache.clear()
    calls = []
    real = darknumber.dark_numbers
    monkeypatch.setattr(darknumber, "dark_numbers", lambda scope: calls.append(1) or real(scope))
    client = signed_in("analist.twente")
    url = reverse("monitor:dark_number") + YEAR_2025
    first = client.get(url).text
    second = client.get(url).text
    assert len(calls) == 1

    def main(html: str) -> str:
        return html[html.index("<main") : html.index("</main>")]

    assert main(first) == main(second)
