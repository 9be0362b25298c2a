"""The report figures of whole months read from the report months (report_months.py) equal
those read from the registrations, and a report after the refresh counts at once."""

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest

from zicht.intake.models import Report
from zicht.intake.vocabulary import ReportSource
from zicht.monitor import figures
from zicht.monitor.figures import Scope
from zicht.monitor.models import ReportMonth, VictimRecordCoverage
from zicht.monitor.report_months import month_rows
from zicht.monitor.victim_records import refresh_victim_records
from zicht.organisations.models import Municipality

TZ = ZoneInfo("Europe/Amsterdam")


def _report(municipality, when: datetime.datetime, forms, sectors, source=ReportSource.POLICE):
    return Report.objects.create(
        submission_key=uuid.uuid4(),
        received_at=when,
        source=source,
        exploitation_forms=forms,
        sectors=sectors,
        description="Testmelding.",
        municipality=municipality,
    )


def _figures(scope: Scope) -> tuple:
    tally = figures.report_tally(scope)
    shown = [
        figures.by_exploitation_form(scope, tally),
        figures.by_sector(scope, tally),
        figures.by_source(scope, tally),
        figures.trend(scope, tally=tally),
        figures.trend(scope, by="quarter", tally=tally),
    ]
    if scope.municipality is None:
        shown.append(figures.by_municipality(scope, tally))
    return tally.total, [(f.key, f.rows, f.total) for f in shown]


def _direct(scope: Scope) -> tuple:
    tally = figures.tally_of(scope, figures.period_reports(scope))
    return tally.total, tally.forms, tally.sectors, tally.source, tally.municipality, tally.months


@pytest.fixture
def spread(known, twente):
    """Reports on the edges of months and years (in Amsterdam time, not UTC), with lists of
    forms and sectors in both orders, none, and in two municipalities."""
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    enschede = Municipality.objects.get(cbs_code="GM0153")
    at = datetime.datetime
    _report(hengelo, at(2025, 1, 1, 0, 30, tzinfo=TZ), ["sexual", "labour"], ["hospitality"])
    _report(hengelo, at(2024, 12, 31, 23, 59, tzinfo=TZ), ["labour", "sexual"], [])
    _report(enschede, at(2025, 3, 31, 23, 45, tzinfo=TZ), [], ["agriculture", "hospitality"])
    _report(enschede, at(2025, 4, 1, 0, 15, tzinfo=TZ), ["criminal"], [], ReportSource.CARE)
    _report(enschede, at(2023, 7, 15, 12, tzinfo=TZ), ["other"], ["hospitality"])
    return hengelo, enschede


def _scopes(twente, hengelo, enschede) -> list[Scope]:
    d = datetime.date
    return [
        Scope.year(twente, 2025),
        Scope.year(twente, 2025, hengelo),
        Scope(twente, d(2025, 1, 1), d(2025, 3, 31)),
        Scope(twente, d(2025, 4, 1), d(2025, 6, 30), enschede),
        Scope(twente, d(2016, 1, 1), d(2025, 12, 31)),
        Scope(twente, d(2024, 12, 1), d(2025, 1, 31), hengelo),
        Scope(twente, d(2025, 2, 1), d(2025, 2, 28)),
        Scope(twente, d(2025, 3, 15), d(2025, 4, 14)),  # not whole months: registrations
    ]


def test_report_figures_from_the_report_months_equal_those_from_the_registrations(spread, twente):
    scopes = _scopes(twente, *spread)
    before = [_figures(scope) for scope in scopes]
    direct = [_direct(scope) for scope in scopes]
    refresh_victim_records(twente)
    assert ReportMonth.objects.filter(region=twente).exists()
    assert [_figures(scope) for scope in scopes] == before
    assert [_direct(scope) for scope in scopes] == direct
    assert before[0][0] == 23 + 3  # the known year and three reports of 2025 above


def test_whole_months_are_counted_from_the_report_months(spread, twente):
    coverage = refresh_victim_records(twente)
    assert coverage.through_report == Report.objects.order_by("-pk").first().pk
    rows = month_rows(twente, None, 202501, 202512)
    assert sum(n for kind, _value, n in rows if kind == "source") == 26
    assert sum(n for kind, _value, n in rows if kind == "month") == 26
    # months in Amsterdam time: 31 December 23:59 is December's, 1 January 00:30 January's
    hengelo = spread[0]
    for month in (202412, 202501):
        year, number = divmod(month, 100)
        start = datetime.datetime(year, number, 1, tzinfo=TZ)
        end = datetime.datetime(year + number // 12, number % 12 + 1, 1, tzinfo=TZ)
        counted = Report.objects.filter(
            municipality=hengelo, received_at__gte=start, received_at__lt=end
        ).count()
        rows = month_rows(twente, hengelo, month, month)
        assert ("month", str(month), counted) in rows
        assert ("municipality", str(hengelo.pk), counted) in rows
    assert month_rows(twente, hengelo, 202412, 202412) != month_rows(
        twente, hengelo, 202501, 202501
    )


def test_a_report_after_the_refresh_counts_at_once(spread, twente):
    hengelo, _enschede = spread
    scopes = _scopes(twente, *spread)
    refresh_victim_records(twente)
    _report(hengelo, datetime.datetime(2025, 6, 1, 12, tzinfo=TZ), ["labour"], ["hospitality"])
    _report(hengelo, datetime.datetime(2025, 12, 31, 23, 59, tzinfo=TZ), [], [])
    assert Report.objects.filter(pk__gt=VictimRecordCoverage.objects.get().through_report).count()
    after = [_figures(scope) for scope in scopes]
    VictimRecordCoverage.objects.filter(region=twente).update(through_report=0)
    assert after == [_figures(scope) for scope in scopes]  # from the registrations alone
    assert after[0][0] == 26 + 2


def test_the_report_months_of_a_region_without_municipalities_are_empty(twente):
    from zicht.organisations.models import Region

    empty = Region.objects.create(code="VR99", name="Zonder gemeenten")
    refresh_victim_records(empty)
    assert figures.report_tally(Scope.year(empty, 2025)).total == 0
