"""Two coordinators ask for the last bed at once, each on a connection of its own: one gets
it, the other is told, and the bed is booked once.

The first reservation is held open (not committed) while the second is made, so the second
meets the first for certain, not by luck of timing. For a chosen unit the conditional UPDATE
waits for the row and then finds no place free; looking for the best fitting unit skips the
unit the first holds (SKIP LOCKED) and finds none. A reservation that read the occupancy and
wrote it back without the condition and the lock would book the bed twice and fail this
test. Needs PostgreSQL's row locks (SQLite serialises whole transactions instead)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from zicht.care import shelter
from zicht.care.models import OccupancyEvent, Placement, ShelterUnit
from zicht.care.shelter import NoPlaceFree, UnitSpec
from zicht.organisations.models import Organisation, OrganisationType
from zicht.organisations.tests.factories import HubCaseManagerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _waiting_on_a_lock(pid: int) -> bool:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row is not None and row[0] == "Lock"


@pytest.mark.parametrize("chosen", [False, True], ids=["best-fitting", "chosen-unit"])
def test_two_coordinators_asking_for_the_last_bed_get_it_once(make_report, person, member, chosen):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    hub = member("hub.twente")
    colleague = HubCaseManagerFactory(organisation=hub.organisation)
    provider = Organisation.objects.get(region__code="VR05", type=OrganisationType.SHELTER)
    bed = shelter.register_unit(
        by=hub, provider=provider, spec=UnitSpec("Crisisbed Enschede", "crisis_bed", 1)
    )
    case = make_report(
        persons=[person(first_name="Anna", sex="female"), person(first_name="Eva", sex="female")]
    ).case
    anna, eva = case.reports.get().persons.order_by("first_name")
    options = {"is_minor": False, "unit_id": bed.pk if chosen else None}

    first_reserved = threading.Event()
    let_first_commit = threading.Event()
    second_pid: list[int] = []
    outcomes: dict[str, str] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                shelter.request_placement(case_id=case.pk, person_id=anna.pk, by=hub, **options)
                first_reserved.set()
                let_first_commit.wait(timeout=10)
            outcomes["first"] = "placed"
        finally:
            first_reserved.set()
            connection.close()

    def second() -> None:
        second_pid.append(connection.cursor().connection.info.backend_pid)
        try:
            shelter.request_placement(case_id=case.pk, person_id=eva.pk, by=colleague, **options)
            outcomes["second"] = "placed"
        except NoPlaceFree as refusal:
            outcomes["second"] = str(refusal)
        finally:
            connection.close()

    threads = [threading.Thread(target=first)]
    threads[0].start()
    assert first_reserved.wait(timeout=10)
    threads.append(threading.Thread(target=second))
    threads[1].start()
    # The second waits on the bed's row, or (without the lock) has already booked it.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and threads[1].is_alive():
        if second_pid and _waiting_on_a_lock(second_pid[0]):
            break
        time.sleep(0.02)
    let_first_commit.set()
    for thread in threads:
        thread.join(timeout=20)

    assert outcomes["first"] == "placed"
    assert outcomes["second"] != "placed"
    assert "bezet" in outcomes["second"] or "geen passende opvangplek" in outcomes["second"]
    bed.refresh_from_db()
    assert bed.occupied == 1
    assert Placement.objects.filter(unit=bed).count() == 1
    assert list(OccupancyEvent.objects.values_list("kind", flat=True).order_by("pk")) == [
        "reserved",
        "refused_full",
    ]
    assert ShelterUnit.objects.get(pk=bed.pk).free == 0
