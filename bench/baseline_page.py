"""Benchmark of the municipal baseline pages (issue 14) on PostgreSQL.

    uv run python bench/baseline_page.py           # load (once), measure, print a Markdown section
    uv run python bench/baseline_page.py --write   # ... and put it in docs/benchmarks.md

Loads into ``postgres://postgres@127.0.0.1:5432/zicht_bench_baseline``, once (a second run
reuses it): a region of 60 municipalities (more than any Dutch safety region has), each
with its own organisation and focal officer, four departments and four years of history:
a review every quarter that moves each criterion a step on or back at random (about 7,500
status changes), and a training of each department about twice a year (about 5,800
training records). Loaded with bulk inserts, not the operations: the history is what the
pages read, not what is measured. Then, in one process with Django's test client (DEBUG
off, signed in as the region's hub case manager): the regional page (the matrix of 60 x 23
cells and the progress of eight quarters, every figure computed on each request: the pages
keep no cache), filtered to plateau 1, and one municipality's page.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from benchdoc import write_section  # noqa: E402

HEADING = "## Baseline of the municipalities (issue 14)"
DB_NAME = os.environ.get("BENCH_BASELINE_DB", "zicht_bench_baseline")
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
MUNICIPALITIES = 60
DEPARTMENTS = 4
YEARS = 4
REGION = "VR99"
REPEATS = 30

sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["ZICHT_DEBUG"] = "0"
os.environ.setdefault("ZICHT_ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings")


def ensure_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        exists = c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            c.execute(f'CREATE DATABASE "{DB_NAME}"')


def load() -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zicht.baseline.models import (
        Criterion,
        CriterionChange,
        CriterionState,
        Department,
        Training,
    )
    from zicht.organisations.models import (
        Membership,
        Municipality,
        Organisation,
        OrganisationType,
        Region,
        Role,
    )

    if Region.objects.filter(code=REGION).exists():
        return {
            "changes": CriterionChange.objects.count(),
            "trainings": Training.objects.count(),
        }
    rng = random.Random(14)
    users = get_user_model()
    password = make_password("bench")
    today = timezone.localdate()
    first_day = today - datetime.timedelta(days=365 * YEARS)
    criteria = list(Criterion.objects.filter(proved_by=""))
    steps = ["not_started", "in_progress", "met"]
    with transaction.atomic():
        region = Region.objects.create(code=REGION, name="Benchregio")
        hub = Organisation.objects.create(
            name="Kenniscentrum Benchregio", type=OrganisationType.REGIONAL_HUB, region=region
        )
        hub_user = users.objects.create(username="hub.bench", password=password)
        TOTPDevice.objects.create(user=hub_user, name="bench", confirmed=True)
        Membership.objects.create(user=hub_user, organisation=hub, role=Role.HUB_CASE_MANAGER)
        for n in range(MUNICIPALITIES):
            municipality = Municipality.objects.create(
                cbs_code=f"GM9{n:03d}",
                name=f"Benchgemeente {n + 1:02d}",
                region=region,
                police_unit_code="RE99",
                police_unit_name="Bench",
            )
            organisation = Organisation.objects.create(
                name=f"Gemeente {municipality.name}",
                type=OrganisationType.MUNICIPALITY,
                region=region,
                municipality=municipality,
            )
            focal = users.objects.create(
                username=f"afm.bench{n}", first_name="Aandachtsfunctionaris", last_name=str(n),
                password=password,
            )  # fmt: skip
            Membership.objects.create(
                user=focal, organisation=organisation, role=Role.FOCAL_OFFICER
            )
            departments = Department.objects.bulk_create(
                Department(municipality=municipality, name=f"Afdeling {d + 1}")
                for d in range(DEPARTMENTS)
            )
            Department.objects.filter(municipality=municipality).update(
                created_at=timezone.now() - datetime.timedelta(days=365 * YEARS)
            )
            trainings = []
            for department in departments:
                day = first_day + datetime.timedelta(days=rng.randint(0, 180))
                while day < today:
                    trainings += [
                        Training(
                            department=department,
                            participant=f"Medewerker {rng.randint(1, 500)}",
                            title="Signalen van mensenhandel herkennen",
                            followed_on=day,
                            recorded_by=focal,
                        )
                        for _ in range(3)
                    ]
                    day += datetime.timedelta(days=rng.randint(120, 250))
            Training.objects.bulk_create(trainings)
            changes, status = [], {}
            day = first_day
            while day < today:
                for criterion in criteria:
                    if rng.random() < 0.45:
                        current = status.get(criterion.pk, 0)
                        new = min(2, current + 1) if rng.random() < 0.85 else max(0, current - 1)
                        status[criterion.pk] = new
                        changes.append(
                            CriterionChange(
                                municipality=municipality,
                                criterion=criterion,
                                status=steps[new],
                                effective_on=day,
                                evidence_text="Vastgelegd in het overleg." if new == 2 else "",
                                recorded_by=focal,
                                recorded_for=organisation,
                            )
                        )
                day += datetime.timedelta(days=91)
            made = CriterionChange.objects.bulk_create(changes)
            latest = {}
            for change in made:
                latest[change.criterion_id] = change
            CriterionState.objects.bulk_create(
                CriterionState(
                    municipality=municipality,
                    criterion_id=criterion_id,
                    status=change.status,
                    latest=change,
                )
                for criterion_id, change in latest.items()
            )
    with connection.cursor() as cursor:
        for table in ("baseline_criterionchange", "baseline_criterionstate",
                      "baseline_training", "baseline_department"):  # fmt: skip
            cursor.execute(f"VACUUM ANALYZE {table}")
    return {"changes": CriterionChange.objects.count(), "trainings": Training.objects.count()}


def signed_in_client():
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zicht.organisations.models import Membership

    membership = Membership.objects.get(user__username="hub.bench")
    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=membership.user).persistent_id
    session.save()
    return client


PAGES = {
    "regional page, every criterion": "/basisniveau/",
    "regional page, plateau 1": "/basisniveau/?plateau=1",
    "regional page, met only": "/basisniveau/?status=met",
    "one municipality's page": "/basisniveau/gemeente/GM9007/",
}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure() -> dict:
    from django.db import connection

    client = signed_in_client()
    results = {}
    for name, url in PAGES.items():
        for _ in range(2):  # warm-up
            assert client.get(url).status_code == 200
        times, cpu = [], []
        for _ in range(REPEATS):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200
        results[name] = (statistics.median(times), p95(times), statistics.median(cpu))
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
    return {"pages": results, "postgres": version, "load": os.getloadavg()[1]}


def markdown(loaded: dict, measured: dict) -> str:
    rows = "\n".join(
        f"| {name} | {p50:.0f} | {p95_:.0f} | {cpu:.0f} |"
        for name, (p50, p95_, cpu) in measured["pages"].items()
    )
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""{HEADING}

Command: `uv run python bench/baseline_page.py --write` (PostgreSQL {measured["postgres"]}, database `{DB_NAME}`; Python {platform.python_version()}, {os.cpu_count()} CPUs; one process with Django's test client, DEBUG off, signed in as the region's hub case manager: sessions, MFA check and template rendering included, no network hop).

Data: one region of {MUNICIPALITIES} municipalities, each with a focal officer, {DEPARTMENTS} departments and {YEARS} years of history: {loaded["changes"]:,} status changes (a review every quarter) and {loaded["trainings"]:,} training records.

| page | p50 | p95 | CPU of the process, p50 |
|---|---:|---:|---:|
{rows}

Milliseconds, {REPEATS} requests per page after two warm-up requests; the baseline pages keep no cache, so every request computes the matrix ({MUNICIPALITIES} x 23 cells), the proofs (focal officers, every department's trainings) and eight quarters of progress from the whole history. *CPU of the process*: the Python process's own CPU time per request (the database server's work not included), which depends far less on other work on the machine than the wall-clock times. Target (issue 14): p95 under 300 ms uncached.

Load average (5 min) at the end of the run: {measured["load"]:.1f} on {os.cpu_count()} CPUs (this run: {when}).
"""  # noqa: E501


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    loaded = load()
    print(f"loaded: {loaded}", flush=True)
    section = markdown(loaded, measure())
    print(section)
    if args.write:
        write_section(HEADING, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
