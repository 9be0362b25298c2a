"""Benchmark of the barrier model pages for a region with 10,000 locations, 50,000
inspections and 20,000 measures.

    uv run python bench/barriers.py            # build once, time, print a section
    uv run python bench/barriers.py --write    # ... and put it in docs/benchmarks.md

Inspections and measures are registered by the enforcement app, which counts them for the
barrier model through a counting source (docs/barriers.md). Until it is merged, this
benchmark makes a table of its own of that size: one row per inspection or measure of
Twente (70,000 over two years: 50,000 inspections, 20,000 measures, each at one of 10,000
locations) with its year, barrier and instrument, plus 70,000 rows of other regions, and
registers a source that runs the GROUP BY the enforcement app's source will run (region and
year, grouped by barrier and instrument, on an index of region, year, barrier and
instrument). Then, in one
process with Django's test client (DEBUG off, signed in as Twente's hub case manager), 30
uncached requests of each page: the model of this year, its comparison with last year (two
counts), and the printable page. p95 is the second highest of 30.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_BARRIERS_DB", "zicht_bench_barriers")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
os.environ["ZICHT_DEBUG"] = "0"
os.environ.setdefault("ZICHT_ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings")

from benchdoc import write_section  # noqa: E402

HEADING = "## Barrier model (issue 14)"
REPEATS = 30
LOCATIONS, INSPECTIONS, MEASURES = 10_000, 50_000, 20_000
INSTRUMENTS = {  # barrier: instruments (inspections first)
    "work": ["inspection", "closure_174a", "permit_withdrawn", "order_penalty"],
    "housing": ["inspection", "overcrowding_order", "closure_17_woningwet"],
    "identity": ["brp_corrected", "rni_refused"],
    "finances": ["bibob_advice"],
    "entry": ["inspection"],
    "transport": ["warning"],
}


def ensure_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            c.execute(f'CREATE DATABASE "{DB_NAME}"')


def build(this_year: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from zicht.demo.create import create_demo

    call_command("migrate", verbosity=0)
    create_demo(history=False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_barrier_use')")
        if cursor.fetchone()[0] is not None:
            return
        cursor.execute(
            "CREATE TABLE bench_barrier_use (id bigserial PRIMARY KEY, region varchar(8),"
            " year smallint, location_id int, kind varchar(12), barrier varchar(40),"
            " instrument varchar(40), label varchar(80))"
        )
        rng = random.Random(14)
        rows = []
        for region in ("VR05", "VR19"):
            for kind, n in (("inspection", INSPECTIONS), ("measure", MEASURES)):
                for _ in range(n):
                    barrier = rng.choice(list(INSTRUMENTS))
                    options = INSTRUMENTS[barrier]
                    if kind == "inspection" and "inspection" in options:
                        instrument = "inspection"
                    else:
                        instrument = rng.choice(
                            [o for o in options if o != "inspection"] or options
                        )
                    rows.append(
                        (region, rng.choice((this_year - 1, this_year)), rng.randrange(LOCATIONS),
                         kind, barrier, instrument, instrument.replace("_", " ").capitalize())
                    )  # fmt: skip
        with cursor.copy(
            "COPY bench_barrier_use (region, year, location_id, kind, barrier, instrument, label)"
            " FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            "CREATE INDEX bench_barrier_use_region_year ON bench_barrier_use (region, year)"
        )
        cursor.execute("VACUUM ANALYZE bench_barrier_use")


def counting_index() -> None:
    """The index a counting source wants: region and year, then what it groups by, so the
    count is read from the index alone."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS bench_barrier_use_counting ON bench_barrier_use"
            " (region, year, barrier, instrument) INCLUDE (label)"
        )
        cursor.execute("VACUUM ANALYZE bench_barrier_use")


def bench_source(region, year):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT barrier, instrument, min(label), count(*) FROM bench_barrier_use"
            " WHERE region = %s AND year = %s GROUP BY barrier, instrument",
            [region.code, year],
        )
        return cursor.fetchall()


def signed_in_client():
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zicht.organisations.models import Membership

    membership = Membership.objects.get(user__username="hub.twente")
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=membership.user).persistent_id
    session.save()
    return client


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true")
    arguments = parser.parse_args()
    ensure_database()
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from zicht.barriers import counting
    from zicht.organisations.models import Region

    this_year = timezone.localdate().year
    build(this_year)
    counting_index()
    counting.register_source(bench_source)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_barrier_use WHERE region = 'VR05'")
        region_rows = cursor.fetchone()[0]
    started = time.perf_counter()
    counted = counting.instruments_used(Region.objects.get(code="VR05"), this_year)
    count_ms = (time.perf_counter() - started) * 1000
    assert sum(u.count for uses in counted.values() for u in uses) > 30_000
    client = signed_in_client()
    pages = {
        "model of this year": f"/barrieremodel/{this_year}/",
        "comparison with last year": f"/barrieremodel/{this_year}/vergelijking/",
        "printable page": f"/barrieremodel/{this_year}/afdrukken/",
    }
    results = {}
    for name, url in pages.items():
        assert client.get(url).status_code == 200  # warm the templates once
        times, cpu = [], []
        for _ in range(REPEATS):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200
        results[name] = (statistics.median(times), p95(times), statistics.median(cpu))
    load = os.getloadavg()[0]
    lines = [
        HEADING,
        "",
        f"Rerun: `uv run python bench/barriers.py --write` (database `{DB_NAME}`, built on the"
        " first run). Until the enforcement app is merged, a table of the benchmark's own stands"
        f" in for inspections and measures: {region_rows:,} rows for Twente over two years"
        f" ({INSPECTIONS:,} inspections and {MEASURES:,} measures at {LOCATIONS:,} locations),"
        " as many for Zeeland, counted by a registered source with one GROUP BY on an index of"
        " region, year, barrier and instrument (read from the index alone). One process,"
        " Django's test client, DEBUG off, signed in as"
        f" Twente's hub case manager, {REPEATS} uncached requests per page; load average"
        f" {load:.1f} at the end on {os.cpu_count()} CPUs. One count of a year alone:"
        f" {count_ms:.0f} ms.",
        "",
        "| page | p50 ms | p95 ms | CPU of the web process, p50 ms | target p95 |",
        "|---|---:|---:|---:|---|",
    ]
    for name, (median, high, cpu_median) in results.items():
        verdict = "met" if high < 300 else "**not met** under this load"
        lines.append(
            f"| {name} | {median:.0f} | {high:.0f} | {cpu_median:.0f} | < 300 ms: {verdict} |"
        )
    section = "\n".join(lines) + "\n"
    print(section)
    if arguments.write:
        write_section(HEADING, section)


if __name__ == "__main__":
    main()
