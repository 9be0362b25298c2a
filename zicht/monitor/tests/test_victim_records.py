"""The person figures read from the monitor's victim records equal those read from the
registrations, follow new reports at once and set the records aside after a new linkage
run."""

import datetime
import io
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from zicht.intake.models import InvolvedPerson, Report
from zicht.intake.vocabulary import PersonRole, ReportSource
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.monitor import figures
from zicht.monitor.figures import Scope
from zicht.monitor.models import VictimRecord, VictimRecordCoverage
from zicht.monitor.victim_records import refresh_victim_records
from zicht.organisations.models import Municipality, Region

TZ = ZoneInfo("Europe/Amsterdam")


def _person_figures(scope: Scope) -> tuple:
    p = figures.person_figures(scope)
    figures_ = (p.sex, p.age_band, p.minor, p.nationality, p.border, p.forms)
    return p.unique, p.records, [(f.key, f.rows, f.total) for f in figures_]


def _victim(municipality, when: datetime.datetime, forms: list[str], **person) -> InvolvedPerson:
    report = Report.objects.create(
        submission_key=uuid.uuid4(),
        received_at=when,
        source=ReportSource.POLICE,
        exploitation_forms=forms,
        description="Testmelding.",
        municipality=municipality,
    )
    return InvolvedPerson.objects.create(report=report, role=PersonRole.PRESUMED_VICTIM, **person)


def test_figures_from_the_victim_records_equal_those_from_the_registrations(known, twente):
    scope = Scope.year(twente, 2025)
    hengelo = Scope.year(twente, 2025, Municipality.objects.get(cbs_code="GM0164"))
    before = _person_figures(scope), _person_figures(hengelo)
    refresh_victim_records(twente)
    assert VictimRecord.objects.filter(region=twente).count() == 25  # 2 in the year before
    assert (_person_figures(scope), _person_figures(hengelo)) == before
    assert before[0][0] == known["unique_persons"]
    # The records' figures are the known ones, not only equal to the other path.
    persons = figures.person_figures(scope)
    assert (persons.unique, persons.records) == (known["unique_persons"], known["person_records"])
    assert persons.sex.counts == known["sex"]
    assert persons.minor.counts == known["minor"]
    assert persons.nationality.counts == known["nationality"]


def test_a_report_after_the_refresh_counts_at_once(known, twente):
    refresh_victim_records(twente)
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    _victim(hengelo, datetime.datetime(2025, 6, 1, 12, tzinfo=TZ), ["labour"], sex="male")
    persons = figures.person_figures(Scope.year(twente, 2025))
    assert (persons.unique, persons.records) == (21, 24)
    assert persons.sex.counts == {"female": 16, "male": 5}


def test_a_newer_linkage_run_sets_the_records_aside(known, twente):
    refresh_victim_records(twente)
    LinkageRun.objects.create(region=twente, threshold=0.9)  # newer, empty run
    assert figures.person_figures(Scope.year(twente, 2025)).unique == 23


@pytest.mark.parametrize("refreshed", [False, True])
def test_a_unique_person_has_the_first_known_values_of_the_records_in_the_period(twente, refreshed):
    place = Municipality.objects.filter(region=twente).order_by("cbs_code").first()
    records = [
        # before the period: not counted, and its values are not used
        _victim(place, datetime.datetime(2024, 12, 20, 9, tzinfo=TZ), ["criminal"],
                sex="female", nationality="NL", birth_date=datetime.date(1990, 1, 1)),
        _victim(place, datetime.datetime(2025, 2, 1, 9, tzinfo=TZ), []),
        _victim(place, datetime.datetime(2025, 3, 1, 9, tzinfo=TZ), ["labour"],
                sex="male", nationality="pl", birth_date=datetime.date(2010, 5, 1)),
        _victim(place, datetime.datetime(2025, 4, 1, 9, tzinfo=TZ), ["sexual"],
                sex="female", nationality="NL", birth_date=datetime.date(1980, 1, 1)),
    ]  # fmt: skip
    run = LinkageRun.objects.create(region=twente, threshold=0.9)
    for record in records:
        PersonCluster.objects.create(run=run, person=record, cluster_id="one")
    if refreshed:
        refresh_victim_records(twente)
    persons = figures.person_figures(Scope.year(twente, 2025, place))
    assert (persons.unique, persons.records) == (1, 3)
    assert persons.sex.counts == {"male": 1}
    assert persons.age_band.counts == {"9-17": 1}  # 14 on 1 February 2025
    assert persons.minor.counts == {"minor": 1}
    assert persons.nationality.counts == {"eu": 1}
    assert persons.border.counts == {"cross_border": 1}
    assert persons.forms.counts == {"sexual": 1, "labour": 1, "unknown": 1}


def test_the_command_rebuilds_the_records_of_a_region(known, twente):
    call_command("refresh_victim_records", region="VR05", stdout=io.StringIO())
    coverage = VictimRecordCoverage.objects.get(region=twente)
    assert coverage.run == LinkageRun.objects.filter(region=twente).latest("created_at")
    assert figures.person_figures(Scope.year(twente, 2025)).unique == known["unique_persons"]


def test_a_region_without_municipalities_has_no_persons(twente):
    empty = Region.objects.create(code="VR99", name="Zonder gemeenten")
    refresh_victim_records(empty)
    assert figures.person_figures(Scope.year(empty, 2025)).unique == 0
