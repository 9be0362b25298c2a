import datetime

import pytest
import time_machine
from django.core.management import call_command

from zicht.baseline import training
from zicht.baseline.models import Criterion, Department
from zicht.baseline.progress import BaselineRefused
from zicht.baseline.proof import ProofRecords
from zicht.baseline.reminders import remind_untrained_departments
from zicht.baseline.standing import matrix
from zicht.baseline.tests.conftest import baseline_state
from zicht.notifications.models import Notification
from zicht.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def add(focal, hengelo, name="Burgerzaken"):
    return training.add_department(municipality_id=hengelo.pk, name=name, by=focal)


def train(focal, hengelo, department, day):
    return training.record_training(
        municipality_id=hengelo.pk,
        department_id=department.pk,
        participant="Sanne de Vries",
        title="Signalen van mensenhandel herkennen",
        followed_on=day,
        by=focal,
    )


def cell(hengelo, code, day):
    (row,) = matrix([hengelo], [Criterion.objects.get(code=code)], today=day)
    return row.cells[0]


def test_the_training_register_proves_yearly_attention(focal, hengelo, today):
    assert cell(hengelo, "awareness-1c", today).status == "not_started"
    desk, permits = add(focal, hengelo), add(focal, hengelo, "Vergunningen")
    train(focal, hengelo, desk, today - datetime.timedelta(days=30))
    found = cell(hengelo, "awareness-1c", today)
    assert (found.status, found.proved) == ("in_progress", True)
    assert "1 of 2" in found.proof or "1 van 2" in found.proof
    train(focal, hengelo, permits, today)
    assert cell(hengelo, "awareness-1c", today).status == "met"
    # A year and a day later the trainings no longer count.
    assert cell(hengelo, "awareness-1c", today + datetime.timedelta(days=366)).status == (
        "not_started"
    )


def test_the_focal_officer_proves_that_there_is_one(hengelo, today):
    found = cell(hengelo, "baseline-12", today)
    assert found.status == "met"
    assert "Aandachtsfunctionaris Hengelo" in found.proof
    # Hof van Twente has no focal officer in the demo set-up.
    other = Municipality.objects.get(cbs_code="GM1735")
    (row,) = matrix([other], [Criterion.objects.get(code="baseline-12")], today=today)
    assert row.cells[0].status == "not_started"


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("future", "future"),
        ("other_department", "Choose a department of Hengelo"),
        ("no_name", "participant"),
    ],
)
def test_bad_training_is_refused(focal, member, hengelo, today, english, kind, message):
    desk = add(focal, hengelo)
    enschede = Municipality.objects.get(cbs_code="GM0153")
    theirs = training.add_department(
        municipality_id=enschede.pk, name="Burgerzaken", by=member("afm.enschede")
    )
    before = baseline_state()
    arguments = {
        "municipality_id": hengelo.pk,
        "department_id": desk.pk,
        "participant": "Sanne de Vries",
        "title": "Training",
        "followed_on": today,
        "by": focal,
    }
    if kind == "future":
        arguments["followed_on"] = today + datetime.timedelta(days=1)
    elif kind == "other_department":
        arguments["department_id"] = theirs.pk
    else:
        arguments["participant"] = "   "
    with pytest.raises(BaselineRefused, match=message):
        training.record_training(**arguments)
    assert baseline_state() == before


def test_a_department_is_added_once(focal, hengelo, english):
    add(focal, hengelo)
    with pytest.raises(BaselineRefused, match="already"):
        add(focal, hengelo, " burgerzaken ")


def test_the_focal_officer_is_reminded_once_a_year_per_untrained_department(
    focal, hengelo, today, django_capture_on_commit_callbacks
):
    desk, permits = add(focal, hengelo), add(focal, hengelo, "Vergunningen")
    train(focal, hengelo, desk, today)
    assert remind_untrained_departments(today) == 1
    notification = Notification.objects.get()
    assert notification.recipient == focal.user
    assert "Vergunningen" in notification.subject
    assert notification.link == "/basisniveau/gemeente/GM0164/"
    assert "Sanne" not in notification.subject + notification.body
    # Once a year: not again this year, again next year (when Burgerzaken is due too).
    assert remind_untrained_departments(today) == 0
    next_year = datetime.date(today.year + 1, 12, 31)
    assert remind_untrained_departments(next_year) == 2
    assert Department.objects.get(pk=permits.pk).reminded_for_year == today.year + 1


def test_the_command_queues_the_task(focal, hengelo, today):
    add(focal, hengelo)
    with time_machine.travel(datetime.datetime(today.year, 6, 1, 12, tzinfo=datetime.UTC)):
        call_command("training_reminders")
    assert Notification.objects.count() == 1


def test_proof_records_read_the_departments_once(focal, hengelo, today, django_assert_num_queries):
    add(focal, hengelo)
    with django_assert_num_queries(3):
        records = ProofRecords([hengelo.pk])
    assert records.training(hengelo.pk, today).status == "not_started"
