"""The care figures: the known trajectories of testdata/care_year.py counted from their
history, for a year, the year before and a municipality; shown in full to the hub and under
disclosure control to a focal officer, on the dashboard and in the annual report."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from testdata.care_year import create_care_year
from zicht.care import trajectories
from zicht.care.workflow import Outcome
from zicht.casework.models import Case
from zicht.monitor.annual_report import annual_context, render_annual_report
from zicht.monitor.disclosure import show_care
from zicht.monitor.figures import Scope, care_figures
from zicht.monitor.figures.care import months_before
from zicht.monitor.tests.test_annual_report import _pages
from zicht.organisations.models import Municipality

YEAR_2026 = "?start=2026-01-01&end=2026-12-31"


@pytest.fixture
def care(known, member):
    """The known Twente year 2025 and the care trajectories A-H on its cases."""
    return create_care_year(2026)


def _value(html: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">(.*?)</td>', html, re.S)
    assert match, name
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_the_care_figures_of_a_year_are_counted_from_the_history(care, twente):
    figures = care_figures(Scope.year(twente, 2026))
    assert figures.in_care == 5  # A, B, C, F (since the year before), H (until 5 January)
    assert figures.started == 3
    assert (figures.days_to_care, figures.days_to_care_n) == (10.0, 3)  # 3, 10 and 20 days
    closed = figures.figures[0]
    assert closed.counts == {
        Outcome.GOALS_REACHED: 1,
        Outcome.DECLINED: 1,
        Outcome.LEFT_REGION: 1,
    }
    assert closed.total == 3
    # The cohort: closed in 2025, twelve months before the year; H fell back too, but was
    # closed in 2026, less than twelve months before its end.
    assert (figures.relapse_cohort, figures.relapsed) == (3, 1)
    assert (figures.cohort_first, figures.cohort_last) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
    )


def test_the_year_before_gives_its_own_figures(care, twente):
    figures = care_figures(Scope.year(twente, 2025))
    assert figures.in_care == 5  # D, E, F, G, H
    assert figures.started == 5
    assert (figures.days_to_care, figures.days_to_care_n) == (12.0, 5)  # 9, 10, 12, 14, 14
    assert figures.figures[0].counts == {
        Outcome.GOALS_REACHED: 1,
        Outcome.LOST_CONTACT: 1,
        Outcome.REGULAR_CARE: 1,
    }
    assert (figures.relapse_cohort, figures.relapsed) == (0, 0)  # nothing closed in 2024


def test_a_period_inside_a_stage_counts_the_victims_in_care_then(care, twente):
    # Between A's start of aftercare and its closing only A, B and F are in care.
    figures = care_figures(Scope(twente, datetime.date(2026, 6, 2), datetime.date(2026, 8, 31)))
    assert (figures.in_care, figures.started, figures.days_to_care_n) == (3, 0, 0)
    assert figures.days_to_care is None
    assert figures.figures[0].total == 0


def test_a_municipality_counts_only_the_trajectories_of_its_cases(care, twente):
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    figures = care_figures(Scope.year(twente, 2026, hengelo))
    assert (figures.in_care, figures.started, figures.days_to_care) == (1, 1, 10.0)  # A
    assert figures.figures[0].counts == {Outcome.GOALS_REACHED: 1}
    others = [
        care_figures(Scope.year(twente, 2026, m)).started
        for m in Municipality.objects.filter(region=twente).exclude(pk=hengelo.pk)
    ]
    assert sum(others) == 2


def test_a_relapse_later_than_twelve_months_after_closing_is_not_counted(care, twente, member):
    # E, closed on 1 June 2025, falls back after 1 June 2026: not within twelve months.
    hub = member("hub.twente")
    e = care["E"]
    new_case = Case.objects.filter(region=twente).exclude(care_trajectories__pk=e).first()
    moment = datetime.datetime(2026, 6, 2, 12, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        trajectories.reopen_trajectory(
            trajectory_id=e, by=hub, reason="relapse", note="Weer gemeld.", new_case_id=new_case.pk
        )
    assert care_figures(Scope.year(twente, 2026)).relapsed == 1  # still D only


def test_months_before_keeps_the_day_or_the_end_of_the_month():
    assert months_before(datetime.date(2026, 3, 31), 12) == datetime.date(2025, 3, 31)
    assert months_before(datetime.date(2028, 2, 29), 12) == datetime.date(2027, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 1) == datetime.date(2025, 12, 15)


def test_disclosure_hides_small_care_counts_and_a_median_over_few(care, twente):
    shown = show_care(care_figures(Scope.year(twente, 2026)), 5)
    assert shown.in_care == 5  # not small
    assert shown.started is None
    assert shown.days_to_care is None  # over three care starts
    assert shown.days_to_care_n is None
    assert (shown.relapse_cohort, shown.relapsed, shown.relapse_percent) == (None, None, None)
    closed = shown.figures[0]
    assert [v for _c, _l, v in closed.rows] == [None, None, None]
    assert closed.total is None
    full = show_care(care_figures(Scope.year(twente, 2026)), None)
    assert (full.started, full.days_to_care, full.relapsed, full.relapse_cohort) == (3, 10.0, 1, 3)
    assert full.relapse_percent == pytest.approx(100 / 3)


@pytest.mark.parametrize("username", ["analist.twente", "hub.twente"])
def test_the_hub_sees_the_care_section_in_full(signed_in, care, username):
    html = signed_in(username).get(reverse("monitor:dashboard") + YEAR_2026).text
    assert 'id="care-title">Zorg<' in html
    assert _value(html, "care_in_care") == "5"
    assert _value(html, "care_started") == "3"
    assert _value(html, "days_to_care") == "10"
    assert _value(html, "days_to_care_n") == "3"
    assert _value(html, "relapse_cohort") == "3"
    assert _value(html, "relapsed") == "1 (33,3%)"  # Dutch notation
    assert "1 januari 2025" in html  # the cohort is named on the page
    assert 'data-code="declined"' in html


def test_a_focal_officer_sees_the_care_section_of_the_region_suppressed(signed_in, care):
    html = signed_in("afm.hengelo").get(reverse("monitor:dashboard") + YEAR_2026).text
    assert _value(html, "care_in_care") == "5"
    for name in ("care_started", "days_to_care", "days_to_care_n", "relapse_cohort", "relapsed"):
        assert _value(html, name) in ("verborgen", "verborgen of geen"), name
    block = html[html.index('id="fig-care_outcome"') :]
    assert re.search(r'data-code="declined"><th scope="row">[^<]*</th><td[^>]*>\s*<span '
                     r'class="monitor-hidden">verborgen', block)  # fmt: skip


def test_a_focal_officer_sees_the_care_of_their_own_municipality_in_full(signed_in, care):
    html = (
        signed_in("afm.hengelo")
        .get(reverse("monitor:dashboard") + YEAR_2026 + "&municipality=GM0164")
        .text
    )
    assert _value(html, "care_started") == "1"
    assert _value(html, "days_to_care") == "10"


def test_the_annual_report_has_a_care_chapter_under_the_public_minimum(care, twente, settings):
    context = annual_context(twente, 2026)
    assert context["care"].in_care is None  # 5 is under the public minimum of 10
    assert context["care"].relapsed is None
    settings.ZICHT_MIN_CELL_PUBLIC = 1
    context = annual_context(twente, 2026)
    assert (context["care"].in_care, context["care"].started) == (5, 3)
    assert context["care_panels"][0]["figure"].total == 3


def test_the_annual_report_pdf_has_the_care_chapter(care, twente, settings):
    settings.ZICHT_MIN_CELL_PUBLIC = 1
    _pages_count, text = _pages(render_annual_report(twente, 2026))
    assert "Zorg" in text
    assert "Zorgtrajecten afgesloten, naar uitkomst" in text
    assert "33,3%" in text  # one of three trajectories closed in 2025 fell back
