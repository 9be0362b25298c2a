"""The dark number from the capture histories of the linked presumed victims."""

import datetime
import random
import uuid
from zoneinfo import ZoneInfo

import pandas as pd

from zicht.intake.models import InvolvedPerson, Report
from zicht.linkage.models import LinkageRun, PersonCluster
from zicht.monitor.darknumber import dark_numbers, estimate_frame
from zicht.monitor.figures import Scope
from zicht.organisations.models import Organisation

TZ = ZoneInfo("Europe/Amsterdam")


def make_overlapping_registrations(region, year, persons=150, seed=7):
    """Persons registered independently by three organisations with probability 0.4 each."""
    rng = random.Random(seed)
    orgs = list(
        Organisation.objects.filter(region=region, type__in=["police", "veilig_thuis", "care"])
    )
    municipality = region.municipalities.first()
    run = LinkageRun.objects.create(region=region, threshold=0.9)
    for p in range(persons):
        for org in orgs:
            if rng.random() < 0.4:
                form = "sexual" if p % 3 else "labour"
                report = Report.objects.create(
                    submission_key=uuid.uuid4(),
                    received_at=datetime.datetime(year, 1 + p % 12, 1 + p % 28, 12, tzinfo=TZ),
                    source="police",
                    reporting_organisation=org,
                    exploitation_forms=[form],
                    description="x",
                    municipality=municipality,
                )
                person = InvolvedPerson.objects.create(report=report, role="presumed_victim")
                PersonCluster.objects.create(run=run, person=person, cluster_id=f"c{p}")


def test_an_estimate_with_its_interval_sensitivity_and_reading_when_three_lists_overlap(
    demo, twente
):
    make_overlapping_registrations(twente, 2025)
    results = dark_numbers(Scope.year(twente, 2025))
    overall = results[0]
    assert overall.ok
    assert len(overall.lists) == 3
    assert overall.observed < overall.low <= overall.high < 3 * overall.observed
    assert {row["code"] for row in overall.sensitivity} >= {"main", "stepwise"}
    assert overall.reading
    assert overall.svg.startswith("<svg")
    labels = [r.label for r in results]
    assert "Sexual exploitation" in labels or "Seksuele uitbuiting" in labels


def test_two_lists_give_a_plain_warning():
    frame = pd.DataFrame(
        {"cluster": [f"c{i}" for i in range(40)] + ["c1", "c2"], "list": ["A"] * 25 + ["B"] * 17}
    )
    result = estimate_frame(frame, "test")
    assert any("two" in w or "twee" in w for w in result.warnings)


def test_one_list_gives_no_estimate_and_says_why():
    frame = pd.DataFrame({"cluster": [f"c{i}" for i in range(30)], "list": ["A"] * 30})
    result = estimate_frame(frame, "test")
    assert not result.ok
    assert result.warnings


def test_no_overlap_gives_no_estimate_and_says_why():
    frame = pd.DataFrame({"cluster": [f"c{i}" for i in range(30)], "list": ["A", "B", "C"] * 10})
    result = estimate_frame(frame, "test")
    assert not result.ok
    assert result.warnings


def test_more_than_four_lists_are_merged_into_other():
    rows = [(f"c{i}", name) for i in range(60) for name in "ABCDEF" if (i + ord(name)) % 3 == 0]
    result = estimate_frame(pd.DataFrame(rows, columns=["cluster", "list"]), "test")
    assert len(result.lists) == 4
