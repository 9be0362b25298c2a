"""The B8/3 reflection period: three months by default, extensions later only, the
police report with its date; bad input refused, nothing changed."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from zicht.care import reflection, trajectories
from zicht.care.models import (
    PoliceReport,
    ReflectionPeriod,
    ResidenceStatus,
    three_months_after,
)
from zicht.care.tests.conftest import care_state

TODAY = timezone.localdate()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2026, 1, 15), datetime.date(2026, 4, 15)),
        (datetime.date(2025, 11, 30), datetime.date(2026, 2, 28)),
        (datetime.date(2023, 11, 30), datetime.date(2024, 2, 29)),
        (datetime.date(2025, 10, 31), datetime.date(2026, 1, 31)),
    ],
)
def test_three_months_after(start, end):
    assert three_months_after(start) == end


def test_the_period_ends_three_months_after_its_start_by_default(trajectory, coordinator):
    period = reflection.start_reflection_period(
        trajectory_id=trajectory.pk, by=coordinator, starts_on=datetime.date(2026, 1, 15)
    )
    assert period.ends_on == datetime.date(2026, 4, 15)
    assert period.residence_status == ResidenceStatus.REFLECTION
    assert period.police_report == PoliceReport.UNDECIDED


def test_an_end_before_the_start_is_refused(trajectory, coordinator, english):
    before = care_state(trajectory)
    with pytest.raises(trajectories.CareRefused, match="cannot be before its start"):
        reflection.start_reflection_period(
            trajectory_id=trajectory.pk,
            by=coordinator,
            starts_on=TODAY,
            ends_on=TODAY - datetime.timedelta(days=1),
        )
    assert care_state(trajectory) == before


def test_it_starts_once_and_extends_only_to_a_later_end(trajectory, coordinator, english):
    period = reflection.start_reflection_period(
        trajectory_id=trajectory.pk, by=coordinator, starts_on=TODAY
    )
    before = care_state(trajectory)
    with pytest.raises(trajectories.CareRefused, match="started already"):
        reflection.start_reflection_period(
            trajectory_id=trajectory.pk, by=coordinator, starts_on=TODAY
        )
    with pytest.raises(trajectories.CareRefused, match="must end after the current end"):
        reflection.extend_reflection_period(
            trajectory_id=trajectory.pk, by=coordinator, new_end=period.ends_on, reason="x"
        )
    with pytest.raises(trajectories.CareRefused, match="Give the reason"):
        reflection.extend_reflection_period(
            trajectory_id=trajectory.pk,
            by=coordinator,
            new_end=period.ends_on + datetime.timedelta(days=30),
            reason=" ",
        )
    assert care_state(trajectory) == before

    new_end = period.ends_on + datetime.timedelta(days=30)
    reflection.extend_reflection_period(
        trajectory_id=trajectory.pk, by=coordinator, new_end=new_end, reason="Medische zorg"
    )
    period.refresh_from_db()
    assert period.ends_on == new_end
    extension = period.extensions.get()
    assert (extension.previous_end, extension.new_end) == (
        three_months_after(TODAY),
        new_end,
    )


def test_a_police_report_needs_its_date(trajectory, coordinator, english):
    reflection.start_reflection_period(trajectory_id=trajectory.pk, by=coordinator, starts_on=TODAY)
    before = care_state(trajectory)
    with pytest.raises(trajectories.CareRefused, match="Enter the date"):
        reflection.record_reflection_decision(
            trajectory_id=trajectory.pk,
            by=coordinator,
            police_report=PoliceReport.YES,
            police_report_on=None,
            residence_status=ResidenceStatus.TEMPORARY_PERMIT,
        )
    assert care_state(trajectory) == before
    period = reflection.record_reflection_decision(
        trajectory_id=trajectory.pk,
        by=coordinator,
        police_report=PoliceReport.YES,
        police_report_on=TODAY,
        residence_status=ResidenceStatus.TEMPORARY_PERMIT,
    )
    assert (period.police_report, period.police_report_on) == ("yes", TODAY)


def test_the_database_refuses_an_end_before_the_start_too(trajectory, coordinator):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReflectionPeriod.objects.create(
            trajectory=trajectory,
            starts_on=TODAY,
            ends_on=TODAY - datetime.timedelta(days=1),
            recorded_by=coordinator.user,
        )
