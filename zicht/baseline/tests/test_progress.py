import datetime

import pytest

from zicht.baseline import progress
from zicht.baseline.criteria import CRITERIA
from zicht.baseline.models import AppendOnlyError, Criterion, CriterionChange, CriterionState
from zicht.baseline.standing import Quarter, last_quarters
from zicht.baseline.standing import progress as progress_over_time
from zicht.baseline.tests.conftest import baseline_state
from zicht.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def record(by, municipality, code="policy-1a", status="met", day=None, **evidence):
    evidence = evidence or {"evidence_text": "Beleidsplan vastgesteld door de raad."}
    return progress.record_status(
        municipality_id=municipality.pk,
        criterion_code=code,
        status=status,
        effective_on=day or datetime.date(2026, 1, 15),
        by=by,
        **evidence,
    )


def test_the_criteria_are_the_sources_numbered_as_there():
    assert Criterion.objects.count() == len(CRITERIA) == 23
    labels = list(Criterion.objects.values_list("code", flat=True))
    assert labels[:5] == ["policy-1a", "policy-1b", "policy-1c", "policy-2a", "policy-2b"]
    assert Criterion.objects.get(code="awareness-1c").proved_by == "training"
    assert Criterion.objects.get(code="baseline-12").proved_by == "focal_officer"
    assert Criterion.objects.get(code="baseline-12").label == "N2"


def test_the_focal_officer_records_a_status_with_its_evidence(focal, hengelo):
    change = record(focal, hengelo, evidence_link="https://raad.hengelo.nl/beleidsplan.pdf")
    state = CriterionState.objects.get(municipality=hengelo, criterion__code="policy-1a")
    assert (state.status, state.latest) == ("met", change)
    assert change.recorded_by == focal.user
    assert change.recorded_for == focal.organisation


def test_every_change_is_kept_and_the_latest_by_date_holds(focal, hengelo):
    record(focal, hengelo, status="in_progress", day=datetime.date(2025, 3, 1))
    record(focal, hengelo, status="met", day=datetime.date(2025, 9, 1))
    # Recorded later, about an earlier day: history, not what holds now.
    record(focal, hengelo, status="not_started", day=datetime.date(2024, 6, 1))
    assert CriterionChange.objects.filter(municipality=hengelo).count() == 3
    state = CriterionState.objects.get(municipality=hengelo, criterion__code="policy-1a")
    assert state.status == "met"


def test_the_history_cannot_be_changed(focal, hengelo):
    change = record(focal, hengelo)
    change.status = "not_started"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()


def test_the_safety_officer_may_record_too(member, hengelo):
    assert record(member("oov.hengelo"), hengelo).status == "met"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"day": datetime.date.today() + datetime.timedelta(days=1)}, "future"),  # noqa: DTZ011
        ({"code": "policy-9z"}, "does not exist"),
        ({"code": "awareness-1c"}, "not typed by hand"),
        ({"code": "baseline-12"}, "not typed by hand"),
        ({"status": "done"}, "status"),
        ({"evidence_text": "  "}, "evidence"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(focal, hengelo, english, changes, message):
    before = baseline_state()
    with pytest.raises(progress.BaselineRefused, match=message):
        record(focal, hengelo, **changes)
    assert baseline_state() == before


def test_another_municipality_is_refused(focal, english):
    enschede = Municipality.objects.get(cbs_code="GM0153")
    before = baseline_state()
    with pytest.raises(progress.BaselineRefused, match="Enschede"):
        record(focal, enschede)
    assert baseline_state() == before


@pytest.mark.parametrize("username", ["hub.twente", "analist.twente", "wijkcoach.hengelo"])
def test_readers_and_others_may_not_record(member, hengelo, username):
    with pytest.raises((progress.BaselineRefused, progress.NotFound)):
        record(member(username), hengelo)
    assert not CriterionChange.objects.exists()


def test_a_municipality_of_another_region_is_not_found(focal):
    rotterdam = Municipality.objects.get(cbs_code="GM0599")
    with pytest.raises(progress.NotFound):
        record(focal, rotterdam)


def test_progress_per_quarter_follows_the_dates_of_the_history(focal, hengelo):
    record(focal, hengelo, "policy-1a", "met", datetime.date(2025, 2, 1))
    record(focal, hengelo, "policy-1b", "met", datetime.date(2025, 5, 1))
    record(focal, hengelo, "policy-1a", "in_progress", datetime.date(2025, 8, 1))
    shown = list(Criterion.objects.filter(theme="policy", plateau=1))
    quarters = [Quarter(2024, 4), Quarter(2025, 1), Quarter(2025, 2), Quarter(2025, 3)]
    found = progress_over_time([hengelo], shown, quarters, today=datetime.date(2026, 1, 1))
    ((municipality, shares),) = found.rows
    assert municipality == hengelo
    assert [round(s * 3) for s in shares] == [0, 1, 2, 1]


def test_quarters():
    assert Quarter(2025, 4).end == datetime.date(2025, 12, 31)
    assert Quarter(2024, 1).end == datetime.date(2024, 3, 31)
    found = last_quarters(datetime.date(2026, 2, 10), 3)
    assert [q.label for q in found] == ["2025-K3", "2025-K4", "2026-K1"]
