"""The municipalities' baseline progress in the monitor and the annual report."""

import datetime

import pytest

from zicht.baseline import progress
from zicht.monitor.annual_report import annual_context
from zicht.monitor.figures import Scope, baseline_progress
from zicht.organisations.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def hengelo_progress(member):
    focal = member("afm.hengelo")
    hengelo = focal.organisation.municipality
    for code, day in (
        ("policy-1a", datetime.date(2025, 3, 1)),
        ("policy-1b", datetime.date(2025, 11, 1)),
    ):
        progress.record_status(
            municipality_id=hengelo.pk,
            criterion_code=code,
            status="met",
            effective_on=day,
            evidence_text="Vastgesteld door de raad.",
            by=focal,
        )
    return hengelo


def test_progress_counts_met_criteria_at_the_start_and_the_end(twente, hengelo_progress):
    found = baseline_progress(Scope.year(twente, 2025))
    row = next(r for r in found.rows if r.municipality == hengelo_progress)
    # The focal officer (a demo user, made today) proves N2 only from today on.
    assert (row.met_at_start, row.met, row.total) == (0, 2, 23)
    assert row.plateau_1_total == 17
    assert len(found.rows) == Municipality.objects.filter(region=twente).valid_on().count()


def test_the_dashboard_shows_it_to_the_focal_officer_in_full(signed_in, hengelo_progress):
    page = signed_in("afm.hengelo").get("/monitor/?start=2025-01-01&end=2025-12-31")
    text = page.content.decode()
    assert 'data-testid="monitor-baseline"' in text
    assert 'data-figure="baseline-GM0164">2 van 23' in text


def test_the_annual_report_has_a_paragraph(twente, hengelo_progress):
    context = annual_context(twente, 2025)
    row = next(r for r in context["baseline"].rows if r.municipality == hengelo_progress)
    assert row.met == 2
