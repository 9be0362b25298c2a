"""The monitor's figures against a year whose numbers are known in advance."""

import datetime

from zicht.linkage.models import LinkageRun
from zicht.monitor import figures
from zicht.monitor.figures import Scope
from zicht.organisations.models import Municipality


def test_headline_counts_match_the_known_year(known, twente):
    scope = Scope.year(twente, 2025)
    assert figures.report_count(scope) == known["reports"]
    assert figures.case_count(scope) == known["cases"]
    assert figures.person_record_count(scope) == known["person_records"]
    assert figures.unique_person_count(scope) == known["unique_persons"]


def test_unique_persons_are_fewer_than_reports_when_linkage_joined_records(known, twente):
    overview = figures.overview(Scope.year(twente, 2025))
    assert overview.persons.unique == 20 < overview.reports == 23


def test_persons_missing_from_the_latest_run_count_as_their_own_person(known, twente):
    LinkageRun.objects.create(region=twente, threshold=0.9)  # newer, empty run
    assert figures.unique_person_count(Scope.year(twente, 2025)) == 23


def test_the_year_before_stays_outside_the_period(known, twente):
    assert figures.report_count(Scope.year(twente, 2024)) == 2


def test_breakdowns_match_the_known_year(known, twente):
    scope = Scope.year(twente, 2025)
    persons = figures.person_figures(scope)
    assert figures.by_municipality(scope).counts == known["municipalities"]
    assert figures.by_exploitation_form(scope).counts == known["forms_reports"]
    assert persons.sex.counts == known["sex"]
    assert persons.minor.counts == known["minor"]
    assert persons.nationality.counts == known["nationality"]
    assert persons.border.counts == {"domestic": 8, "cross_border": 11, "unknown": 1}
    assert sum(persons.age_band.counts.values()) == 20
    assert persons.age_band.counts["9-17"] == 3
    assert figures.actions_by_kind(scope).counts == known["actions"]
    assert figures.closure_reasons(scope).counts == known["closure"]


def test_handling_times_are_medians_in_days(known, twente):
    handling = figures.handling_times(Scope.year(twente, 2025))
    assert handling.to_hub_days == known["to_hub_days"]
    assert handling.to_first_action_days == known["to_first_action_days"]
    assert handling.feedback_overdue == known["feedback_overdue"]


def test_a_municipality_scope_counts_only_that_municipality(known, twente):
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    scope = Scope.year(twente, 2025, hengelo)
    assert figures.report_count(scope) == 8
    assert figures.by_municipality(scope).counts == {"GM0164": 8}


def test_the_trend_has_every_month_of_the_period(known, twente):
    trend = figures.trend(Scope.year(twente, 2025))
    assert [label for label, _l, _n in trend.rows][:2] == ["2025-01", "2025-02"]
    assert len(trend.rows) == 12
    assert trend.total == 23
    quarters = figures.trend(Scope.year(twente, 2025), by="quarter")
    assert len(quarters.rows) == 4
    assert quarters.total == 23


def test_nationality_groups_and_age_bands_follow_the_documented_rules():
    assert figures.nationality_group("NL") == "dutch"
    assert figures.nationality_group("pl") == "eu"
    assert figures.nationality_group("NG") == "non_eu"
    assert figures.nationality_group("") == "unknown"
    assert figures.domestic_or_cross_border("NL") == "domestic"
    assert figures.domestic_or_cross_border("UA") == "cross_border"
    assert [figures.age_band(a) for a in (0, 8, 9, 17, 18, 29, 30, 47, 48, None)] == [
        "0-8", "0-8", "9-17", "9-17", "18-20", "27-29", "30-38", "39-47", "48+", "unknown",
    ]  # fmt: skip
    assert figures.age_at(datetime.date(2000, 6, 2), datetime.date(2018, 6, 1)) == 17


def test_the_cached_overview_is_reused_until_a_new_report_arrives(known, twente, settings):
    from django.core.cache import cache

    from zicht.intake.models import Report

    settings.ZICHT_MONITOR_CACHE_SECONDS = 60
    cache.clear()
    scope = Scope.year(twente, 2025)
    first = figures.cached_overview(scope)
    assert first.reports == 23
    report = Report.objects.filter(received_at__year=2025).first()
    Report.objects.filter(pk=report.pk).update(source="kmar")  # not a new report: cached
    assert figures.cached_overview(scope).figures[2].counts == first.figures[2].counts
    report.pk = None
    report.submission_key = __import__("uuid").uuid4()
    report.save()
    assert figures.cached_overview(scope).reports == 24
    cache.clear()


def _python_medians(scope: Scope) -> tuple:
    """The handling times worked out in Python from the cases and their actions."""
    to_hub, first = [], []
    for case in figures.cases(scope).prefetch_related("actions"):
        if case.reported_to_hub_at is not None and case.reported_to_hub_at < scope.end_before:
            to_hub.append(case.reported_to_hub_at - case.opened_at)
        created = [a.created_at for a in case.actions.all() if a.created_at < scope.end_before]
        if created:
            first.append(min(created) - case.opened_at)
    return (
        figures.median_days(to_hub),
        len(to_hub),
        figures.median_days(first),
        len(first),
    )


def test_handling_medians_take_the_middle_of_an_even_number_and_skip_negative_times(known, twente):
    from zicht.casework.models import Case, Status

    scope = Scope.year(twente, 2025)
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    opened = datetime.datetime(2025, 5, 5, 9, tzinfo=datetime.UTC)
    for hours in (-5, 7, 31, 100):  # one reported before opening: counted, not in the median
        Case.objects.create(
            region=twente,
            municipality=hengelo,
            status=Status.REPORTED_TO_HUB,
            opened_at=opened,
            reported_to_hub_at=opened + datetime.timedelta(hours=hours),
        )
        handling = figures.handling_times(scope)
        got = (
            handling.to_hub_days,
            handling.to_hub_n,
            handling.to_first_action_days,
            handling.to_first_action_n,
        )
        assert got == _python_medians(scope)
