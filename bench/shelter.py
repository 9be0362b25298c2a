"""Finding and reserving a shelter place under load (issue 13): 2,000 providers, 50
coordinators at once, each on a PostgreSQL connection of its own.

    uv run python bench/shelter.py                 # print the section
    uv run python bench/shelter.py --write         # ... and put it in docs/benchmarks.md
    uv run python bench/shelter.py --providers 2000 --coordinators 50 --requests 10

A fresh database (`zicht_bench_shelter`, dropped and made again) gets the demo set-up, then
2,000 shelter and care providers in Twente with one to three units each (every type, mixed
sexes and ages, a tenth with a secret address, capacities 1 to 6), written in bulk, and one
presumed victim per request, all in one report of the hub (through `submit_report`). Then 50
threads, each a hub case manager, call `zicht.care.shelter.request_placement` at the same
moment, 10 times each, one victim after the other: half the victims ask for COSM with a
secret address (a tenth of the places, so they contend for the same rows; when none is free
they are refused and the refusal is recorded), the rest take what fits. Timed per call: the
median and p95. Afterwards every unit's `occupied` is counted against its placements: a
double booking would show as a unit over its capacity or a count that differs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg

SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "zicht_bench_shelter"
os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings_test")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from benchdoc import write_section  # noqa: E402

HEADING = "## Shelter: finding and reserving a place (issue 13)"


def fresh_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--providers", type=int, default=2000)
    parser.add_argument("--coordinators", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10, help="per coordinator")
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()
    fresh_database()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    run(options)


def run(options: argparse.Namespace) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import Count, F, Q

    from zicht.care import shelter
    from zicht.care.models import OccupancyEvent, Placement, ShelterUnit
    from zicht.care.shelter import NoPlaceFree
    from zicht.care.shelter_models import HOLDS_A_PLACE, ServesSex, ShelterType
    from zicht.demo.create import create_demo
    from zicht.intake.submission import PersonData, ReportData, submit_report
    from zicht.organisations.models import Membership, Municipality, Organisation, Role

    create_demo(history=False)
    rng = random.Random(13)
    hengelo = Municipality.objects.get(cbs_code="GM0164")
    region = hengelo.region
    providers = Organisation.objects.bulk_create(
        Organisation(name=f"Opvang {n:04d}", type=rng.choice(["shelter", "care"]), region=region)
        for n in range(options.providers)
    )
    units = []
    for provider in providers:
        for _ in range(rng.randint(1, 3)):
            minors = rng.random() < 0.15
            units.append(
                ShelterUnit(
                    provider=provider,
                    region=region,
                    name=f"{provider.name} {len(units)}",
                    shelter_type=rng.choice(ShelterType.values),
                    capacity=rng.randint(1, 6),
                    serves_sex=rng.choice(ServesSex.values),
                    for_minors=minors,
                    min_age=12 if minors else 18,
                    max_age=17 if minors else 120,
                    multi_problem=rng.random() < 0.3,
                    secret_address=rng.random() < 0.1,
                )
            )
    ShelterUnit.objects.bulk_create(units)

    user_model = get_user_model()
    hub = Organisation.objects.get(region=region, type="regional_hub")
    coordinators = [
        Membership.objects.create(
            user=user_model.objects.create(username=f"bench.hub.{n}"),
            organisation=hub,
            role=Role.HUB_CASE_MANAGER,
        )
        for n in range(options.coordinators)
    ]
    # The victims: one report of the hub with every victim in it (one call, so the set-up
    # stays short); each request locks its own person's row, never the case.
    report, _ = submit_report(
        submission_key=uuid.uuid4(),
        data=ReportData(
            source="regional_hub",
            municipality=hengelo,
            description="bench",
            persons=[
                PersonData(
                    role="presumed_victim",
                    first_name=f"V{n}",
                    sex=rng.choice(["female", "male", "female"]),
                )
                for n in range(options.coordinators * options.requests)
            ],
        ),
        by=coordinators[0],
    )
    case_id = int(report.case_id or 0)
    victims = [(case_id, pk) for pk in report.persons.order_by("pk").values_list("pk", flat=True)]
    connection.close()

    barrier = threading.Barrier(options.coordinators)
    timings: list[float] = []
    outcomes = {"placed": 0, "refused": 0}
    lock = threading.Lock()

    def coordinator(index: int) -> None:
        mine = victims[index * options.requests : (index + 1) * options.requests]
        by = Membership.objects.select_related("organisation", "user").get(
            pk=coordinators[index].pk
        )
        barrier.wait()
        try:
            for number, (case_id, person_id) in enumerate(mine):
                scarce = number % 2 == 0
                started = time.perf_counter()
                try:
                    shelter.request_placement(
                        case_id=case_id,
                        person_id=person_id,
                        by=by,
                        is_minor=False,
                        shelter_type=ShelterType.COSM if scarce else "",
                        secret_address=scarce,
                    )
                    outcome = "placed"
                except NoPlaceFree:
                    outcome = "refused"
                elapsed = time.perf_counter() - started
                with lock:
                    timings.append(elapsed)
                    outcomes[outcome] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=coordinator, args=(i,)) for i in range(options.coordinators)]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - wall

    held = Count("placements", filter=Q(placements__status__in=HOLDS_A_PLACE))
    checked = ShelterUnit.objects.annotate(held=held)
    double = checked.filter(Q(occupied__gt=F("capacity")) | ~Q(occupied=F("held"))).count()
    two_places = (
        Placement.objects.filter(status__in=HOLDS_A_PLACE)
        .values("person")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    refusals = OccupancyEvent.objects.filter(kind="refused_full").count()
    timings.sort()
    median = statistics.median(timings) * 1000
    p95 = timings[int(0.95 * (len(timings) - 1))] * 1000
    secret_places = sum(u.capacity for u in units if u.secret_address and not u.for_minors)
    section = "\n".join(
        [
            HEADING,
            "",
            "`uv run python bench/shelter.py --write` (a fresh PostgreSQL database, "
            "`zicht_bench_shelter`); see the script's docstring for what it does.",
            "",
            f"- {options.providers:,} providers, {len(units):,} units, "
            f"{sum(u.capacity for u in units):,} places "
            f"({secret_places:,} adult places with a secret address)",
            f"- {options.coordinators} coordinators at once (threads, a connection each), "
            f"{options.requests} requests each: {len(timings):,} requests in {wall:.1f} s",
            f"- reserve (find + reserve, one transaction): median **{median:.0f} ms**, "
            f"p95 **{p95:.0f} ms**",
            f"- placed {outcomes['placed']:,}, refused for lack of space {outcomes['refused']:,} "
            f"(refusals recorded: {refusals:,})",
            f"- double bookings: **{double + two_places}** (units over capacity or with "
            f"`occupied` unlike their placements: {double}; persons with two places: "
            f"{two_places})",
            "",
            f"Throughput {len(timings) / wall:.0f} reservations a second. Looking for the best "
            "fitting unit locks it and skips a unit another coordinator is reserving (SKIP "
            "LOCKED), so the fifty spread over the free places instead of queueing for the "
            "first; a chosen unit is taken with a conditional UPDATE (`occupied < capacity`). "
            "What remains of the latency is queueing: every reservation appends to the "
            "hash-chained access log, whose head row all writers take in turn, so fifty "
            "coordinators at once wait for each other's commits (the median is about half the "
            "queue). Measured on the project's shared 2-core machine with a load average "
            f"around {os.getloadavg()[0]:.0f} from other work: expect far less on a quiet server.",
            "",
        ]
    )
    print(section)
    if options.write:
        write_section(HEADING, section)
    if double or two_places:
        sys.exit("double bookings")


if __name__ == "__main__":
    main()
